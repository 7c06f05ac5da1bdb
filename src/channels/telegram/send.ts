import { setTimeout as sleep } from "node:timers/promises";
import { type Api, GrammyError, InputFile } from "grammy";
import type { Message } from "grammy/types";
import type { Logger } from "pino";
import type { DeliveryOutcome } from "../../core/channel.ts";
import { createSerialQueue } from "../../shared/serial-queue.ts";
import { classifyFailure, type SendFailure } from "./failure.ts";
import { quotedName } from "./files.ts";
import type { TelegramLimits } from "./limits.ts";
import type { ReplyTarget } from "./map.ts";
import { SendPacer } from "./pacer.ts";
import type { OutgoingMessage } from "./render.ts";

type OutgoingText = Extract<OutgoingMessage, { kind: "text" }>;

const NOT_MODIFIED = /message is not modified/i;
// An upload gets this much more time per byte than a message (1 MB/s, a slow uplink): a 50 MB export
// abandoned at the usual timeout would be sent again, and may arrive twice.
const UPLOAD_MS_PER_BYTE = 1000 / (1024 * 1024);

export interface SenderOptions {
  api: Api;
  log: Logger;
  limits: TelegramLimits;
  /** First delay after a 5xx or network failure of an answer; doubles on each retry. */
  retryBaseMs: number;
  /** Tries per answer message, whatever went wrong, before it is given up (and logged). */
  maxAttempts: number;
  /** What a proactive delivery suggests waiting after a 5xx or network failure. */
  deliveryRetryMs: number;
  /** A call Telegram has not answered by then is abandoned (and may still have been delivered). */
  sendTimeoutMs: number;
}

// grammY types its signal with the abort-controller polyfill; a native AbortSignal works the same.
type GrammySignal = Parameters<Api["sendMessage"]>[3];

/**
 * Sends messages in order within each chat, paced under Telegram's limits. Answers are retried
 * here (429 retry_after, 5xx and network failures with backoff); proactive deliveries are tried
 * once and their outcome handed back, since the delivery engine owns their retries.
 */
export class TelegramSender {
  readonly #options: SenderOptions;
  readonly #pacer: SendPacer;
  readonly #chats = createSerialQueue();

  constructor(options: SenderOptions) {
    this.#options = options;
    this.#pacer = new SendPacer(options.limits);
  }

