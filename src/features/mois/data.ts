import type { Prisma } from "@prisma/client";
import type { Db, DbClient } from "../../db/database.ts";
import { isUuid } from "../../shared/ids.ts";
import type { Edition } from "./edition.ts";
import { MOIS_REVIEWERS } from "./schema.ts";

/** The network's communes, by name. */
export function communesOf(db: Db, networkId: string) {
  return db.territory.findMany({
    where: { networkId, kind: "COMMUNE" },
    select: { id: true, name: true, parentId: true },
    orderBy: { name: "asc" },
  });
}

/** The network's intercommunalities, by name. */
export function intercommunalitiesOf(db: Db, networkId: string) {
  return db.territory.findMany({
    where: { networkId, kind: "EPCI" },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** Animations of an edition in a status (approved: SCHEDULED), soonest first, with their organisation. */
export function animationsOf(
  db: Db,
  networkId: string,
  edition: Edition,
  status: "SCHEDULED" | "PROPOSED",
  extra: Prisma.EventWhereInput = {},
) {
  return db.event.findMany({
    where: {
      networkId,
      type: "MOIS_DU_NUMERIQUE",
      status,
      startsAt: { gte: edition.startsAt, lt: edition.endsAt },
      ...extra,
    },
    include: { organisation: { select: { name: true } } },
    orderBy: [{ startsAt: "asc" }, { title: "asc" }],
  });
}

/** Proposals awaiting a coordinator that have not started, soonest first. */
export function pendingProposals(db: Db, networkId: string, now: Date) {
  return db.event.findMany({
    where: { networkId, type: "MOIS_DU_NUMERIQUE", status: "PROPOSED", startsAt: { gt: now } },
    include: { organisation: { select: { name: true } }, createdBy: { select: { displayName: true } } },
    orderBy: { startsAt: "asc" },
    take: 30,
  });
}

/** An organisation's animations, latest edition first. */
export function animationsOfOrganisation(db: Db, networkId: string, organisationId: string) {
  return db.event.findMany({
    where: { networkId, type: "MOIS_DU_NUMERIQUE", organisationId },
    include: { reviewedBy: { select: { displayName: true } } },
    orderBy: { startsAt: "desc" },
    take: 30,
  });
}

/** An animation of the network by id (null for anything else, e.g. a stale button). */
export function animationById(db: Db, networkId: string, id: string) {
  if (!isUuid(id)) return Promise.resolve(null);
  return db.event.findFirst({
    where: { id, networkId, type: "MOIS_DU_NUMERIQUE" },
    include: { organisation: { select: { name: true } }, reviewedBy: { select: { displayName: true } } },
  });
}

/** The organisation the member works for, if any. */
export function memberOrganisation(db: Db, memberId: string) {
  return db.member.findUniqueOrThrow({
    where: { id: memberId },
    select: { organisationId: true, organisation: { select: { name: true } } },
  });
}

/** Places taken (not waiting, not cancelled) at these events. */
export function countRegistrations(db: Db, eventIds: string[]) {
  return db.eventRegistration.count({ where: { status: "REGISTERED", eventId: { in: eventIds } } });
}

/** The network's indicators counted by COUNT_PARTNERS and COUNT_ANIMATIONS, with their targets. */
export function editionIndicators(db: Db, networkId: string) {
  return db.indicator.findMany({
    where: { networkId, archivedAt: null, computation: { in: ["COUNT_PARTNERS", "COUNT_ANIMATIONS"] } },
    select: { computation: true, target: true },
  });
}

/** The member's organisation, which proposes their animations; null when they have none. */
export async function proposerOrganisation(db: Db, memberId: string) {
  const member = await db.member.findUniqueOrThrow({
    where: { id: memberId },
    select: { organisation: { select: { id: true, name: true } } },
  });
  return member.organisation;
}

/** The network's active reviewers of proposals, but the proposer. */
export function reviewersOf(db: DbClient, networkId: string, proposerId: string) {
  return db.member.findMany({
    where: {
      networkId,
      status: "ACTIVE",
      roles: { hasSome: [...MOIS_REVIEWERS] },
      id: { not: proposerId },
    },
    select: { id: true },
  });
}
