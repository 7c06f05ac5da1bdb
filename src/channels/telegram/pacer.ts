import { setTimeout as sleep } from "node:timers/promises";
import type { RateRule, TelegramLimits } from "./limits.ts";

/**
 * Spaces outgoing messages so Telegram never has to answer 429: a sliding window per chat, and an
 * even spacing across all chats. Callers for one chat must be serialised (the sender does that),
 * so a chat's send times only grow.
 */
export class SendPacer {
  readonly #limits: TelegramLimits;
  readonly #sentByChat = new Map<string, number[]>();
  readonly #heldUntil = new Map<string, number>();
  /** Future global send slots, sorted; kept one spacing apart. */
  readonly #slots: number[] = [];
  #gate: Promise<void> = Promise.resolve();
  #lastRelease = 0;

  constructor(limits: TelegramLimits) {
    this.#limits = limits;
  }

  /** Resolves when a message to `chatId` may go out, and counts it as sent then. */
  async acquire(chatId: string, isGroup: boolean): Promise<void> {
    const rules = isGroup ? this.#limits.group : [this.#limits.privateChat];
    const sent = this.#sentByChat.get(chatId) ?? [];
    this.#sentByChat.set(chatId, sent);
    const held = this.#heldUntil.get(chatId) ?? 0;
    if (held && held <= Date.now()) this.#heldUntil.delete(chatId);
    const chatReady = Math.max(Date.now(), held, ...rules.map((rule) => readyAt(sent, rule)));
    const at = this.#reserveGlobalSlot(chatReady);
    sent.push(at);
    const longest = Math.max(...rules.map((r) => r.windowMs));
    while (sent.length > 0 && sent[0]! <= at - longest) sent.shift();
    const wait = at - Date.now();
    if (wait > 0) await sleep(wait);
    await this.#passGate();
    // Count the message when it really leaves: a busy event loop may have fired the timer late.
    sent[sent.length - 1] = Date.now();
  }

  /**
   * Timers that fire late (a busy event loop) would release several planned slots at once; the gate
   * lets them through one spacing apart, so a burst never reaches Telegram.
   */
  async #passGate(): Promise<void> {
    const spacing = this.#limits.global.windowMs / this.#limits.global.limit;
    const turn = this.#gate.then(async () => {
      const wait = this.#lastRelease + spacing - Date.now();
      if (wait > 0) await sleep(wait);
      this.#lastRelease = Date.now();
    });
    this.#gate = turn;
    await turn;
  }

  /**
   * The earliest slot from `from` at least one spacing away from every reserved one. A chat that
   * waits for its own window takes a later slot without holding up the other chats.
   */
  #reserveGlobalSlot(from: number): number {
    const spacing = this.#limits.global.windowMs / this.#limits.global.limit;
    const now = Date.now();
    while (this.#slots.length > 0 && this.#slots[0]! <= now - spacing) this.#slots.shift();
    let at = from;
    let index = 0;
    for (; index < this.#slots.length; index++) {
      const slot = this.#slots[index]!;
      if (slot <= at - spacing) continue;
      if (slot >= at + spacing) break;
      at = slot + spacing;
    }
    this.#slots.splice(index, 0, at);
    if (this.#sentByChat.size > 10_000) this.#forgetIdleChats(now);
    return at;
  }

  #forgetIdleChats(now: number): void {
    const longest = Math.max(this.#limits.privateChat.windowMs, ...this.#limits.group.map((r) => r.windowMs));
    for (const [chat, sent] of this.#sentByChat) if ((sent.at(-1) ?? 0) < now - longest) this.#sentByChat.delete(chat);
  }

  /** Holds a chat back after Telegram asked to wait (429 retry_after). */
  delayChat(chatId: string, ms: number): void {
    this.#heldUntil.set(chatId, Math.max(this.#heldUntil.get(chatId) ?? 0, Date.now() + ms));
  }
}

/** The earliest time one more message fits the rule, given the sorted past send times. */
function readyAt(sent: number[], rule: RateRule): number {
  if (sent.length < rule.limit) return 0;
  return sent[sent.length - rule.limit]! + rule.windowMs;
}
