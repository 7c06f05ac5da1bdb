/** At most `limit` messages in any `windowMs` window. */
export interface RateRule {
  limit: number;
  windowMs: number;
}

/** Telegram's sending limits, as the pacer respects them and the fake server enforces them. */
export interface TelegramLimits {
  /** All chats together: spacing of 1000/30 ms keeps under ~30 messages/s. */
  global: RateRule;
  /** One private chat: ~1 message/s, with a short burst so a two-part answer is not delayed. */
  privateChat: RateRule;
  /** One group: the same short burst rule, and 20 messages per minute. */
  group: RateRule[];
}

/** The limits Telegram documents (FAQ "My bot is hitting limits"). */
export const TELEGRAM_LIMITS: TelegramLimits = {
  global: { limit: 30, windowMs: 1000 },
  privateChat: { limit: 3, windowMs: 3000 },
  group: [
    { limit: 3, windowMs: 3000 },
    { limit: 20, windowMs: 60_000 },
  ],
};

/**
 * What the pacer keeps between itself and each limit. Telegram counts a message when it arrives,
 * and on a loaded machine the sender's process (or the network) can hold one request back and let
 * the next go on time, so two requests may arrive closer together than they left: the pacer plans
 * every window 10% longer, plus 100 ms of such jitter (also in tests, whose windows are shortened).
 */
export const PACING_MARGIN = { ratio: 1.1, jitterMs: 100 } as const;

/** The window the pacer plans for a rule: the platform's own, widened by the margin. */
export function pacedWindowMs(rule: RateRule): number {
  return rule.windowMs * PACING_MARGIN.ratio + PACING_MARGIN.jitterMs;
}

/** The same limits with every window shrunk by `factor` (tests run the real rules, faster). */
export function scaleLimits(limits: TelegramLimits, factor: number): TelegramLimits {
  const scale = (r: RateRule): RateRule => ({ limit: r.limit, windowMs: r.windowMs / factor });
  return { global: scale(limits.global), privateChat: scale(limits.privateChat), group: limits.group.map(scale) };
}

/** The largest file a bot may upload (Bot API "Sending files": 50 MB); larger files are not sent. */
export const TELEGRAM_UPLOAD_MAX_BYTES = 50 * 1024 * 1024;

/** The largest image sent as a photo (10 MB); a larger one goes as a document, uncompressed. */
export const TELEGRAM_PHOTO_MAX_BYTES = 10 * 1024 * 1024;
