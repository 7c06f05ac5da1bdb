// Helpers of the delivery bench (test/bench/delivery.ts): a broadcast queued in the outbox, drained
// by one delivery worker, and the figures read back from the OutboundMessage rows.

import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { ChannelAdapter, DeliveryTarget } from "../../src/core/channel.ts";
import { enqueueMessages, type NewOutboundMessage } from "../../src/delivery/outbox.ts";
import type { OutboundPayload } from "../../src/delivery/payload.ts";
import { createDeliveryWorker } from "../../src/delivery/worker.ts";
import { reminderNotice } from "../../src/features/deadlines/schedule.ts";
import { silentLog, type TestBot } from "../support/bot.ts";

export type DeliveryPlatform = NewOutboundMessage["platform"];

/** The value at percentile `p` of ascending `sorted` (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;
export const round2 = (n: number) => Math.round(n * 100) / 100;

/** Messages per second between the first and the last of these acceptance times (ms). */
export function ratePerSecond(times: number[]): number {
  if (times.length < 2) return Number.NaN;
  const sorted = [...times].sort((a, b) => a - b);
  return (sorted.length - 1) / ((sorted.at(-1)! - sorted[0]!) / 1000);
}

/**
 * The reminder every member gets: a working-group deadline's notice, as the deadlines feature
 * queues it (worded when sent, its due time shown in Paris time, three buttons).
 */
export const reminderPayload = (n: number): OutboundPayload => ({
  kind: "notice",
  notice: reminderNotice({
    id: randomUUID(),
    networkId: "",
    title: `Feuille de route France Numérique Ensemble (envoi ${n})`,
    kind: "TASK",
    dueAt: new Date("2027-06-30T16:00:00Z"),
    reminderDays: [7],
    reminderMinute: 540,
    createdById: null,
    group: { name: "France Numérique Ensemble", leadMemberId: null },
  }),
});

/**
 * Queues one reminder per target, then makes them all due at the same instant: the worker starts
 * with every message pending, and lateness does not include the time the inserts took.
 */
export async function queueBroadcast(
  bot: TestBot,
  platform: DeliveryPlatform,
  targets: DeliveryTarget[],
  round = "first",
): Promise<Date> {
  const later = new Date(Date.now() + 3_600_000);
  const messages = targets.map(
    (target, i): NewOutboundMessage => ({
      networkId: bot.networkId,
      idempotencyKey: `bench:${platform}:${round}:${i}`,
      platform,
      target,
      payload: reminderPayload(i),
      category: "reminder",
      notBefore: later,
    }),
  );
  // Chunks keep each statement well under PostgreSQL's 65,535 bind parameters.
  for (let i = 0; i < messages.length; i += 1_000) await enqueueMessages(bot.db.prisma, messages.slice(i, i + 1_000));
  const due = new Date();
  await bot.db.prisma.outboundMessage.updateMany({ where: { platform }, data: { notBefore: due } });
  return due;
}

/** Runs one delivery worker (default settings) until nothing of `platform` is pending, or `timeoutMs`. */
export async function drainWithOneWorker(
  bot: TestBot,
  adapter: Pick<ChannelAdapter, "platform" | "deliver">,
  timeoutMs: number,
): Promise<{ ms: number; timedOut: boolean }> {
  const worker = createDeliveryWorker({ db: bot.db.prisma, adapter, log: silentLog, idleMs: 20 });
  const started = performance.now();
  const deadline = Date.now() + timeoutMs;
  let timedOut = false;
  worker.start();
  try {
    const pending = () =>
      bot.db.prisma.outboundMessage.count({
        where: { platform: adapter.platform as DeliveryPlatform, status: { in: ["PENDING", "SENDING"] } },
      });
    while ((await pending()) > 0) {
      if (Date.now() > deadline) {
        timedOut = true;
        break;
      }
      await sleep(200);
    }
  } finally {
    await worker.stop();
  }
  return { ms: performance.now() - started, timedOut };
}

/**
 * What the rows say: sent and failed counts, retries, and lateness p50/p99 in ms: sentAt − notBefore,
 * taking the broadcast's `due` time since a retry moves a row's notBefore to its retry time.
 */
export async function outboxFigures(bot: TestBot, platform: DeliveryPlatform, due: Date) {
  const rows = await bot.db.prisma.outboundMessage.findMany({
    where: { platform },
    select: { status: true, sentAt: true, attempts: true },
  });
  const sent = rows.filter((r) => r.status === "SENT" && r.sentAt);
  const lateness = sent.map((r) => r.sentAt!.getTime() - due.getTime()).sort((a, b) => a - b);
  return {
    sent: sent.length,
    failed: rows.filter((r) => r.status === "FAILED").length,
    pending: rows.filter((r) => r.status === "PENDING" || r.status === "SENDING").length,
    retried: rows.filter((r) => r.attempts > 1).length,
    latenessP50Ms: percentile(lateness, 50),
    latenessP99Ms: percentile(lateness, 99),
  };
}

/** Empties the outbox between platforms, so each claim query sees only its own broadcast. */
export async function clearOutbox(bot: TestBot): Promise<void> {
  await bot.db.prisma.outboundMessage.deleteMany();
}
