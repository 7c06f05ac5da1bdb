import type { Event } from "@prisma/client";
import type { Db, DbClient } from "../../db/database.ts";
import { territoriesWithin } from "../../services/directory/territories.ts";
import { isUuid } from "../../shared/ids.ts";
import { type AudienceMember, inAudience } from "./audience.ts";

const LIST_LIMIT = 10;

/** Registered members per event, for "places left". */
export async function registeredCounts(db: Db, eventIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.eventRegistration.groupBy({
    by: ["eventId"],
    where: { eventId: { in: [...eventIds] }, status: "REGISTERED" },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.eventId, r._count._all]));
}

/** The next scheduled events this member may register for, soonest first. */
export async function upcomingEventsFor(db: Db, networkId: string, member: AudienceMember, now: Date) {
  const events = await db.event.findMany({
    where: { networkId, status: "SCHEDULED", startsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    take: 100,
  });
  const trees = new Map<string, Set<string>>();
  const open = [];
  for (const e of events) {
    const treeKey = e.audienceTerritoryIds.join(",");
    if (e.audienceTerritoryIds.length > 0 && !trees.has(treeKey))
      trees.set(treeKey, new Set(await territoriesWithin(db, networkId, e.audienceTerritoryIds)));
    if (await inAudience(db, e, member, trees.get(treeKey))) open.push(e);
    if (open.length === LIST_LIMIT) break;
  }
  return open;
}

/** The member's live registrations (registered or waiting) for events not over yet, soonest first. */
export function myRegistrations(db: Db, memberId: string, now: Date) {
  return db.eventRegistration.findMany({
    where: {
      memberId,
      status: { in: ["REGISTERED", "WAITLISTED"] },
      event: { status: "SCHEDULED", endsAt: { gt: now } },
    },
    include: { event: true },
    orderBy: { event: { startsAt: "asc" } },
    take: 20,
  });
}

/** An event of the network by the short number shown in lists (its id's start) or a part of its title. */
export async function findEvents(db: Db, networkId: string, reference: string) {
  const ref = reference.trim();
  if (/^[0-9a-f]{8}$/i.test(ref)) {
    const rows = await db.$queryRaw<
      { id: string }[]
    >`select id::text as id from "Event" where "networkId" = ${networkId}::uuid and id::text like ${`${ref.toLowerCase()}%`} limit 2`;
    if (rows.length > 0) return db.event.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
  }
  return db.event.findMany({
    where: { networkId, title: { contains: ref, mode: "insensitive" } },
    orderBy: { startsAt: "desc" },
    take: 5,
  });
}

/** Registrants and the waiting list in order, with their answers. */
export function registrantsOf(db: Db, eventId: string) {
  return db.eventRegistration.findMany({
    where: { eventId, status: { in: ["REGISTERED", "WAITLISTED"] } },
    include: { member: { select: { displayName: true, organisation: { select: { name: true } } } } },
    orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
  });
}

/** An event of the network by id (as a button carries it), or null. */
export async function findNetworkEvent(db: Db, networkId: string, id: string): Promise<Event | null> {
  return isUuid(id) ? db.event.findFirst({ where: { id, networkId } }) : null;
}

/** Which of these events the member is registered or waiting for. */
export function memberStatusIn(db: Db, memberId: string, eventIds: readonly string[]) {
  return db.eventRegistration.findMany({
    where: { memberId, eventId: { in: [...eventIds] }, status: { in: ["REGISTERED", "WAITLISTED"] } },
    select: { eventId: true, status: true },
  });
}

/** Registered and waiting members of the event, and the series' later scheduled dates: who a cancellation concerns. */
export async function cancellationReach(
  db: Db,
  event: Pick<Event, "id" | "seriesId" | "startsAt">,
): Promise<{ count: number; following: number }> {
  const count = await db.eventRegistration.count({
    where: { eventId: event.id, status: { in: ["REGISTERED", "WAITLISTED"] } },
  });
  const following = event.seriesId
    ? await db.event.count({
        where: { seriesId: event.seriesId, status: "SCHEDULED", startsAt: { gt: event.startsAt } },
      })
    : 0;
  return { count, following };
}

/** The member with what the audience rule reads. */
export function loadAudienceMember(db: Db, memberId: string): Promise<AudienceMember> {
  return db.member.findUniqueOrThrow({
    where: { id: memberId },
    select: {
      id: true,
      roles: true,
      territoryId: true,
      cohortId: true,
      organisation: { select: { territoryId: true } },
    },
  });
}

/** The places and the waiting list of an event, in the order they were taken, with who holds them. */
export function sheetRegistrations(db: Db, eventId: string) {
  return db.eventRegistration.findMany({
    where: { eventId, status: { in: ["REGISTERED", "WAITLISTED"] } },
    include: { member: { select: { displayName: true, roles: true, organisation: { select: { name: true } } } } },
    orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
  });
}

/** The member's registration status for the event, or null when they never registered. */
export function registrationStatus(db: Db, eventId: string, memberId: string) {
  return db.eventRegistration.findUnique({
    where: { eventId_memberId: { eventId, memberId } },
    select: { status: true },
  });
}

/** The active interns of a cohort. */
export function activeCohortInterns(db: DbClient, cohortId: string, networkId: string) {
  return db.member.findMany({
    where: { cohortId, networkId, status: "ACTIVE" },
    select: { id: true },
  });
}

/** A cohort's events still to come (not ended), soonest first. */
export function comingCohortEvents(db: DbClient, cohortId: string, now: Date) {
  return db.event.findMany({
    where: { cohortId, status: "SCHEDULED", endsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
  });
}

/** The network's fiches-action still in use, by code, as the event form's choices. */
export function openFiches(db: Db, networkId: string) {
  return db.ficheAction.findMany({
    where: { networkId, archivedAt: null },
    select: { id: true, code: true, title: true },
    orderBy: { code: "asc" },
  });
}

/** The department and its intercommunalities, the territories an event's audience may name. */
export function audienceTerritories(db: Db, networkId: string) {
  return db.territory.findMany({
    where: { networkId, kind: { in: ["DEPARTMENT", "EPCI"] } },
    select: { id: true, name: true },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
  });
}

/** A fiche-action of the network by its id, or null. */
export function findFiche(db: Db, networkId: string, id: string) {
  return db.ficheAction.findFirst({ where: { id, networkId }, select: { id: true } });
}

/** How many of these territory ids are the network's. */
export function countNetworkTerritories(db: Db, networkId: string, ids: string[]) {
  return db.territory.count({ where: { id: { in: ids }, networkId } });
}
