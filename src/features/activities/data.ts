import type { Prisma } from "@prisma/client";
import type { Db } from "../../db/database.ts";
import type { KnownPlace } from "./draft.ts";

/** The sites and communes a report may name, for the form, the rules and the quick entry. */
export interface NetworkPlaces {
  organisations: { id: string; name: string }[];
  communes: { id: string; name: string }[];
}

export async function loadPlaces(db: Db, networkId: string): Promise<NetworkPlaces> {
  const [organisations, communes] = await Promise.all([
    db.organisation.findMany({ where: { networkId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.territory.findMany({
      where: { networkId, kind: "COMMUNE" },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  return { organisations, communes };
}

/** The places as the quick-entry parser knows them. */
export function knownPlaces(places: NetworkPlaces): KnownPlace[] {
  return [
    ...places.organisations.map((o) => ({ kind: "organisation" as const, id: o.id, name: o.name })),
    ...places.communes.map((c) => ({ kind: "commune" as const, id: c.id, name: c.name })),
  ];
}

export const REPORT_SELECT = {
  id: true,
  memberId: true,
  kind: true,
  date: true,
  durationMin: true,
  place: true,
  organisationId: true,
  territoryId: true,
  participants: true,
  ageBrackets: true,
  themes: true,
  procedures: true,
  equipment: true,
  autonomy: true,
  referred: true,
  referralKind: true,
  workshopTitle: true,
  workshopLevel: true,
  notes: true,
  organisation: { select: { name: true } },
  territory: { select: { name: true } },
} satisfies Prisma.ActivityReportSelect;

export type StoredReport = Prisma.ActivityReportGetPayload<{ select: typeof REPORT_SELECT }>;

/** One report of the network, whoever wrote it. */
export function findReport(db: Db, networkId: string, id: string): Promise<StoredReport | null> {
  return db.activityReport.findFirst({ where: { id, networkId }, select: REPORT_SELECT });
}

/** The member's most recent reports: latest activity first, then latest written. */
export function latestReports(db: Db, memberId: string, take: number): Promise<StoredReport[]> {
  return db.activityReport.findMany({
    where: { memberId },
    select: REPORT_SELECT,
    orderBy: [{ date: "desc" }, { createdAt: "desc" }],
    take,
  });
}

/** The report the member wrote last, the model of "same as last time". */
export function lastWrittenReport(db: Db, memberId: string): Promise<StoredReport | null> {
  return db.activityReport.findFirst({ where: { memberId }, select: REPORT_SELECT, orderBy: { createdAt: "desc" } });
}
