import type {
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { Logger } from "pino";

/**
 * On close, waits for the requests being handled to be answered, then closes every connection.
 * Fastify's "idle" force-close leaves sockets that sent nothing yet (a proxy's or browser's pre-opened
 * connection) or only part of a request: each would hold the stop until the shutdown timeout.
 */
export function drainOnClose(
  app: FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, Logger>,
): void {
  let handling = 0;
  let drained: (() => void) | undefined;
  app.addHook("onRequest", async (_request, reply) => {
    handling += 1;
    // "close" fires once the response is sent, or when the client goes away first.
    reply.raw.once("close", () => {
      handling -= 1;
      if (handling === 0) drained?.();
    });
  });
  app.addHook("preClose", async () => {
    if (handling > 0) await new Promise<void>((resolve) => (drained = resolve));
    app.server.closeAllConnections();
  });
}
