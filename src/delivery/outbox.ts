import type { Prisma } from "@prisma/client";
import type { DeliveryTarget } from "../core/channel.ts";
import type { Platform } from "../core/inbound.ts";
import type { Reply } from "../core/reply.ts";
import { actionId, assertReplyFits } from "../core/reply-limits.ts";
import type { DbClient } from "../db/database.ts";
import type { OutboundPayload } from "./payload.ts";

/** A message to send later, as its cause describes it. */
export type NewOutboundMessage = {
  networkId: string;
  idempotencyKey: string;
  platform: Platform;
  target: DeliveryTarget;
  memberId?: string | undefined;
  category: string;
  /** Ignores muted categories (and the caller did not hold it for quiet hours). */
  urgent?: boolean;
  /** The deadline or broadcast it belongs to. */
  causeId?: string | undefined;
  notBefore: Date;
} & ({ payload: OutboundPayload } | { reply: Reply });

/**
 * Queues messages in the caller's transaction, so they exist if and only if their cause does.
 * A message whose idempotency key is already queued in its network is skipped: causes may be
 * re-run (a missed tick caught up, a retried request) without sending anything twice.
 */
export async function enqueueMessages(db: DbClient, messages: NewOutboundMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  // A choice id no platform carries back fails here, in the transaction of its cause, not at sending.
  for (const m of messages) {
    if (!("payload" in m)) assertReplyFits(m.reply);
    else if (m.payload.kind === "notice") for (const choice of m.payload.notice.choices ?? []) actionId(choice.id);
    else if (m.payload.kind === "reply") assertReplyFits(m.payload.reply);
  }
  const { count } = await db.outboundMessage.createMany({
    data: messages.map((m) => ({
      networkId: m.networkId,
      idempotencyKey: m.idempotencyKey,
      platform: m.platform,
      targetKind: m.target.to,
      targetId: m.target.id,
      memberId: m.memberId ?? null,
      payload: ("payload" in m ? m.payload : { kind: "reply", reply: m.reply }) as unknown as Prisma.InputJsonObject,
      category: m.category,
      urgent: m.urgent ?? false,
      causeId: m.causeId ?? null,
      notBefore: m.notBefore,
    })),
    skipDuplicates: true,
  });
  return count;
}

/** One message to many members: everything shared is given once, each recipient's row is built in the database. */
export type NewFanOut = {
  networkId: string;
  /** Each row's idempotency key is this prefix followed by the member's id. */
  keyPrefix: string;
  category: string;
  urgent: boolean;
  causeId: string;
  payload: OutboundPayload;
  recipients: readonly { memberId: string; platform: Platform; externalId: string; notBefore: Date }[];
};

/**
 * Queues a message for every recipient in one `INSERT … SELECT unnest(…)`, in the caller's
 * transaction: four arrays and one jsonb payload, whatever the audience's size (a 10,000-member
 * broadcast was 10 createMany of 1,000 rows built here). Keys already queued are skipped, as above.
 */
export async function enqueueFanOut(db: DbClient, fan: NewFanOut): Promise<number> {
  if (fan.recipients.length === 0) return 0;
  const { recipients: rs } = fan;
  // Timestamps travel as ISO text: an array of Dates is not serialised the same way by both drivers.
  return db.$executeRaw`
    insert into "OutboundMessage" ("id", "networkId", "idempotencyKey", "platform", "targetKind", "targetId", "memberId", "payload", "category", "urgent", "causeId", "notBefore")
    select gen_random_uuid(), ${fan.networkId}::uuid, ${fan.keyPrefix}::text || r.member_id, r.platform, 'member', r.external_id, r.member_id::uuid,
      ${JSON.stringify(fan.payload)}::jsonb, ${fan.category}::text, ${fan.urgent}::boolean, ${fan.causeId}::uuid, r.not_before::timestamptz
    from unnest(${rs.map((r) => r.memberId)}::text[], ${rs.map((r) => r.platform)}::text[], ${rs.map((r) => r.externalId)}::text[],
      ${rs.map((r) => r.notBefore.toISOString())}::text[]) as r(member_id, platform, external_id, not_before)
    on conflict ("networkId", "idempotencyKey") do nothing`;
}

/** Withdraws queued messages of a cause (for one member, or all) that were not sent yet; returns how many. */
export async function cancelPending(db: DbClient, causeId: string, reason: string, memberId?: string): Promise<number> {
  const { count } = await db.outboundMessage.updateMany({
    where: { causeId, status: "PENDING", ...(memberId ? { memberId } : {}) },
    data: { status: "CANCELLED", lastError: reason },
  });
  return count;
}
