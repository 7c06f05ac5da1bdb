import type { Db } from "../../db/database.ts";
import type { DayRange } from "../indicators/period.ts";
import { siteTerritories, weekActivityRows } from "./data.ts";

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
  const { groups, themes, territories } = await weekActivityRows(db, networkId, range);
  const organisationIds = [...new Set(groups.flatMap((g) => (g.organisationId ? [g.organisationId] : [])))];
  const sites = organisationIds.length ? await siteTerritories(db, organisationIds) : [];
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
