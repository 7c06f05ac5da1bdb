import type { Actor, Context } from "../../core/context.ts";
import type { Db } from "../../db/database.ts";
import { isUuid } from "../../shared/ids.ts";
import { canManageGroup } from "../groups/data.ts";

const deadlineFields = {
  id: true,
  networkId: true,
  groupId: true,
  title: true,
  kind: true,
  dueAt: true,
  reminderDays: true,
  reminderMinute: true,
  recurrence: true,
  seriesId: true,
  createdById: true,
  cancelledAt: true,
  group: { select: { name: true, leadMemberId: true, createdById: true } },
} as const;

/** A deadline of the network by id (as a button carries it), or null. */
export async function loadDeadline(db: Db, networkId: string, id: string) {
  if (!isUuid(id)) return null;
  return db.deadline.findFirst({ where: { id, networkId }, select: deadlineFields });
}

export type LoadedDeadline = NonNullable<Awaited<ReturnType<typeof loadDeadline>>>;

/** Who sees a deadline's answers and may cancel it: whoever manages its group, and its author. */
export function canManageDeadline(
  actor: Pick<Actor, "memberId" | "roles">,
  d: Pick<LoadedDeadline, "createdById" | "group">,
): boolean {
  return canManageGroup(actor, d.group) || d.createdById === actor.memberId;
}

export async function isGroupMember(db: Db, groupId: string, memberId: string): Promise<boolean> {
  return (await db.workingGroupMember.count({ where: { groupId, memberId } })) === 1;
}

/** The group's current members and their answers to a deadline, by name. */
export async function answersOf(db: Db, deadlineId: string, groupId: string) {
  const [members, responses] = await Promise.all([
    db.workingGroupMember.findMany({
      where: { groupId },
      select: { member: { select: { id: true, displayName: true } } },
      orderBy: { member: { displayName: "asc" } },
    }),
    db.deadlineResponse.findMany({
      where: { deadlineId },
      select: { memberId: true, status: true, reason: true, member: { select: { displayName: true } } },
      orderBy: { member: { displayName: "asc" } },
    }),
  ]);
  const answered = new Set(responses.map((r) => r.memberId));
  return {
    responses,
    waiting: members.map((m) => m.member).filter((m) => !answered.has(m.id)),
  };
}

/** A deadline as its views show it when sent, or null (gone or from another network). */
export function findDeadlineForView(db: Db, networkId: string, id: string) {
  return db.deadline.findFirst({
    where: { id, networkId },
    select: { id: true, groupId: true, title: true, dueAt: true, cancelledAt: true, group: { select: { name: true } } },
  });
}

/** What members sent for a collection, oldest first, with author and organisation. */
export function collectedItemsOf(db: Db, deadlineId: string) {
  return db.collectedItem.findMany({
    where: { deadlineId },
    select: { text: true, member: { select: { displayName: true, organisation: { select: { name: true } } } } },
    orderBy: { createdAt: "asc" },
  });
}

const HORIZON_MS = 90 * 24 * 60 * 60 * 1000;
const LIST_LIMIT = 15;

/** Deadlines of the next 90 days that concern this member: their groups', and those they manage. */
export async function upcomingFor(ctx: Context) {
  const { actor } = ctx;
  const concerned = actor.roles.includes("NETWORK_COORDINATOR")
    ? {}
    : {
        OR: [
          { group: { members: { some: { memberId: actor.memberId } } } },
          { group: { leadMemberId: actor.memberId } },
          { group: { createdById: actor.memberId } },
          { createdById: actor.memberId },
        ],
      };
  const where = {
    networkId: actor.networkId,
    cancelledAt: null,
    dueAt: { gt: ctx.now, lte: new Date(ctx.now.getTime() + HORIZON_MS) },
    ...concerned,
  };
  const [total, deadlines] = await Promise.all([
    ctx.db.deadline.count({ where }),
    ctx.db.deadline.findMany({
      where,
      orderBy: { dueAt: "asc" },
      take: LIST_LIMIT,
      select: {
        id: true,
        title: true,
        kind: true,
        dueAt: true,
        createdById: true,
        group: {
          select: {
            name: true,
            leadMemberId: true,
            createdById: true,
            members: { where: { memberId: actor.memberId }, select: { memberId: true } },
          },
        },
        responses: { where: { memberId: actor.memberId }, select: { status: true, reason: true } },
      },
    }),
  ]);
  return { total, deadlines };
}

/**
 * The latest occurrence of every recurring series that is due, not cancelled (cancelling an
 * occurrence ends its series) and whose group is not archived.
 */
export function dueRecurringDeadlines(db: Db, now: Date) {
  return db.$queryRaw<{ id: string }[]>`
    select d."id"::text as "id" from "Deadline" d
    join "WorkingGroup" g on g."id" = d."groupId"
    where d."recurrence" is not null and d."seriesId" is not null and d."cancelledAt" is null and d."dueAt" <= ${now}
      and g."archivedAt" is null
      and not exists (select 1 from "Deadline" later where later."seriesId" = d."seriesId" and later."dueAt" > d."dueAt")`;
}

/** A recurring occurrence with what its next occurrence copies, and its group's members. */
export function recurringDeadline(db: Db, id: string) {
  return db.deadline.findUniqueOrThrow({
    where: { id },
    select: {
      ...deadlineFields,
      group: { select: { name: true, leadMemberId: true, members: { select: { memberId: true } } } },
    },
  });
}

export type RecurringDeadline = Awaited<ReturnType<typeof recurringDeadline>>;

/** The display names of these members, by name (those a deadline's reminders cannot reach). */
export function displayNamesOf(db: Db, memberIds: string[]) {
  return db.member.findMany({
    where: { id: { in: memberIds } },
    select: { displayName: true },
    orderBy: { displayName: "asc" },
  });
}

/** How many answers the member gave to the deadline (0 or 1). */
export function countAnswers(db: Db, deadlineId: string, memberId: string) {
  return db.deadlineResponse.count({ where: { deadlineId, memberId } });
}

/** How many reminders were queued under keys starting with `prefix` (a member's snoozes of a deadline). */
export function countSnoozes(db: Db, networkId: string, prefix: string) {
  return db.outboundMessage.count({
    where: { networkId, idempotencyKey: { startsWith: prefix } },
  });
}

/** News collections still open in the member's groups, soonest first. */
export async function openCollections(ctx: Context) {
  return ctx.db.deadline.findMany({
    where: {
      networkId: ctx.actor.networkId,
      kind: "NEWS_COLLECTION",
      cancelledAt: null,
      dueAt: { gt: ctx.now },
      group: { members: { some: { memberId: ctx.actor.memberId } } },
    },
    select: { id: true, title: true, dueAt: true },
    orderBy: { dueAt: "asc" },
  });
}
