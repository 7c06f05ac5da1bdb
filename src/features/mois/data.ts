import type { Prisma } from "@prisma/client";
import type { Db } from "../../db/database.ts";
import { isUuid } from "../../shared/ids.ts";
import type { Edition } from "./edition.ts";

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
