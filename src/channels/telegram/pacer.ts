import { setTimeout as sleep } from "node:timers/promises";
import { pacedWindowMs, type RateRule, type TelegramLimits } from "./limits.ts";

/**
 * Spaces outgoing messages so Telegram never has to answer 429: a sliding window per chat, and an
 * even spacing across all chats, both over the instants requests actually left (never the instants
 * planned for them) and over windows widened by the pacing margin. Callers for one chat must be
 * serialised (the sender does that), so a chat's send times only grow.
 */
export class SendPacer {
  readonly #limits: TelegramLimits;
  readonly #sentByChat = new Map<string, number[]>();
  readonly #heldUntil = new Map<string, number>();
  /** Future global send slots, sorted; kept one spacing apart. */
  readonly #slots: number[] = [];
  #gate: Promise<void> = Promise.resolve();
  #lastRelease = 0;
  /** Milliseconds between two sends across all chats. */
  readonly #spacing: number;

  constructor(limits: TelegramLimits) {
    this.#limits = limits;
    this.#spacing = pacedWindowMs(limits.global) / limits.global.limit;
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
    const longest = Math.max(...rules.map(pacedWindowMs));
    while (sent.length > 0 && sent[0]! <= at - longest) sent.shift();
    const wait = at - Date.now();
    if (wait > 0) await sleep(wait);
    // The gate stamps the release, and grammY writes the request in the same turn of the event loop
    // on a kept-alive connection (no I/O wait between them): the stamp is the instant it leaves. A
    // new connection connects first; the pacing margin covers that delay.
    sent[sent.length - 1] = await this.#passGate();
  }

  /**
   * Timers that fire late (a busy event loop) would release several planned slots at once; the gate
   * lets them through one spacing apart, so a burst never reaches Telegram.
   */
  async #passGate(): Promise<number> {
    const turn = this.#gate.then(async () => {
      // A loop: the timer may fire early by a millisecond, and a stall never shortens the gap.
      for (
        let wait = this.#lastRelease + this.#spacing - Date.now();
        wait > 0;
        wait = this.#lastRelease + this.#spacing - Date.now()
      )
        await sleep(wait);
      this.#lastRelease = Date.now();
      return this.#lastRelease;
    });
    this.#gate = turn.then(() => undefined);
    return turn;
  }

  /**
   * The earliest slot from `from` at least one spacing away from every reserved one. A chat that
   * waits for its own window takes a later slot without holding up the other chats.
   */
  #reserveGlobalSlot(from: number): number {
    const spacing = this.#spacing;
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
    const longest = Math.max(pacedWindowMs(this.#limits.privateChat), ...this.#limits.group.map(pacedWindowMs));
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
  return sent[sent.length - rule.limit]! + pacedWindowMs(rule);
}
