import type { RequestListener } from "node:http";
import { type Logger as BoltLogger, HTTPReceiver, type Receiver, SocketModeReceiver } from "@slack/bolt";
import type { SlackConfig } from "../../config/env.ts";
import type { WebhookRoute } from "../../core/webhook.ts";
import { answerThroughBolt } from "./bolt-bridge.ts";

/** Events, slash commands and interactivity all arrive on this one request URL. */
export const EVENTS_PATH = "/slack/events";
// Slack's payloads, even a modal with long texts, stay far below this.
const BODY_LIMIT_BYTES = 1024 * 1024;

/** Bolt's receiver: socket mode when an app token is set (development), else signed HTTP requests. */
export function createReceiver(
  config: SlackConfig,
  logger: BoltLogger,
): { receiver: Receiver; http?: RequestListener } {
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
 * Slack's request URL as a webhook: the HTTP server hands over the exact bytes Slack signed and
 * Bolt's own receiver verifies the signature, rejects bad or stale ones (> 5 min) with 401, and
 * acknowledges. `handle` resolves with Bolt's acknowledgement (within Slack's 3 s); the listeners
 * it started go on after (processBeforeResponse is off).
 */
export function eventsWebhook(listener: RequestListener): WebhookRoute {
  return {
    method: "POST",
    path: EVENTS_PATH,
    bodyLimitBytes: BODY_LIMIT_BYTES,
    // What Bolt answers when it reads too large a body itself.
    oversized: { status: 413 },
    handle: (request) => answerThroughBolt(listener, EVENTS_PATH, request),
  };
}