  /** Queues an answer after what is queued for the chat; resolves when it is sent or given up. */
  answer(target: ReplyTarget, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return this.#inTurn(target.chatId, async () => {
      for (const message of messages) {
        const failure = await this.#sendWithRetries(target, message);
        // The rest of an answer makes no sense once a text part is missing or the chat is closed to
        // us; a file that could not go does not hold back the next one.
        if (failure && (message.kind === "text" || failure === "blocked")) return;
      }
    });
  }

  /**
   * Queues a proactive message and tries each part once, in turn. A part that fails ends the
   * delivery with its outcome: the parts before it were sent, and the engine's retry sends them
   * again (at-least-once). The id handed back is the last text message's, the one an edit can
   * replace (a photo or document has no text to edit), or the last file's when there is no text.
   */
  sendOnce(target: ReplyTarget, messages: OutgoingMessage[]): Promise<DeliveryOutcome> {
    return this.#inTurn(target.chatId, async (): Promise<DeliveryOutcome> => {
      let last: Message | undefined;
      let lastText: Message | undefined;
      for (const message of messages) {
        await this.#pacer.acquire(target.chatId, target.isGroup);
        try {
          last = await this.#call(target, message);
          if (message.kind === "text") lastText = last;
        } catch (error) {
          return this.#outcomeOf(target, error);
        }
      }
      const kept = lastText ?? last;
      if (!kept) return { kind: "failed", reason: "nothing to send: the reply has no text, choice or file" };
      return { kind: "sent", platformMessageId: String(kept.message_id) };
    });
  }

  /**
   * Replaces the text and keyboard of a message the bot sent, in the chat's turn and pacing (an edit
   * counts against Telegram's limits like a send), trying once. Without a keyboard the old one goes.
   */
  editOnce(target: ReplyTarget, messageId: number, message: OutgoingText): Promise<DeliveryOutcome> {
    return this.#inTurn(target.chatId, async (): Promise<DeliveryOutcome> => {
      await this.#pacer.acquire(target.chatId, target.isGroup);
      const signal = AbortSignal.timeout(this.#options.sendTimeoutMs) as GrammySignal;
      const options = {
        ...(message.entities ? { entities: message.entities } : {}),
        ...(message.keyboard ? { reply_markup: { inline_keyboard: message.keyboard } } : {}),
      };
      try {
        await this.#options.api.editMessageText(target.chatId, messageId, message.text, options, signal);
      } catch (error) {
        // Progress that did not change since the last edit: the member already sees this text.
        if (!(error instanceof GrammyError && error.error_code === 400 && NOT_MODIFIED.test(error.description)))
          return this.#outcomeOf(target, error);
      }
      return { kind: "sent", platformMessageId: String(messageId) };
    });
  }

  /** A proactive call's failure as the engine's outcome, logged once. */
  #outcomeOf(target: ReplyTarget, error: unknown): DeliveryOutcome {
    const failure = this.#noteFailure(target, classifyFailure(error, this.#options.deliveryRetryMs), error);
    return failure.kind === "retry"
      ? { kind: "retry", afterMs: failure.afterMs, reason: failure.reason }
      : { kind: "failed", reason: failure.reason };
  }

  /** Runs `job` once the chat's earlier sends are done: the pacer needs one chat's sends in order. */
  #inTurn<T>(chatId: string, job: () => Promise<T>): Promise<T> {
    // A failed job does not stop the chat's later sends.
    return this.#chats.run(chatId, job);
  }

  /** Sends one message, retrying what may work later; undefined once sent, else why it was given up. */
  async #sendWithRetries(target: ReplyTarget, message: OutgoingMessage): Promise<SendFailure["cause"] | undefined> {
    const { retryBaseMs, maxAttempts } = this.#options;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      await this.#pacer.acquire(target.chatId, target.isGroup);
      try {
        await this.#call(target, message);
        return undefined;
      } catch (error) {
        const failure = this.#noteFailure(
          target,
          classifyFailure(error, backoff(retryBaseMs, attempt)),
          error,
          attempt,
        );
        if (failure.kind === "failed") return failure.cause;
        if (attempt === maxAttempts) break;
        // The pacer already holds the chat back after a 429; other failures wait here.
        if (failure.cause !== "rate-limited") await sleep(failure.afterMs);
      }
    }
    this.#options.log.error(
      { chatId: target.chatId, attempts: maxAttempts, kind: message.kind },
      "message given up after repeated failures",
    );
    return "unavailable";
  }

  /** Logs a failure once, and holds the chat back when Telegram asked to slow down. */
  #noteFailure(target: ReplyTarget, failure: SendFailure, error: unknown, attempt?: number): SendFailure {
    const log = this.#options.log.child({ chatId: target.chatId });
    if (failure.cause === "rate-limited") {
      this.#pacer.delayChat(target.chatId, failure.afterMs);
      log.warn({ retryInMs: failure.afterMs, attempt }, "Telegram asked to slow down");
    } else if (failure.cause === "blocked") {
      log.warn({ reason: failure.reason }, "Telegram refused the message: the bot is blocked or no longer in the chat");
    } else if (failure.cause === "refused") {
      log.error({ reason: failure.reason }, "Telegram rejected a message");
    } else {
      log[failure.cause === "unexpected" ? "error" : "warn"]({ err: error, attempt }, "sending to Telegram failed");
    }
    return failure;
  }

  async #call(target: ReplyTarget, message: OutgoingMessage): Promise<Message> {
    const { api, sendTimeoutMs } = this.#options;
    const uploadMs = message.kind === "upload" ? Math.ceil(message.content.byteLength * UPLOAD_MS_PER_BYTE) : 0;
    const signal = AbortSignal.timeout(sendTimeoutMs + uploadMs) as GrammySignal;
    // Telegram has no ephemeral messages: a private answer in a group replies to the member's message.
    const reply_parameters =
      target.isGroup && message.private && target.memberMessageId !== undefined
        ? { message_id: target.memberMessageId, allow_sending_without_reply: true }
        : undefined;
    const replyOptions = reply_parameters ? { reply_parameters } : {};
    if (message.kind === "document") return api.sendDocument(target.chatId, message.url, replyOptions, signal);
    if (message.kind === "upload") {
      // A fresh InputFile per try: grammY streams it into a multipart body, under the file's own name.
      const file = new InputFile(message.content, quotedName(message.name));
      if (message.as === "photo") return api.sendPhoto(target.chatId, file, replyOptions, signal);
      return api.sendDocument(target.chatId, file, replyOptions, signal);
    }
    const options = {
      // Emphasis as entities, never parse_mode: nothing in the text is read as markup.
      ...(message.entities ? { entities: message.entities } : {}),
      ...(message.keyboard ? { reply_markup: { inline_keyboard: message.keyboard } } : {}),
      ...(reply_parameters ? { reply_parameters } : {}),
    };
    return api.sendMessage(target.chatId, message.text, options, signal);
  }
}

/** Exponential backoff with a little jitter, capped at 30 s. */
export function backoff(baseMs: number, attempt: number): number {
  const ms = Math.min(30_000, baseMs * 2 ** (attempt - 1));
  return ms * (0.8 + Math.random() * 0.4);
}
