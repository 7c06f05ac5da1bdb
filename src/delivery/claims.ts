import type { DeliveryTarget } from "../core/channel.ts";
import type { Db } from "../db/database.ts";
import { type OutboundPayload, readPayload } from "./payload.ts";

/** A message a sender holds for `leaseMs`; `attempt` counts this try. */
export interface ClaimedMessage {
  id: string;
  networkId: string;
  target: DeliveryTarget;
  memberId: string | null;
  payload: OutboundPayload;
  category: string;
  urgent: boolean;
  attempt: number;
}

interface ClaimRow {
  id: string;
  networkId: string;
  targetKind: string;
  targetId: string;
  memberId: string | null;
  payload: unknown;
  category: string;
  urgent: boolean;
  attempts: number;
}

/**
 * Claims up to `limit` due messages of a platform in one statement. SKIP LOCKED lets several
 * senders (processes) claim side by side without ever taking the same row; a row whose lease ran
 * out (its sender died mid-send) is due again.
 */
export async function claimDueMessages(
  db: Db,
  platform: string,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<ClaimedMessage[]> {
  const leaseEnd = new Date(now.getTime() + leaseMs);
  const rows = await db.$queryRaw<ClaimRow[]>`
    update "OutboundMessage" set "status" = 'SENDING', "lockedUntil" = ${leaseEnd}, "attempts" = "attempts" + 1
    where "id" in (
      select "id" from "OutboundMessage"
      where "platform" = ${platform}
        and (("status" = 'PENDING' and "notBefore" <= ${now}) or ("status" = 'SENDING' and "lockedUntil" < ${now}))
      order by "notBefore", "createdAt"
      limit ${limit}
      for update skip locked)
    returning "id"::text as "id", "networkId"::text as "networkId", "targetKind", "targetId", "memberId"::text as "memberId",
      "payload", "category", "urgent", "attempts"`;
  return rows.map((r) => ({
    id: r.id,
    networkId: r.networkId,
    target: { to: r.targetKind === "member" ? "member" : "conversation", id: r.targetId },
    memberId: r.memberId,
    payload: readPayload(r.payload),
    category: r.category,
    urgent: r.urgent,
    attempt: r.attempts,
  }));
}

/**
 * Puts back in the queue the messages a previous sender of `platform` had claimed and not marked:
 * called by a sender that has just become the platform's only sender (the previous one died or
 * stopped), so that they go now rather than when their lease runs out. A message whose request was
 * on the wire when that sender died may have reached the member: it is sent again (at least once),
 * since Telegram, Slack and Discord's send calls take no idempotency key.
 */
export async function releaseOrphanedClaims(db: Db, platform: string, now: Date): Promise<number> {
  const { count } = await db.outboundMessage.updateMany({
    where: { platform, status: "SENDING" },
    data: { status: "PENDING", notBefore: now, lockedUntil: null, lastError: "its sender stopped before marking it" },
  });
  return count;
}

// Each mark applies only to the claim it belongs to (same attempt, still SENDING): a sender whose
// lease ran out and whose row was claimed again cannot overwrite the newer claim's outcome.
const held = (m: ClaimedMessage) => ({ id: m.id, status: "SENDING" as const, attempts: m.attempt });

/** Records the platform's acceptance of the message. */
export async function markSent(db: Db, m: ClaimedMessage, platformMessageId: string, at: Date): Promise<void> {
  await db.outboundMessage.updateMany({
    where: held(m),
    data: { status: "SENT", platformMessageId, sentAt: at, lockedUntil: null, lastError: null },
  });
}

/** Puts the message back in the queue, due at `notBefore`. */
export async function markForRetry(db: Db, m: ClaimedMessage, notBefore: Date, reason: string): Promise<void> {
  await db.outboundMessage.updateMany({
    where: held(m),
    data: { status: "PENDING", notBefore, lockedUntil: null, lastError: reason },
  });
}

/** Records a permanent failure (shown in delivery reports, never retried). */
export async function markFailed(db: Db, m: ClaimedMessage, reason: string): Promise<void> {
  await db.outboundMessage.updateMany({
    where: held(m),
    data: { status: "FAILED", lockedUntil: null, lastError: reason },
  });
}

/** Records that the message is no longer needed (muted since, nothing left to say). */
export async function markCancelled(db: Db, m: ClaimedMessage, reason: string): Promise<void> {
  await db.outboundMessage.updateMany({
    where: held(m),
    data: { status: "CANCELLED", lockedUntil: null, lastError: reason },
  });
}
