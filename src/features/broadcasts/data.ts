import type { Prisma } from "@prisma/client";
import type { Locale } from "../../core/i18n.ts";
import type { Db } from "../../db/database.ts";
import { territoriesWithin } from "../../services/directory/territories.ts";
import { isUuid } from "../../shared/ids.ts";
import { type Segment, segmentSchema } from "./schema.ts";

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

/** A member a segment selects, with what the preview and the length check need. */
export interface SegmentMember {
  id: string;
  displayName: string;
  locale: Locale;
}

/** The active members of the network the segment selects, by name. */
export async function segmentMembers(db: Db, networkId: string, segment: Segment): Promise<SegmentMember[]> {
  const territories = await territoriesWithin(db, networkId, segment.territoryIds);
  const and: Prisma.MemberWhereInput[] = [];
  if (segment.roles.length) and.push({ roles: { hasSome: segment.roles } });
  if (segment.territoryIds.length) {
    and.push({ OR: [{ territoryId: { in: territories } }, { organisation: { territoryId: { in: territories } } }] });
  }
  if (segment.organisationIds.length) and.push({ organisationId: { in: segment.organisationIds } });
  if (segment.groupIds.length)
    and.push({ groups: { some: { groupId: { in: segment.groupIds }, group: { archivedAt: null } } } });
  if (segment.platform) {
    // Read apart: Prisma's `identities: { some }` filter costs seconds on 10,000 members.
    const onPlatform = await db.platformIdentity.findMany({
      where: { networkId, platform: segment.platform },
      select: { memberId: true },
      distinct: ["memberId"],
    });
    and.push({ id: { in: onPlatform.map((i) => i.memberId) } });
  }
  const rows = await db.member.findMany({
    where: { networkId, status: "ACTIVE", AND: and },
    select: { id: true, displayName: true, locale: true },
    orderBy: { displayName: "asc" },
  });
  return rows.map((r) => ({ id: r.id, displayName: r.displayName, locale: r.locale as Locale }));
}

/** The names of the territories, organisations and groups a segment names. */
export async function segmentNames(db: Db, networkId: string, segment: Segment) {
  const [territories, organisations, groups] = await Promise.all([
    db.territory.findMany({ where: { networkId, id: { in: segment.territoryIds } }, select: { name: true } }),
    db.organisation.findMany({ where: { networkId, id: { in: segment.organisationIds } }, select: { name: true } }),
    db.workingGroup.findMany({ where: { networkId, id: { in: segment.groupIds } }, select: { name: true } }),
  ]);
  return { territories, organisations, groups };
}

/** The network's territories, as the form's territory choices. */
export function territoriesOf(db: Db, networkId: string) {
  return db.territory.findMany({ where: { networkId }, select: { id: true, name: true, kind: true } });
}

/** The network's organisations by name, as the form's organisation choices. */
export function organisationsOf(db: Db, networkId: string) {
  return db.organisation.findMany({
    where: { networkId },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** The network's groups not archived, by name, as the form's group choices. */
export function openGroupsOf(db: Db, networkId: string) {
  return db.workingGroup.findMany({
    where: { networkId, archivedAt: null },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** A broadcast being sent, its progress message and its recipients' delivery counts. */
export interface SendingBroadcast extends DeliveryCounts {
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
export async function sendingBroadcasts(db: Db, platform: string, now: Date): Promise<SendingBroadcast[]> {
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
