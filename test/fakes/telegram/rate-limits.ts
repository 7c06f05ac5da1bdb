import { type RateRule, TELEGRAM_LIMITS, type TelegramLimits } from "../../../src/channels/telegram/limits.ts";

// Sends within 90% of a window count: pacing exactly at the limit must not be judged by network jitter.
const TOLERANCE = 0.9;

/**
 * Telegram's sending limits as the fake enforces them: sliding windows per chat and for all chats,
 * and, like Telegram, a chat told to retry after N seconds keeps getting 429 until then.
 */
export class FakeRateLimits {
  readonly #limits: TelegramLimits;
  readonly #accepted = new Map<string, number[]>();
  readonly #heldUntil = new Map<string, number>();
  /** 429s the bot earned by sending to a chat before its retry_after was over. */
  ignoredRetryAfter = 0;

  constructor(limits: TelegramLimits = TELEGRAM_LIMITS) {
    this.#limits = limits;
  }

  /** Tells the chat to wait `seconds` (an injected or earned 429). */
  hold(chatId: string, seconds: number, at: number): void {
    this.#heldUntil.set(chatId, Math.max(this.#heldUntil.get(chatId) ?? 0, at + seconds * 1000 * TOLERANCE));
  }

  /** Seconds to wait if a send at `at` breaks a limit (and then it is not counted), else 0. */
  check(chatId: string, isGroup: boolean, at: number): number {
    const heldMs = (this.#heldUntil.get(chatId) ?? 0) - at;
    if (heldMs > 0) {
      this.ignoredRetryAfter++;
      return Math.max(1, Math.ceil(heldMs / 1000));
    }
    const checks: [string, RateRule][] = [
      ["*", this.#limits.global],
      ...(isGroup ? this.#limits.group : [this.#limits.privateChat]).map((r): [string, RateRule] => [chatId, r]),
    ];
    let waitMs = 0;
    for (const [key, rule] of checks)
      waitMs = Math.max(waitMs, overLimitFor(this.#accepted.get(key) ?? [], at, rule.limit, rule.windowMs * TOLERANCE));
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      this.hold(chatId, seconds, at);
      return seconds;
    }
    for (const key of new Set(checks.map(([k]) => k))) {
      const list = (this.#accepted.get(key) ?? []).filter((t) => t > at - 120_000);
      list.splice(insertionIndex(list, at), 0, at);
      this.#accepted.set(key, list);
    }
    return 0;
  }
}

/**
 * How long a call arriving at `at` should have waited, or 0 if it fits: it must not make `limit` + 1
 * calls in any window of `windowMs`. Calls are kept sorted by arrival, and each window around `at` is
 * checked, so a call whose body was read after a later one's is judged by when it arrived.
 */
function overLimitFor(sorted: number[], at: number, limit: number, windowMs: number): number {
  const i = insertionIndex(sorted, at);
  const withCall = [...sorted.slice(Math.max(0, i - limit), i), at, ...sorted.slice(i, i + limit)];
  const self = Math.min(i, limit);
  let waitMs = 0;
  for (let first = Math.max(0, self - limit); first <= self && first + limit < withCall.length; first++) {
    const span = withCall[first + limit]! - withCall[first]!;
    if (span < windowMs) waitMs = Math.max(waitMs, windowMs - span);
  }
  return waitMs;
}

/** Where `at` goes in the sorted list, after equal instants. */
function insertionIndex(sorted: number[], at: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! <= at) low = mid + 1;
    else high = mid;
  }
  return low;
}
