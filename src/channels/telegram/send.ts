import { setTimeout as sleep } from "node:timers/promises";
import { type Api, GrammyError, HttpError } from "grammy";
import type { Logger } from "pino";
import type { TelegramLimits } from "./limits.ts";
import type { ReplyTarget } from "./map.ts";
import { SendPacer } from "./pacer.ts";
import type { OutgoingMessage } from "./render.ts";

export interface SenderOptions {
  api: Api;
  log: Logger;
  limits: TelegramLimits;
  /** First delay after a 5xx or network failure; doubles on each retry. */
  retryBaseMs: number;
  /** Tries per message, whatever went wrong, before it is given up (and logged). */
  maxAttempts: number;
}

type Outcome = "sent" | "blocked" | "failed";

/**
 * Sends messages in order within each chat, paced under Telegram's limits. Obeys 429 retry_after,
 * retries 5xx and network failures with backoff, and stops at 403 (the member blocked the bot or
 * removed it from the group): those are logged, never thrown.
 */
export class TelegramSender {
  readonly #options: SenderOptions;
  readonly #pacer: SendPacer;
  readonly #chains = new Map<string, Promise<void>>();

  constructor(options: SenderOptions) {
    this.#options = options;
    this.#pacer = new SendPacer(options.limits);
  }

  /** Queues the messages after those already queued for the chat; resolves when they are sent or given up. */
  deliver(target: ReplyTarget, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    const previous = this.#chains.get(target.chatId) ?? Promise.resolve();
    const chain = previous.then(() => this.#sendAll(target, messages));
    this.#chains.set(target.chatId, chain);
    void chain.finally(() => {
      if (this.#chains.get(target.chatId) === chain) this.#chains.delete(target.chatId);
    });
    return chain;
  }

  async #sendAll(target: ReplyTarget, messages: OutgoingMessage[]): Promise<void> {
    for (const message of messages) {
      // The rest of an answer makes no sense once a part is missing or the chat is closed to us.
      if ((await this.#sendOne(target, message)) !== "sent") return;
    }
  }

  async #sendOne(target: ReplyTarget, message: OutgoingMessage): Promise<Outcome> {
    const { api, log, retryBaseMs, maxAttempts } = this.#options;
    const chatLog = log.child({ chatId: target.chatId });
    for (let attempt = 1; ; attempt++) {
      await this.#pacer.acquire(target.chatId, target.isGroup);
      try {
        await this.#call(api, target, message);
        return "sent";
      } catch (error) {
        const giveUp = attempt >= maxAttempts;
        if (error instanceof GrammyError && error.error_code === 429) {
          const waitMs = (error.parameters.retry_after ?? 1) * 1000;
          chatLog.warn({ retryAfterS: error.parameters.retry_after, attempt }, "Telegram asked to slow down");
          if (giveUp) break;
          this.#pacer.delayChat(target.chatId, waitMs);
          continue;
        }
        if (error instanceof GrammyError && error.error_code === 403) {
          chatLog.warn({ description: error.description }, "Telegram refused the message: the bot is blocked or no longer in the chat");
          return "blocked";
        }
        const transient = error instanceof HttpError || (error instanceof GrammyError && error.error_code >= 500);
        if (!transient) {
          chatLog.error({ err: error }, "Telegram rejected a message; it is dropped");
          return "failed";
        }
        chatLog.warn({ err: error, attempt }, "sending to Telegram failed; retrying");
        if (giveUp) break;
        await sleep(backoff(retryBaseMs, attempt));
      }
    }
    chatLog.error({ attempts: maxAttempts }, "message given up after repeated failures");
    return "failed";
  }

  async #call(api: Api, target: ReplyTarget, message: OutgoingMessage): Promise<void> {
    // Telegram has no ephemeral messages: a private answer in a group replies to the member's message.
    const reply_parameters = target.isGroup && message.private && target.memberMessageId !== undefined ? { message_id: target.memberMessageId, allow_sending_without_reply: true } : undefined;
    if (message.kind === "document") {
      await api.sendDocument(target.chatId, message.url, { ...(reply_parameters ? { reply_parameters } : {}) });
      return;
    }
    await api.sendMessage(target.chatId, message.text, {
      ...(message.keyboard ? { reply_markup: { inline_keyboard: message.keyboard } } : {}),
      ...(reply_parameters ? { reply_parameters } : {}),
    });
  }
}

/** Exponential backoff with a little jitter, capped at 30 s. */
export function backoff(baseMs: number, attempt: number): number {
  const ms = Math.min(30_000, baseMs * 2 ** (attempt - 1));
  return ms * (0.8 + Math.random() * 0.4);
}
