import type { FastifyPluginAsync, FastifyReply } from "fastify";
import type { WebhookResponse, WebhookRoute } from "../core/webhook.ts";

/**
 * An adapter's webhook as a Fastify plugin, to register on the bot's server: an encapsulated scope
 * where the body is read as bytes up to the route's own limit (the server's JSON parser and 4 KB
 * limit stay as they are elsewhere), `admit` runs before the body is read, and `handle` answers.
 */
export function webhookPlugin(route: WebhookRoute): FastifyPluginAsync {
  return async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
    const oversized = route.oversized;
    if (oversized) {
      scope.setErrorHandler((error: { code?: string }, _request, reply) => {
        if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") return send(reply, oversized);
        throw error;
      });
    }
    scope.route({
      method: route.method,
      url: route.path,
      bodyLimit: route.bodyLimitBytes,
      onRequest: async (request, reply) => {
        const refusal = route.admit?.(request.headers);
        if (refusal) return send(reply, refusal);
      },
      handler: async (request, reply) => {
        const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const queryAt = request.url.indexOf("?");
        const query = queryAt < 0 ? "" : request.url.slice(queryAt + 1);
        return send(reply, await route.handle({ headers: request.headers, rawBody, query }));
      },
    });
  };
}

function send(reply: FastifyReply, response: WebhookResponse) {
  reply.code(response.status);
  if (response.headers) reply.headers(response.headers);
  return reply.send(response.body);
}
