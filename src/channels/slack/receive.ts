import type { RequestListener } from "node:http";
import { HTTPReceiver, type Logger as BoltLogger, type Receiver, SocketModeReceiver } from "@slack/bolt";
import type { FastifyInstance } from "fastify";
import type { SlackConfig } from "../../config/env.ts";

/** Events, slash commands and interactivity all arrive on this one request URL. */
export const EVENTS_PATH = "/slack/events";
// Bolt reads the body (Fastify does not): Slack's payloads, even a modal with long texts, stay far below this.
const BODY_LIMIT_BYTES = 1024 * 1024;

/** Bolt's receiver: socket mode when an app token is set (development), else signed HTTP requests. */
export function createReceiver(config: SlackConfig, logger: BoltLogger): { receiver: Receiver; http?: RequestListener } {
  if (config.appToken) return { receiver: new SocketModeReceiver({ appToken: config.appToken, logger }) };
  const http = new HTTPReceiver({
    signingSecret: config.signingSecret,
    endpoints: EVENTS_PATH,
    logger,
    bodyLimit: BODY_LIMIT_BYTES,
    // Answer first, work after: Slack wants the HTTP answer within 3 s.
    processBeforeResponse: false,
  });
  return { receiver: http, http: http.requestListener };
}

/**
 * Mounts Bolt's HTTP request listener on the bot's Fastify server. Fastify leaves the body unread
 * and hands over the raw request: Bolt verifies the signature over the exact bytes Slack signed,
 * rejects bad or stale signatures (> 5 min) with 401, and acknowledges.
 */
export async function mountEvents(app: FastifyInstance, listener: RequestListener): Promise<void> {
  // An encapsulated scope: the server's JSON parser and 4 KB limit stay as they are elsewhere.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, _payload, done) => done(null));
    scope.post(EVENTS_PATH, (request, reply) => {
      reply.hijack();
      listener(request.raw, reply.raw);
    });
  });
}
