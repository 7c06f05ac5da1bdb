import { setTimeout as sleep } from "node:timers/promises";

// Members whose direct conversation is known; older ones are forgotten first (relearned on their next post).
const REMEMBERED_DIRECT = 10_000;

/**
 * Paces posts per Slack conversation (chat.postMessage allows about one per second per channel),
 * shared by answers and deliveries so that together they stay under the limit.
 */
export interface ChannelPacer {
  /** Runs `send` at the channel's next turn: one at a time, in order, `intervalMs` apart, after any hold. */
  paced<T>(channel: string, send: () => Promise<T>): Promise<T>;
  /** Slack answered 429 for `channel` (or route): nothing more goes there for `ms`. */
  hold(channel: string, ms: number): void;
  /**
   * Posts to `user` (a user id, which Slack turns into the bot's DM with them) land in `channel`:
   * from now on both names share one turn, after whatever either had queued.
   */
  sameChannel(user: string, channel: string): void;
}

/** A per-channel queue; a channel's turn ends `intervalMs` after its send settled, success or not. */
export function createChannelPacer(intervalMs: number): ChannelPacer {
  const queues = new Map<string, Promise<void>>();
  const heldUntil = new Map<string, number>();
  const direct = new Map<string, string>();
  const route = (key: string) => direct.get(key) ?? key;

  function enqueue(key: string, tail: Promise<void>): void {
    queues.set(key, tail);
    void tail.then(() => queues.get(key) === tail && queues.delete(key));
  }

  // The key is routed at each look: a member's DM may become known while their post waits.
  async function waitForHold(key: string): Promise<void> {
    // A loop: another 429 may lengthen the hold while we sleep.
    for (
      let wait = (heldUntil.get(route(key)) ?? 0) - Date.now();
      wait > 0;
      wait = (heldUntil.get(route(key)) ?? 0) - Date.now()
    )
      await sleep(wait);
    heldUntil.delete(route(key));
  }

  return {
    paced(channel, send) {
      const key = route(channel);
      const sent = (queues.get(key) ?? Promise.resolve()).then(() => waitForHold(key)).then(send);
      // Measured from when the send settled, so the gap Slack sees never shrinks below its limit.
      enqueue(
        key,
        sent.then(
          () => sleep(intervalMs),
          () => sleep(intervalMs),
        ),
      );
      return sent;
    },
    hold(channel, ms) {
      const key = route(channel);
      heldUntil.set(key, Math.max(heldUntil.get(key) ?? 0, Date.now() + ms));
    },
    sameChannel(user, channel) {
      if (user === channel || direct.get(user) === channel) return;
      direct.delete(user);
      direct.set(user, channel);
      if (direct.size > REMEMBERED_DIRECT) direct.delete(direct.keys().next().value!);
      // What waits under the user's name goes first: the channel's next turn follows both queues.
      const waiting = queues.get(user);
      if (waiting) {
        queues.delete(user);
        const current = queues.get(channel);
        enqueue(channel, current ? Promise.all([current, waiting]).then(() => {}) : waiting);
      }
      const held = heldUntil.get(user);
      if (held !== undefined) {
        heldUntil.delete(user);
        heldUntil.set(channel, Math.max(heldUntil.get(channel) ?? 0, held));
      }
    },
  };
}

/**
 * Spaces deliveries across all conversations: besides its per-channel limit, Slack caps what an
 * app posts to a workspace at several hundred messages a minute, which a broadcast could reach.
 * Each turn starts `intervalMs` after the previous one actually started, never at a planned instant:
 * after a stall of the event loop, planned turns would all fall due together and leave as a burst.
 */
export function createGlobalGate(intervalMs: number): () => Promise<void> {
  let lastRelease = -Infinity;
  let gate: Promise<void> = Promise.resolve();
  return () => {
    const turn = gate.then(async () => {
      for (let wait = lastRelease + intervalMs - Date.now(); wait > 0; wait = lastRelease + intervalMs - Date.now())
        await sleep(wait);
      lastRelease = Date.now();
    });
    gate = turn;
    return turn;
  };
}
