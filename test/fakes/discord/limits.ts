import { createHash } from "node:crypto";

/** A fixed window of `limit` requests per `windowMs`, as Discord's buckets are. */
export interface Window {
  limit: number;
  windowMs: number;
}

interface Bucket {
  start: number;
  count: number;
}

export interface Verdict {
  allowed: boolean;
  headers: Record<string, string>;
  retryAfterS: number;
  global: boolean;
}

/**
 * Discord's rate limits as the fake enforces them: 50 requests per second for everything the bot
 * token authenticates (interaction callbacks and interaction webhooks are exempt, as documented),
 * and per-route buckets announced with X-RateLimit-* headers.
 */
export class RateLimits {
  readonly #global: Window;
  readonly #route: (key: string) => Window;
  #globalBucket: Bucket = { start: 0, count: 0 };
  readonly #buckets = new Map<string, Bucket>();

  constructor(global: Window, route: (key: string) => Window) {
    this.#global = global;
    this.#route = route;
  }

  check(routeKey: string, authenticated: boolean, now = Date.now()): Verdict {
    if (authenticated) {
      const g = this.#tick(this.#globalBucket, this.#global, now);
      if (g.count > this.#global.limit) {
        const retryAfterS = (g.start + this.#global.windowMs - now) / 1000;
        return {
          allowed: false,
          global: true,
          retryAfterS,
          headers: {
            "retry-after": String(Math.ceil(retryAfterS)),
            "x-ratelimit-global": "true",
            "x-ratelimit-scope": "global",
          },
        };
      }
    }
    const window = this.#route(routeKey);
    const bucket = this.#buckets.get(routeKey) ?? { start: 0, count: 0 };
    this.#buckets.set(routeKey, bucket);
    this.#tick(bucket, window, now);
    const resetAfterS = Math.max(0, bucket.start + window.windowMs - now) / 1000;
    const headers = {
      "x-ratelimit-limit": String(window.limit),
      "x-ratelimit-remaining": String(Math.max(0, window.limit - bucket.count)),
      "x-ratelimit-reset-after": resetAfterS.toFixed(3),
      "x-ratelimit-reset": ((bucket.start + window.windowMs) / 1000).toFixed(3),
      "x-ratelimit-bucket": createHash("sha1")
        .update(routeKey.replace(/\d{17,19}/g, ":id"))
        .digest("hex")
        .slice(0, 16),
    };
    if (bucket.count > window.limit) {
      return {
        allowed: false,
        global: false,
        retryAfterS: resetAfterS,
        headers: { ...headers, "retry-after": String(Math.ceil(resetAfterS)), "x-ratelimit-scope": "user" },
      };
    }
    return { allowed: true, global: false, retryAfterS: 0, headers };
  }

  #tick(bucket: Bucket, window: Window, now: number): Bucket {
    if (now - bucket.start >= window.windowMs) {
      bucket.start = now;
      bucket.count = 0;
    }
    bucket.count++;
    return bucket;
  }
}
