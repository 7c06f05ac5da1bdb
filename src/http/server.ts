import Fastify, { type FastifyError } from "fastify";
import type { Logger } from "pino";
import { type LocalChannelOptions, localChannelRoutes, signInRequiredRoutes } from "../channels/local/routes.ts";
import { LOOPBACK_HOSTS } from "../config/env.ts";
import type { ChannelAdapter } from "../core/channel.ts";
import type { Database } from "../db/database.ts";
import { drainOnClose } from "./drain.ts";
import { createHealthCheck, type HealthCheck } from "./health.ts";
import { hostGuard } from "./host-guard.ts";
import { webhookPlugin } from "./webhooks.ts";

/** Bodies over 4 KB are refused: a chat message is short, and the limit protects the process. */
export const MAX_BODY_BYTES = 4096;

export interface ServerOptions {
  database: Pick<Database, "kind" | "ping">;
  log: Logger;
  local?: LocalChannelOptions | undefined;
  /** Platform adapters that receive over HTTP (webhooks) mount their routes here. */
  adapters?: ChannelAdapter[];
  startedAt: Date;
  /**
   * Demo mode: the local channel believes the user id in each request. Otherwise its API answers
   * 401 until web sign-in exists (and whether or not the web chat is on).
   */
  demo: boolean;
  /** Host names answered (default: loopback names); any other `Host`, or `Origin` on a change, gets 403. */
  allowedHosts?: readonly string[];
  /** The database write check behind /healthz; one is made from `database` when absent. */
  health?: HealthCheck;
}

/** The HTTP server: health check, the local channel when enabled, and platform webhooks. */
export async function buildServer(options: ServerOptions) {
  const app = Fastify({ loggerInstance: options.log, bodyLimit: MAX_BODY_BYTES, forceCloseConnections: "idle" });
  drainOnClose(app);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = clientErrors[error.code];
    if (known) return reply.code(400).send({ error: { code: known, message: error.message } });
    const reference = request.id;
    request.log.error({ err: error, reference }, "request failed");
    return reply
      .code(500)
      .send({ error: { code: "internal", message: "Something went wrong on our side.", reference } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: "not_found", message: `No route ${request.method} ${request.url}` } }),
  );

  const healthy = options.health ?? createHealthCheck(options.database, options.log);
  // The answer never carries the database's error text: it may name hosts, paths or users. The log has it.
  app.get("/healthz", async (_request, reply) => {
    const base = {
      database: options.database.kind,
      uptimeSeconds: Math.round((Date.now() - options.startedAt.getTime()) / 1000),
    };
    if (await healthy()) return { status: "ok", ...base };
    return reply.code(503).send({ status: "unavailable", ...base });
  });

  app.addHook("onRequest", hostGuard(options.allowedHosts ?? LOOPBACK_HOSTS));
  if (!options.demo) await app.register(signInRequiredRoutes, { page: options.local !== undefined });
  else if (options.local) await app.register(localChannelRoutes, options.local);
  for (const adapter of options.adapters ?? []) {
    for (const route of adapter.webhooks ?? []) await app.register(webhookPlugin(route));
  }
  return app;
}

// Fastify's own codes for requests the client got wrong; all answered 400 with a reason.
const clientErrors: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "invalid_json",
  FST_ERR_CTP_BODY_TOO_LARGE: "message_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_EMPTY_JSON_BODY: "invalid_json",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "invalid_content_length",
};
