import { createHash, timingSafeEqual } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { FastifyInstance } from "fastify";
import { type Api, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import { backoff } from "./send.ts";

/** The path Telegram posts updates to in webhook mode. */
export const WEBHOOK_PATH = "/telegram/webhook";
export const ALLOWED_UPDATES = ["message", "callback_query"] as const;

// grammY types its signal with the abort-controller polyfill; a native AbortSignal works the same.
type GrammySignal = Parameters<Api["getUpdates"]>[1];

export interface PollingOptions {
  api: Api;
  log: Logger;
  retryBaseMs: number;
  /** Long-polling timeout Telegram holds getUpdates open for. */
  timeoutSeconds: number;
  signal: AbortSignal;
  onUpdate(update: Update): void;
}

/**
 * Long polling through grammY's `getUpdates`, until `signal` aborts. Updates are confirmed as soon
 * as they are handed over (the core de-duplicates by update_id if one comes twice); any failure,
 * API down, 5xx, dropped connection, is logged and retried with backoff, never thrown.
 */
export async function pollUpdates(options: PollingOptions): Promise<void> {
  const { api, log, signal } = options;
  let offset = 0;
  let failures = 0;
  while (!signal.aborted) {
    try {
      const updates = await api.getUpdates({ offset, timeout: options.timeoutSeconds, allowed_updates: [...ALLOWED_UPDATES] }, signal as GrammySignal);
      if (failures > 0) log.info({ failures }, "Telegram polling recovered");
      failures = 0;
      for (const update of updates) {
        offset = Math.max(offset, update.update_id + 1);
        options.onUpdate(update);
      }
    } catch (error) {
      if (signal.aborted) break;
      failures++;
      const retryAfterS = error instanceof GrammyError ? error.parameters.retry_after : undefined;
      const waitMs = retryAfterS ? retryAfterS * 1000 : backoff(options.retryBaseMs, failures);
      // 401 (token revoked) and 409 (a webhook or another instance) need an operator: say so louder.
      const needsOperator = error instanceof GrammyError && (error.error_code === 401 || error.error_code === 409);
      log[needsOperator ? "error" : "warn"]({ err: error, failures, retryInMs: Math.round(waitMs) }, "Telegram polling failed; retrying");
      await sleep(waitMs, undefined, { signal }).catch(() => undefined);
    }
  }
}

/** Compares secrets in constant time, whatever their lengths. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Mounts the webhook: requests without Telegram's secret header are refused with 401 before their
 * body is read; accepted updates are answered 200 at once and handled in the background.
 */
export async function webhookRoutes(app: FastifyInstance, secret: string, onUpdate: (update: Update) => void): Promise<void> {
  app.post(
    WEBHOOK_PATH,
    {
      // A 4096-character message with its entities is larger than the server's default body limit.
      bodyLimit: 1024 * 1024,
      onRequest: async (request, reply) => {
        const given = request.headers["x-telegram-bot-api-secret-token"];
        if (typeof given !== "string" || !sameSecret(given, secret)) {
          return reply.code(401).send({ error: { code: "unauthorized", message: "Missing or wrong secret token" } });
        }
      },
    },
    async (request, reply) => {
      const update = request.body as Partial<Update> | undefined;
      if (typeof update?.update_id !== "number") return reply.code(400).send({ error: { code: "invalid_update", message: "No update_id" } });
      onUpdate(update as Update);
      return reply.code(200).send({ ok: true });
    },
  );
}
