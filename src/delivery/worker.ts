import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import type { ChannelAdapter, DeliveryOutcome } from "../core/channel.ts";
import type { Db, Leadership } from "../db/database.ts";
import {
  type ClaimedMessage,
  claimDueMessages,
  markCancelled,
  markFailed,
  markForRetry,
  markSent,
  releaseOrphanedClaims,
} from "./claims.ts";
import { type Composed, composeMessages, type LiveViews } from "./compose.ts";

/** Work done after each round of a platform's sender, with that platform's adapter. */
export type AfterSendRound = (db: Db, adapter: Pick<ChannelAdapter, "platform" | "edit">, now: Date) => Promise<void>;

export interface DeliveryWorkerOptions {
  db: Db;
  adapter: Pick<ChannelAdapter, "platform" | "deliver">;
  log: Logger;
  now?: () => Date;
  /** Messages claimed per round. */
  batchSize?: number;
  /** Deliveries in flight at once; the adapter paces them under the platform's limits. */
  concurrency?: number;
  /** How long a claim holds a message; longer than any delivery, pacing wait included. */
  leaseMs?: number;
  /** Pause when nothing is due. */
  idleMs?: number;
  /** Tries before a message is recorded as failed. */
  maxAttempts?: number;
  /** Base of the backoff added after the first retries (5xx that keep coming). */
  backoffBaseMs?: number;
  /**
   * Replicas on one database: only the holder sends for this platform, so the adapter's pacing
   * keeps the whole deployment under the platform's limits. Default: always send.
   */
  leadership?: Leadership;
  /** Views computed at send time (`live` payloads), by name. */
  views?: LiveViews;
  /** Runs after each round while this sender holds the platform (live progress of broadcasts). */
  afterRound?: () => Promise<void>;
}

/** Sends one platform's due outbox messages: claim, deliver, mark; until stopped. */
export function createDeliveryWorker(options: DeliveryWorkerOptions) {
  const { db, adapter } = options;
  const log = options.log.child({ delivery: adapter.platform });
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? 100;
  const concurrency = options.concurrency ?? 32;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const idleMs = options.idleMs ?? 1_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoffBaseMs = options.backoffBaseMs ?? 2_000;
  const stopping = new AbortController();
  let loop: Promise<void> | undefined;

  async function settle(m: ClaimedMessage, outcome: DeliveryOutcome): Promise<void> {
    if (outcome.kind === "sent") return markSent(db, m, outcome.platformMessageId, now());
    if (outcome.kind === "failed") {
      log.warn({ messageId: m.id, reason: outcome.reason }, "message cannot be delivered");
      return markFailed(db, m, outcome.reason);
    }
    if (m.attempt >= maxAttempts) {
      log.error({ messageId: m.id, attempts: m.attempt, reason: outcome.reason }, "giving up on a message");
      return markFailed(db, m, `gave up after ${m.attempt} attempts: ${outcome.reason}`);
    }
    // The platform's retry-after first; a failure that keeps coming backs off further.
    const backoff = m.attempt > 2 ? backoffBaseMs * 2 ** (m.attempt - 3) : 0;
    return markForRetry(db, m, new Date(now().getTime() + Math.max(outcome.afterMs, backoff)), outcome.reason);
  }

  async function deliverOne(m: ClaimedMessage, composed: Composed | undefined): Promise<void> {
    if (!composed || composed.kind === "cancel") return markCancelled(db, m, composed?.reason ?? "not composed");
    const outcome = await adapter.deliver(m.target, composed.reply).catch((error: unknown): DeliveryOutcome => {
      // Adapters never throw by contract; if one does, the message is kept for another try.
      log.error({ err: error, messageId: m.id }, "adapter threw while delivering");
      return { kind: "retry", afterMs: 5_000, reason: (error as Error).message };
    });
    await settle(m, outcome);
  }

  /** One round: claims what is due and delivers it. Returns how many messages were claimed. */
  async function runOnce(): Promise<number> {
    const claimed = await claimDueMessages(db, adapter.platform, now(), batchSize, leaseMs);
    const composed = claimed.length
      ? await composeMessages(db, claimed, options.views ?? {}, now())
      : new Map<string, Composed>();
    let next = 0;
    const lanes = Array.from({ length: Math.min(concurrency, claimed.length) }, async () => {
      while (next < claimed.length) {
        const m = claimed[next++]!;
        await deliverOne(m, composed.get(m.id));
      }
    });
    await Promise.all(lanes);
    await options.afterRound?.().catch((err: unknown) => log.error({ err }, "after-round work failed"));
    return claimed.length;
  }

  async function run(): Promise<void> {
    let leading = false;
    while (!stopping.signal.aborted) {
      if (options.leadership && !(await options.leadership.isLeader())) {
        leading = false;
        await sleep(idleMs * 5, undefined, { signal: stopping.signal }).catch(() => undefined);
        continue;
      }
      if (options.leadership && !leading) {
        // Sole sender from now on: what a previous sender claimed and never marked is ours to send.
        const released = await releaseOrphanedClaims(db, adapter.platform, now()).catch((err: unknown) => {
          log.error({ err }, "could not release a previous sender's claims; their lease will");
          return 0;
        });
        if (released > 0) log.warn({ released }, "took over messages a previous sender had claimed");
        leading = true;
      }
      const claimed = await runOnce().catch((err: unknown) => {
        log.error({ err }, "delivery round failed; retrying");
        return 0;
      });
      if (claimed === 0) await sleep(idleMs, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  }

  return {
    runOnce,
    /** Starts the loop in the background. */
    start(): void {
      loop ??= run();
    },
    /** Stops claiming; deliveries in progress finish and are marked. */
    async stop(): Promise<void> {
      stopping.abort();
      await loop;
      await options.leadership?.release();
    },
  };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
