import type { Prisma } from "@prisma/client";
import type { Db } from "../../db/database.ts";
import { isUuid } from "../../shared/ids.ts";
import { type Segment, segmentSchema } from "./segment.ts";

/** Where a broadcast's recipients' messages stand, from the outbox. */
export interface DeliveryCounts {
  sent: number;
  /** Not sent yet: queued, being sent, or waiting for a retry. */
  pending: number;
  /** Among pending: not tried yet and held for later (the end of quiet hours). */
  held: number;
  failed: number;
  cancelled: number;
  /** Among cancelled: members who muted broadcasts after it was queued. */
  mutedSince: number;
}

export const NO_DELIVERIES: DeliveryCounts = { sent: 0, pending: 0, held: 0, failed: 0, cancelled: 0, mutedSince: 0 };

/**
 * The count columns over a broadcast's recipient rows `o` (left-joined: a row of nulls counts
 * nothing); `now` is the placeholder of the current instant's parameter ("$2").
 */
export const countColumns = (now: string) => `
  count(o."id") filter (where o."status" = 'SENT')::int as "sent",
  count(o."id") filter (where o."status" in ('PENDING', 'SENDING'))::int as "pending",
  count(o."id") filter (where o."status" = 'PENDING' and o."attempts" = 0 and o."notBefore" > ${now}::timestamptz)::int as "held",
  count(o."id") filter (where o."status" = 'FAILED')::int as "failed",
  count(o."id") filter (where o."status" = 'CANCELLED')::int as "cancelled",
  count(o."id") filter (where o."status" = 'CANCELLED' and o."lastError" like 'muted:%')::int as "mutedSince"`;

/** Delivery counts of several broadcasts in one grouped query. */
export async function countDeliveries(
  db: Db,
  broadcastIds: readonly string[],
  now: Date,
): Promise<Map<string, DeliveryCounts>> {
  if (broadcastIds.length === 0) return new Map();
  const rows = await db.$queryRawUnsafe<(DeliveryCounts & { id: string })[]>(
    `select o."causeId"::text as "id", ${countColumns("$2")}
     from "OutboundMessage" o where o."causeId" = any($1::uuid[]) and o."category" = 'broadcast'
     group by o."causeId"`,
    [...broadcastIds],
    now,
  );
  return new Map(rows.map(({ id, ...counts }) => [id, counts]));
}

/** A broadcast of the network with its sender's name, or null. */
export async function findBroadcast(db: Db, networkId: string, id: string) {
  if (!isUuid(id)) return null;
  const row = await db.broadcast.findFirst({
    where: { id, networkId },
    include: { sender: { select: { displayName: true } } },
  });
  return row ? { ...row, segment: segmentSchema.parse(row.segment) } : null;
}

export type StoredBroadcast = NonNullable<Awaited<ReturnType<typeof findBroadcast>>>;

/** Saves what the sender previewed, waiting for their confirmation. */
export async function createDraft(
  db: Db,
  draft: { networkId: string; senderMemberId: string; text: string; urgent: boolean; segment: Segment; now: Date },
): Promise<string> {
  const row = await db.broadcast.create({
    data: {
      networkId: draft.networkId,
      senderMemberId: draft.senderMemberId,
      text: draft.text,
      urgent: draft.urgent,
      segment: draft.segment as unknown as Prisma.InputJsonObject,
      createdAt: draft.now,
    },
    select: { id: true },
  });
  return row.id;
}

/** Withdraws the sender's draft; false when it is no longer a draft (confirmed or cancelled meanwhile). */
export async function cancelDraft(db: Db, id: string, senderMemberId: string): Promise<boolean> {
  const { count } = await db.broadcast.updateMany({
    where: { id, senderMemberId, status: "DRAFT" },
    data: { status: "CANCELLED" },
  });
  return count === 1;
}

/** The permanent failures of a broadcast, with the recipient's name, first ones first. */
export async function failedDeliveries(db: Db, broadcastId: string, limit: number) {
  const rows = await db.outboundMessage.findMany({
    where: { causeId: broadcastId, category: "broadcast", status: "FAILED" },
    select: { memberId: true, platform: true, lastError: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  const ids = rows.flatMap((r) => (r.memberId ? [r.memberId] : []));
  const names = new Map(
    (await db.member.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map((m) => [
      m.id,
      m.displayName,
    ]),
  );
  return rows.map((r) => ({
    name: (r.memberId && names.get(r.memberId)) || "?",
    platform: r.platform,
    error: r.lastError ?? "",
  }));
}

/** The sender's latest broadcasts, newest first. */
export async function recentBroadcasts(db: Db, networkId: string, senderMemberId: string, take: number) {
  return db.broadcast.findMany({
    where: { networkId, senderMemberId },
    select: { id: true, text: true, status: true, urgent: true, recipients: true, createdAt: true, confirmedAt: true },
    orderBy: { createdAt: "desc" },
    take,
  });
}

/** How many of the segment's territories, organisations and open groups belong to the network. */
export async function countSegmentChoices(
  db: Db,
  networkId: string,
  segment: Pick<Segment, "territoryIds" | "organisationIds" | "groupIds">,
): Promise<[number, number, number]> {
  return Promise.all([
    db.territory.count({ where: { networkId, id: { in: segment.territoryIds } } }),
    db.organisation.count({ where: { networkId, id: { in: segment.organisationIds } } }),
    db.workingGroup.count({ where: { networkId, id: { in: segment.groupIds }, archivedAt: null } }),
  ]);
}
