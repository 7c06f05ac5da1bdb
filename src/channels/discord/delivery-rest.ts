import { DefaultRestOptions, REST } from "discord.js";
import type { DiscordConfig } from "../../config/env.ts";

/** A 429 Discord answered to a delivery: the request is not retried here, the delivery engine retries. */
export class DeliveryRateLimited extends Error {
  readonly retryAfterMs: number;
  /** The bot's global limit (every request waits), rather than this route's or this channel's. */
  readonly global: boolean;

  constructor(retryAfterMs: number, global: boolean) {
    super(`Discord rate limit${global ? " (global)" : ""}: retry after ${retryAfterMs} ms`);
    this.name = "DeliveryRateLimited";
    this.retryAfterMs = retryAfterMs;
    this.global = global;
  }
}

/** Timeouts and margins of the delivery REST manager. */
export interface DeliveryRestSettings {
  /** How long one request may take before it is abandoned (then reported as worth retrying). */
  timeoutMs: number;
  /** Extra wait added to Discord's reset times, against clock skew. */
  rateLimitOffsetMs: number;
}

/**
 * Requests per second this REST manager allows itself, of the bot's 50/s global limit: the slash
 * command declarations (register.ts, 10/s) take the rest; interaction answers do not count.
 */
export const DELIVERY_REQUESTS_PER_SECOND = 40;

/**
 * A REST manager of its own for deliveries, since the client's retries 429s and 5xx by itself and
 * a delivery must be tried once. It keeps discord.js's pacing (per-route buckets learnt from the
 * X-RateLimit headers, the global limit), with `retries: 0` so that a 5xx, a timeout or a dropped
 * connection is thrown at once. A 429 is turned into {@link DeliveryRateLimited} as the response
 * arrives: discord.js's `rejectOnRateLimit` would also reject its pre-emptive bucket waits, which
 * are the pacing we want to keep.
 */
export function createDeliveryRest(config: DiscordConfig, settings: DeliveryRestSettings): REST {
  const rest = new REST({
    ...(config.apiUrl ? { api: config.apiUrl } : {}),
    retries: 0,
    timeout: settings.timeoutMs,
    offset: settings.rateLimitOffsetMs,
    globalRequestsPerSecond: DELIVERY_REQUESTS_PER_SECOND,
    async makeRequest(url, init) {
      const response = await DefaultRestOptions.makeRequest(url, init);
      if (response.status !== 429) return response;
      throw new DeliveryRateLimited(
        retryAfterMs(response.headers) + settings.rateLimitOffsetMs,
        response.headers.get("x-ratelimit-global") !== null,
      );
    },
  });
  return rest.setToken(config.token);
}

/** Discord's Retry-After is in seconds (possibly fractional); without one, its bucket reset. */
function retryAfterMs(headers: Headers): number {
  const seconds = Number(headers.get("retry-after") ?? headers.get("x-ratelimit-reset-after"));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds * 1000) : 1000;
}
