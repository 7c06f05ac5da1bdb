import type { Db } from "../../db/database.ts";
import { isoDay } from "../../shared/dates.ts";
import { type DayRange, dateColumnFilter } from "../indicators/period.ts";

/** Activities reported in one intercommunality, or (`epciId` null) in no known one or remotely. */
export interface TerritoryFigures {
  epciId: string | null;
  name: string | null;
  activities: number;
  people: number;
}

/** What the network's advisers did over a range of days. */
export interface WeekFigures {
  activities: number;
  people: number;
  minutes: number;
  /** Most activities first; the unknown/remote bucket among them. */
  territories: TerritoryFigures[];
  /** Theme codes by number of activities, most first. */
  themes: { code: string; count: number }[];
}

type TerritoryRow = { id: string; kind: string; name: string; parentId: string | null };

/** The intercommunality a place lies in: itself, or the first EPCI above it; null above or outside any. */
function epciOf(territoryId: string | null | undefined, territories: Map<string, TerritoryRow>): TerritoryRow | null {
  let current = territoryId ? territories.get(territoryId) : undefined;
  // The tree is a few levels deep; the bound guards against a cycle in hand-edited data.
  for (let depth = 0; current && depth < 10; depth++) {
    if (current.kind === "EPCI") return current;
    current = current.parentId ? territories.get(current.parentId) : undefined;
  }
  return null;
}

/**
 * Counts, people and time over `range`, by intercommunality (support sites and communes grouped up
 * to their EPCI) and by theme. Grouped in the database: a week of a department is a few thousand rows.
 */
export async function weekFigures(db: Db, networkId: string, range: DayRange): Promise<WeekFigures> {
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
  const organisationIds = [...new Set(groups.flatMap((g) => (g.organisationId ? [g.organisationId] : [])))];
  const sites = organisationIds.length
    ? await db.organisation.findMany({
        where: { id: { in: organisationIds } },
        select: { id: true, territoryId: true },
      })
    : [];
  const siteTerritory = new Map(sites.map((s) => [s.id, s.territoryId]));
  const byId = new Map(territories.map((t) => [t.id, t]));
  const buckets = new Map<string | null, TerritoryFigures>();
  const totals = { activities: 0, people: 0, minutes: 0 };
  for (const g of groups) {
    const activities = g._count._all;
    const people = g._sum.participants ?? 0;
    totals.activities += activities;
    totals.people += people;
    totals.minutes += g._sum.durationMin ?? 0;
    const place = g.place === "REMOTE" ? null : g.organisationId ? siteTerritory.get(g.organisationId) : g.territoryId;
    const epci = epciOf(place, byId);
    const key = epci?.id ?? null;
    const bucket = buckets.get(key) ?? { epciId: key, name: epci?.name ?? null, activities: 0, people: 0 };
    bucket.activities += activities;
    bucket.people += people;
    buckets.set(key, bucket);
  }
  const ranked = [...buckets.values()].sort(
    (a, b) =>
      b.activities - a.activities ||
      b.people - a.people ||
      (a.name ?? "\uffff").localeCompare(b.name ?? "\uffff", "fr"),
  );
  return { ...totals, territories: ranked, themes: themes.map((t) => ({ code: t.code, count: Number(t.count) })) };
}
