import type { Platform } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";
import { enqueueFanOut, enqueueMessages, type NewOutboundMessage } from "../../delivery/outbox.ts";
import type { Notice } from "../../delivery/payload.ts";
import { type AudiencePlan, BROADCAST_CATEGORY } from "./audience.ts";
import type { SendingBroadcast } from "./data.ts";

/** What confirming a draft writes: its counts, the sender's progress message and every recipient's notice. */
export interface BroadcastStart {
  id: string;
  networkId: string;
  senderMemberId: string;
  now: Date;
  urgent: boolean;
  plan: AudiencePlan;
  progress: NewOutboundMessage;
  notice: Notice;
}

/**
 * Moves the sender's draft to SENDING and queues its progress message and its notices, in one
 * transaction; false when it was no longer a draft (confirmed twice, or cancelled).
 */
export async function startBroadcast(db: Db, start: BroadcastStart): Promise<boolean> {
  const { id, plan, progress, notice, now } = start;
  return db.$transaction(
    async (tx) => {
      const { count } = await tx.broadcast.updateMany({
        where: { id, senderMemberId: start.senderMemberId, status: "DRAFT" },
        data: {
          status: "SENDING",
          confirmedAt: now,
          recipients: plan.recipients.length,
          muted: plan.muted,
          unreachable: plan.unreachable,
        },
      });
      if (count === 0) return false;
      await enqueueMessages(tx, [progress]);
      // One statement for the whole audience, the shared notice given once.
      await enqueueFanOut(tx, {
        networkId: start.networkId,
        keyPrefix: `bc:${id}:`,
        category: BROADCAST_CATEGORY,
        urgent: start.urgent,
        causeId: id,
        payload: { kind: "notice", notice },
        recipients: plan.recipients,
      });
      return true;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/** Marks the broadcast done and queues its report to the sender; false when another process already did. */
export async function finishBroadcast(db: Db, b: SendingBroadcast, platform: Platform, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.broadcast.updateMany({
      where: { id: b.id, status: "SENDING" },
      data: { status: "DONE", completedAt: now },
    });
    if (count === 0) return false;
    await enqueueMessages(tx, [
      {
        networkId: b.networkId,
        idempotencyKey: `bc:${b.id}:report`,
        platform,
        target: { to: b.targetKind === "member" ? "member" : "conversation", id: b.targetId },
        memberId: b.progressMemberId ?? undefined,
        category: "report",
        urgent: true,
        causeId: b.id,
        notBefore: now,
        payload: { kind: "live", view: "broadcast-report", id: b.id },
      },
    ]);
    return true;
  });
}

/** What the progress message now says: the next refresh edits it only when this changes. */
export async function recordProgressShown(db: Db, id: string, text: string): Promise<void> {
  await db.broadcast.update({ where: { id }, data: { progressShown: text } });
}

/** Records what a broadcast still being sent shows in its progress message. */
export async function recordSendingProgressShown(db: Db, id: string, text: string): Promise<void> {
  await db.broadcast.updateMany({ where: { id, status: "SENDING" }, data: { progressShown: text } });
}
