import { Prisma } from "@prisma/client";
import { addDays, parisDay } from "../../calendar/paris.ts";
import type { Db } from "../../db/database.ts";
import { isoDay } from "../../shared/dates.ts";
import { type DayRange, dateColumnFilter } from "../indicators/period.ts";
import { SILENCE_DAYS, type SilenceScope, type SilentAdviser } from "./silence.ts";

/** The active network coordinators of every network, to whom a digest goes. */
export function activeCoordinators(db: Db) {
  return db.member.findMany({
    where: { status: "ACTIVE", roles: { has: "NETWORK_COORDINATOR" } },
    select: { id: true, networkId: true },
  });
}

/**
 * A range's activities grouped by place, its themes by number of activities, and the network's
 * territory tree. Grouped in the database: a week of a department is a few thousand rows.
 */
export async function weekActivityRows(db: Db, networkId: string, range: DayRange) {
  const where = { networkId, date: dateColumnFilter(range) };
  const [groups, themes, territories] = await Promise.all([
    db.activityReport.groupBy({
      by: ["place", "organisationId", "territoryId"],
      where,
      _count: { _all: true },
      _sum: { participants: true, durationMin: true },
    }),
    db.$queryRaw<{ code: string; count: number }[]>`
      select t as "code", count(*)::int as "count" from "ActivityReport" r, unnest(r."themes") as t
      where r."networkId" = ${networkId}::uuid and r."date" between ${isoDay(range.from)}::date and ${isoDay(range.to)}::date
      group by t order by count(*) desc, t`,
    db.territory.findMany({ where: { networkId }, select: { id: true, kind: true, name: true, parentId: true } }),
  ]);
  return { groups, themes, territories };
}

/** The territory each of these support sites lies in. */
export function siteTerritories(db: Db, organisationIds: string[]) {
  return db.organisation.findMany({
    where: { id: { in: organisationIds } },
    select: { id: true, territoryId: true },
  });
}

/** The network's indicators still in use, with their period and their plan's years. */
export function liveIndicatorPeriods(db: Db, networkId: string) {
  return db.indicator.findMany({
    where: { networkId, archivedAt: null, ficheAction: { archivedAt: null } },
    select: {
      id: true,
      period: true,
      ficheAction: { select: { axis: { select: { plan: { select: { startYear: true, endYear: true } } } } } },
    },
  });
}

/**
 * Active digital advisers whose latest activity happened SILENCE_DAYS or more days before `at`
 * (Paris calendar), or who joined that long ago and never reported; by name. An adviser who wrote a
 * report within that time is not silent even if it was dated weeks back: they have just caught up.
 */
export async function silentAdvisers(db: Db, at: Date, scope: SilenceScope = {}): Promise<SilentAdviser[]> {
  const since = new Date(at.getTime() - SILENCE_DAYS * 24 * 3600 * 1000);
  const cutoff = isoDay(addDays(parisDay(at), -SILENCE_DAYS));
  const network = scope.networkId ? Prisma.sql`and m."networkId" = ${scope.networkId}::uuid` : Prisma.empty;
  const member = scope.memberId ? Prisma.sql`and m."id" = ${scope.memberId}::uuid` : Prisma.empty;
  return db.$queryRaw<SilentAdviser[]>`
    select m."id"::text as "memberId", m."networkId"::text as "networkId", m."displayName" as "displayName",
      last."id"::text as "lastReportId", to_char(last."date", 'YYYY-MM-DD') as "lastDay"
    from "Member" m
    left join lateral (
      select a."id", a."date" from "ActivityReport" a where a."memberId" = m."id"
      order by a."date" desc, a."createdAt" desc, a."id" desc limit 1
    ) last on true
    where m."status" = 'ACTIVE' and 'DIGITAL_ADVISER' = any(m."roles") ${network} ${member}
      and case when last."id" is null then m."createdAt" <= ${since} else last."date" <= ${cutoff}::date end
      and not exists (select 1 from "ActivityReport" w where w."memberId" = m."id" and w."createdAt" > ${since})
    order by m."displayName", m."id"`;
}
