import type { Actor } from "../../core/context.ts";
import type { Db } from "../../db/database.ts";
import { normaliseName } from "./names.ts";

/** Who may change a group and set it deadlines: network coordinators, its lead and its creator. */
export function canManageGroup(
  actor: Pick<Actor, "memberId" | "roles">,
  group: { leadMemberId: string | null; createdById: string | null },
): boolean {
  return (
    actor.roles.includes("NETWORK_COORDINATOR") ||
    group.leadMemberId === actor.memberId ||
    group.createdById === actor.memberId
  );
}

/** The groups a member sees in their list: all of them for a network coordinator, else those they belong to or lead. */
export async function listGroupsFor(db: Db, actor: Actor, now: Date) {
  const mine = actor.roles.includes("NETWORK_COORDINATOR")
    ? {}
    : {
        OR: [
          { members: { some: { memberId: actor.memberId } } },
          { leadMemberId: actor.memberId },
          { createdById: actor.memberId },
        ],
      };
  return db.workingGroup.findMany({
    where: { networkId: actor.networkId, archivedAt: null, ...mine },
    select: {
      id: true,
      name: true,
      leadMemberId: true,
      createdById: true,
      lead: { select: { displayName: true } },
      _count: { select: { members: true } },
      deadlines: {
        where: { cancelledAt: null, dueAt: { gt: now } },
        orderBy: { dueAt: "asc" },
        take: 1,
        select: { title: true, dueAt: true },
      },
    },
    orderBy: { name: "asc" },
  });
}

/** The groups whose deadlines this member may set, by name. */
export async function manageableGroups(db: Db, actor: Actor) {
  const groups = await db.workingGroup.findMany({
    where: { networkId: actor.networkId, archivedAt: null },
    select: { id: true, name: true, leadMemberId: true, createdById: true },
    orderBy: { name: "asc" },
  });
  return groups.filter((g) => canManageGroup(actor, g));
}

export type GroupLookup =
  | { kind: "found"; id: string; name: string }
  | { kind: "none" }
  | { kind: "ambiguous"; names: string[] };

/** Finds a group by its name typed loosely (case, accents); a unique partial match is accepted. */
export async function findGroupByName(db: Db, networkId: string, typed: string): Promise<GroupLookup> {
  const groups = await db.workingGroup.findMany({
    where: { networkId, archivedAt: null },
    select: { id: true, name: true },
  });
  const key = normaliseName(typed);
  const exact = groups.filter((g) => normaliseName(g.name) === key);
  const matches = exact.length ? exact : groups.filter((g) => normaliseName(g.name).includes(key));
  if (matches.length === 1) return { kind: "found", ...matches[0]! };
  if (matches.length === 0) return { kind: "none" };
  return { kind: "ambiguous", names: matches.map((g) => g.name) };
}

/** A group with its members and upcoming deadlines, as its page shows it. */
export async function loadGroup(db: Db, id: string, now: Date) {
  return db.workingGroup.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      name: true,
      description: true,
      leadMemberId: true,
      createdById: true,
      lead: { select: { displayName: true } },
      members: {
        select: { member: { select: { id: true, displayName: true } } },
        orderBy: { member: { displayName: "asc" } },
      },
      deadlines: {
        where: { cancelledAt: null, dueAt: { gt: now } },
        orderBy: { dueAt: "asc" },
        take: 10,
        select: { title: true, kind: true, dueAt: true },
      },
    },
  });
}

/** Deadlines of a group still ahead (not cancelled, not due yet): members joining get their reminders. */
export async function openDeadlinesOf(db: Db, groupId: string, now: Date) {
  return db.deadline.findMany({
    where: { groupId, cancelledAt: null, dueAt: { gt: now } },
    select: {
      id: true,
      networkId: true,
      title: true,
      kind: true,
      dueAt: true,
      reminderDays: true,
      reminderMinute: true,
      createdById: true,
      group: { select: { name: true, leadMemberId: true } },
    },
  });
}

/** Who may manage the group: its lead and its creator. */
export function groupManagers(db: Db, id: string) {
  return db.workingGroup.findUniqueOrThrow({ where: { id }, select: { leadMemberId: true, createdById: true } });
}

/** The network's active members, by name, as typed names are matched against them. */
export function activeMembersForNames(db: Db, networkId: string) {
  return db.member.findMany({
    where: { networkId, status: "ACTIVE" },
    select: { id: true, displayName: true, roles: true },
    orderBy: { displayName: "asc" },
  });
}
