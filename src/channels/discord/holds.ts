/**
 * Routes Discord told us to leave alone for a while (a 429's retry-after), so that the other
 * deliveries to the same channel, or every delivery after a global 429, wait instead of being
 * refused too. discord.js's buckets pace the normal flow; these cover what a 429 adds.
 */
export class RouteHolds {
  /** The key of the bot's global limit: a hold on it applies to every route. */
  static readonly GLOBAL = "*";
  readonly #until = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Keeps `route` (or every route, for GLOBAL) waiting for `ms` from now; a longer hold stays. */
  hold(route: string, ms: number): void {
    const until = this.#now() + ms;
    if ((this.#until.get(route) ?? 0) < until) this.#until.set(route, until);
  }

  /** How long a request on `route` must still wait, in ms (0: go). */
  remaining(route: string): number {
    const now = this.#now();
    for (const [key, until] of this.#until) if (until <= now) this.#until.delete(key);
    const until = Math.max(this.#until.get(route) ?? 0, this.#until.get(RouteHolds.GLOBAL) ?? 0);
    return Math.max(0, until - now);
  }
}
