import type { ChannelAdapter, DeliveryOutcome, DeliveryTarget } from "../../core/channel.ts";
import { createTranslator, type Locale } from "../../core/i18n.ts";
import type { Platform } from "../../core/inbound.ts";
import { say } from "../../core/reply.ts";
import type { Db } from "../../db/database.ts";
import { enqueueMessages } from "../../delivery/outbox.ts";
import { countColumns, type DeliveryCounts } from "./data.ts";
import { progressText } from "./progress.ts";

/** Edits of one progress message are at least this far apart: platforms rate-limit edits like sends. */
const EDIT_INTERVAL_MS = 2_000;

type ProgressAdapter = Pick<ChannelAdapter, "platform" | "edit">;

interface SendingBroadcast extends DeliveryCounts {
  id: string;
  networkId: string;
  text: string;
  progressShown: string | null;
  locale: Locale;
  progressStatus: "SENT" | "FAILED" | "CANCELLED";
  platformMessageId: string | null;
  targetKind: string;
  targetId: string;
  progressMemberId: string | null;
  progressSentAt: Date | null;
}

/**
 * Broadcasts being sent whose progress message this platform has settled (sent, or given up on),
 * with their recipients' delivery counts: one grouped query per round.
 */
async function sendingBroadcasts(db: Db, platform: string, now: Date): Promise<SendingBroadcast[]> {
  return db.$queryRawUnsafe<SendingBroadcast[]>(
    `select b."id"::text as "id", b."networkId"::text as "networkId", b."text", b."progressShown", m."locale"::text as "locale",
       p."status"::text as "progressStatus", p."platformMessageId", p."targetKind", p."targetId",
       p."memberId"::text as "progressMemberId", p."sentAt" as "progressSentAt", ${countColumns("$2")}
     from "Broadcast" b
     join "Member" m on m."id" = b."senderMemberId"
     join "OutboundMessage" p on p."causeId" = b."id" and p."category" = 'progress'
     left join "OutboundMessage" o on o."causeId" = b."id" and o."category" = 'broadcast'
     where b."status" = 'SENDING' and p."platform" = $1 and p."status" in ('SENT', 'FAILED', 'CANCELLED')
     group by b."id", m."locale", p."id"`,
    platform,
    now,
  );
}

// When each progress message was last edited, per adapter (one sender per platform edits them). Lost
// on restart, which costs at most one early edit: the message's own send time is the floor.
const lastEdits = new WeakMap<object, Map<string, number>>();

/** Marks the broadcast done and queues its report to the sender; false when another process already did. */
async function finish(db: Db, b: SendingBroadcast, platform: Platform, now: Date): Promise<boolean> {
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

/**
 * After each delivery round of `adapter`'s platform: edits the senders' progress messages in place
 * when their counts changed (no more often than every 2 s each), and once nothing is left to send,
 * marks the broadcast done, edits the progress a last time and queues the final report.
 */
export async function refreshBroadcastProgress(db: Db, adapter: ProgressAdapter, now: Date): Promise<void> {
  const edits = lastEdits.get(adapter) ?? new Map<string, number>();
  lastEdits.set(adapter, edits);
  for (const b of await sendingBroadcasts(db, adapter.platform, now)) {
    const done = b.pending === 0;
    if (done && !(await finish(db, b, adapter.platform, now))) continue;
    if (b.progressStatus !== "SENT" || !b.platformMessageId) {
      if (done) edits.delete(b.id);
      continue;
    }
    const text = progressText(createTranslator(b.locale), b.text, b, done);
    const last = Math.max(edits.get(b.id) ?? 0, b.progressSentAt ? new Date(b.progressSentAt).getTime() : 0);
    if (text === b.progressShown || (!done && now.getTime() - last < EDIT_INTERVAL_MS)) continue;
    const target: DeliveryTarget = { to: b.targetKind === "member" ? "member" : "conversation", id: b.targetId };
    const outcome = await adapter.edit(target, b.platformMessageId, say(text)).catch(
      (error: unknown): DeliveryOutcome => ({
        kind: "retry",
        afterMs: EDIT_INTERVAL_MS,
        reason: (error as Error).message,
      }),
    );
    if (done) edits.delete(b.id);
    else edits.set(b.id, now.getTime());
    // A refused edit (message deleted) is not retried with the same text; a transient failure is.
    if (outcome.kind !== "retry") await db.broadcast.update({ where: { id: b.id }, data: { progressShown: text } });
  }
}
