import { createHash, timingSafeEqual } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { type Api, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { WebhookRoute } from "../../core/webhook.ts";
import { readJson } from "./json-body.ts";
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
      const updates = await api.getUpdates(
        { offset, timeout: options.timeoutSeconds, allowed_updates: [...ALLOWED_UPDATES] },
        signal as GrammySignal,
      );
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
      log[needsOperator ? "error" : "warn"](
        { err: error, failures, retryInMs: Math.round(waitMs) },
        "Telegram polling failed; retrying",
      );
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
 * The webhook: requests without Telegram's secret header are refused with 401 before their body is
 * read; accepted updates are answered 200 at once and handled in the background.
 */
export function updatesWebhook(secret: string, onUpdate: (update: Update) => void): WebhookRoute {
  return {
    method: "POST",
    path: WEBHOOK_PATH,
    // A 4096-character message with its entities is larger than the server's default body limit.
    bodyLimitBytes: 1024 * 1024,
    admit(headers) {
      const given = headers["x-telegram-bot-api-secret-token"];
      if (typeof given !== "string" || !sameSecret(given, secret)) {
        return { status: 401, body: { error: { code: "unauthorized", message: "Missing or wrong secret token" } } };
      }
      return undefined;
    },
    async handle(request) {
      const body = readJson(request);
      if (!body.ok) return { status: 400, body: { error: body.error } };
      const update = body.value as Partial<Update> | null;
      if (typeof update?.update_id !== "number")
        return { status: 400, body: { error: { code: "invalid_update", message: "No update_id" } } };
      onUpdate(update as Update);
      return { status: 200, body: { ok: true } };
    },
  };
}
