import { setTimeout as sleep } from "node:timers/promises";
import { Api } from "grammy";
import type { Update } from "grammy/types";
import type { TelegramConfig } from "../../config/env.ts";
import type { AdapterDeps, ChannelAdapter } from "../../core/channel.ts";
import { LOCALES } from "../../core/i18n.ts";
import { createSerialQueue } from "../../shared/serial-queue.ts";
import { createCallbackCodec } from "./callback-data.ts";
import { menuFor } from "./commands.ts";
import { createDeliver, createEdit } from "./deliver.ts";
import { TELEGRAM_LIMITS, type TelegramLimits } from "./limits.ts";
import { toTelegramEvent } from "./map.ts";
import { ALLOWED_UPDATES, pollUpdates, updatesWebhook, WEBHOOK_PATH } from "./receive.ts";
import { renderReply } from "./render.ts";
import { backoff, TelegramSender } from "./send.ts";

export interface TelegramAdapterOptions {
  /** First retry delay after a failure (5xx, network); doubles each time. Default 1000 ms. */
  retryBaseMs?: number;
  /** Tries per answer message before it is given up. Default 5. */
  maxAttempts?: number;
  /** What a proactive delivery suggests waiting after a 5xx or network failure. Default 2000 ms. */
  deliveryRetryMs?: number;
  /** A send Telegram has not answered by then counts as failed (network). Default 30 s. */
  sendTimeoutMs?: number;
  /** Sending limits to pace under. Default: Telegram's documented ones. */
  limits?: TelegramLimits;
  /** Long-polling timeout in seconds. Default 25. */
  pollTimeoutSeconds?: number;
  /** Called once an update's answers are all sent or given up (metrics, tests). */
  onHandled?: (updateId: number) => void;
}

/** The Telegram channel: grammY's API client, long polling or a webhook, paced answers and deliveries. */
export function createTelegramAdapter(
  config: TelegramConfig,
  deps: AdapterDeps,
  options: TelegramAdapterOptions = {},
): ChannelAdapter {
  const { log: parentLog, dispatch } = deps;
  const log = parentLog.child({ channel: "telegram" });
  const retryBaseMs = options.retryBaseMs ?? 1000;
  const deliveryRetryMs = options.deliveryRetryMs ?? 2000;
  const api = new Api(config.token, config.apiRoot ? { apiRoot: config.apiRoot } : undefined);
  const codec = createCallbackCodec(config.token);
  const sender = new TelegramSender({
    api,
    log,
    limits: options.limits ?? TELEGRAM_LIMITS,
    retryBaseMs,
    maxAttempts: options.maxAttempts ?? 5,
    deliveryRetryMs,
    sendTimeoutMs: options.sendTimeoutMs ?? 30_000,
  });
  const deliveryDeps = { sender, codec, log, retryMs: deliveryRetryMs };
  const inFlight = new Set<Promise<void>>();
  const chats = createSerialQueue();
  const stopping = new AbortController();
  let botUsername: string | undefined;
  let running: Promise<void> | undefined;

  async function handle(update: Update): Promise<void> {
    const event = toTelegramEvent(update, codec, botUsername, new Date());
    if (!event) {
      // A press we cannot place (e.g. on an inline-mode message) still stops the client's spinner.
      if (update.callback_query) await api.answerCallbackQuery(update.callback_query.id).catch(() => undefined);
      return;
    }
    if (event.callbackQueryId) {
      // Clients show a spinner until the press is answered: answer first, whatever follows.
      api
        .answerCallbackQuery(event.callbackQueryId)
        .catch((err: unknown) => log.warn({ err }, "answerCallbackQuery failed"));
    }
    // One chat's updates reach the core in order; sending is queued in that same order.
    const chatId = event.target.chatId;
    const replies = await chats.run(chatId, () => dispatch(event.inbound));
    await sender.answer(
      event.target,
      replies.flatMap((r) => renderReply(r, codec, log.child({ chatId }))),
    );
  }

  function accept(update: Update): void {
    const job = handle(update)
      .catch((err: unknown) => log.error({ err, updateId: update.update_id }, "Telegram update could not be handled"))
      .finally(() => {
        inFlight.delete(job);
        options.onHandled?.(update.update_id);
      });
    inFlight.add(job);
  }

  async function setUp(): Promise<void> {
    const me = await api.getMe();
    botUsername = me.username;
    for (const locale of LOCALES) {
      // French is the default menu (no language_code); other languages are declared by code.
      await api.setMyCommands(menuFor(deps.commands, locale), locale === "fr" ? {} : { language_code: locale });
    }
    if (config.webhook) {
      const url = `${config.webhook.publicUrl.replace(/\/+$/, "")}${WEBHOOK_PATH}`;
      await api.setWebhook(url, { secret_token: config.webhook.secret, allowed_updates: [...ALLOWED_UPDATES] });
    } else {
      await api.deleteWebhook();
    }
  }

  /** Sets up until it works (retrying in the background), then polls if there is no webhook. */
  async function run(firstAttempt: () => void): Promise<void> {
    for (let attempt = 1; !stopping.signal.aborted; attempt++) {
      try {
        await setUp();
        firstAttempt();
        break;
      } catch (err) {
        firstAttempt();
        if (stopping.signal.aborted) return;
        const retryInMs = Math.round(backoff(retryBaseMs, attempt));
        log.warn({ err, attempt, retryInMs }, "Telegram set-up failed; retrying");
        await sleep(retryInMs, undefined, { signal: stopping.signal }).catch(() => undefined);
      }
    }
    if (config.webhook || stopping.signal.aborted) return;
    await pollUpdates({
      api,
      log,
      retryBaseMs,
      timeoutSeconds: options.pollTimeoutSeconds ?? 25,
      signal: stopping.signal,
      onUpdate: accept,
    });
  }

  return {
    platform: "telegram",
    botUsername: () => botUsername,
    ...(config.webhook ? { webhooks: [updatesWebhook(config.webhook.secret, accept)] } : {}),
    async start() {
      await new Promise<void>((resolve) => {
        running = run(resolve).catch((err: unknown) => log.error({ err }, "Telegram receiving stopped unexpectedly"));
      });
      log.info({ mode: config.webhook ? "webhook" : "polling", bot: botUsername }, "Telegram channel started");
    },
    async stop() {
      stopping.abort();
      await running;
      await Promise.allSettled([...inFlight]);
    },
    deliver: createDeliver(deliveryDeps),
    edit: createEdit(deliveryDeps),
  };
}
