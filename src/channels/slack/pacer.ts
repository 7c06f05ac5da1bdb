import { setTimeout as sleep } from "node:timers/promises";

/**
 * Paces posts per Slack conversation (chat.postMessage allows about one per second per channel),
 * shared by answers and deliveries so that together they stay under the limit.
 */
export interface ChannelPacer {
  /** Runs `send` at the channel's next turn: one at a time, in order, `intervalMs` apart, after any hold. */
  paced<T>(channel: string, send: () => Promise<T>): Promise<T>;
  /** Slack answered 429 for `channel` (or route): nothing more goes there for `ms`. */
  hold(channel: string, ms: number): void;
}

/** A per-channel queue; a channel's turn ends `intervalMs` after its send settled, success or not. */
export function createChannelPacer(intervalMs: number): ChannelPacer {
  const queues = new Map<string, Promise<void>>();
  const heldUntil = new Map<string, number>();

  async function waitForHold(channel: string): Promise<void> {
    // A loop: another 429 may lengthen the hold while we sleep.
    for (let wait = (heldUntil.get(channel) ?? 0) - Date.now(); wait > 0; wait = (heldUntil.get(channel) ?? 0) - Date.now()) await sleep(wait);
    heldUntil.delete(channel);
  }

  return {
    paced(channel, send) {
      const sent = (queues.get(channel) ?? Promise.resolve()).then(() => waitForHold(channel)).then(send);
      // Measured from when the send settled, so the gap Slack sees never shrinks below its limit.
      const free = sent.then(
        () => sleep(intervalMs),
        () => sleep(intervalMs),
      );
      queues.set(channel, free);
      void free.then(() => queues.get(channel) === free && queues.delete(channel));
      return sent;
    },
    hold(channel, ms) {
      heldUntil.set(channel, Math.max(heldUntil.get(channel) ?? 0, Date.now() + ms));
    },
  };
}

/**
 * Spaces deliveries across all conversations: besides its per-channel limit, Slack caps what an
 * app posts to a workspace at several hundred messages a minute, which a broadcast could reach.
 */
export function createGlobalGate(intervalMs: number): () => Promise<void> {
  let nextAt = 0;
  return async () => {
    const at = Math.max(Date.now(), nextAt);
    nextAt = at + intervalMs;
    const wait = at - Date.now();
    if (wait > 0) await sleep(wait);
  };
}
