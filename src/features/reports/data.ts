import { setImmediate as nextTurn } from "node:timers/promises";
import type { Prisma } from "@prisma/client";
import type { Locale } from "../../core/i18n.ts";
import type { Db } from "../../db/database.ts";
import { territoriesWithin } from "../../services/directory/territories.ts";
import { activityWhere, memberWhere } from "../indicators/counters.ts";
import { type DayRange, dateColumnFilter } from "../indicators/period.ts";

/** What an export covers: a network, a range of days, optionally a territory (and what lies under it). */
export interface CopilQuery {
  networkId: string;
  range: DayRange;
  territoryId?: string | undefined;
  locale: Locale;
}

/**
 * Activity reports are read this many at a time, so a year of a department never sits in memory at
 * once; and a page is small, because turning the database's rows into objects happens on the main
 * thread, at one go per page (1,000 rows held the event loop 30–40 ms on PostgreSQL; on PGlite the
 * query itself runs on the main thread too).
 */
export const ACTIVITY_PAGE = 250;

// The notes column is never read: it is free text, and may hold a name or a phone number that the
// privacy checks missed. An export leaves the bot and travels by e-mail; only coded fields go.
const ACTIVITY_COLUMNS = {
  id: true,
  date: true,
  kind: true,
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
  memberId: true,
} satisfies Prisma.ActivityReportSelect;

/** An activity report as exported, with its author's name. */
export type ExportedActivity = Prisma.ActivityReportGetPayload<{ select: typeof ACTIVITY_COLUMNS }> & {
  adviser: string;
};

/** The territories a query is narrowed to, with their descendants; undefined for the whole network. */
export function territoryScope(db: Db, query: CopilQuery): Promise<string[] | undefined> {
  return query.territoryId ? territoriesWithin(db, query.networkId, [query.territoryId]) : Promise.resolve(undefined);
}

/**
 * The activity reports of the query, by date then id, a page at a time. The filter is the one the
 * indicators count with, so the sheet's rows and the chat's figures agree.
 */
export async function* activityPages(
  db: Db,
  query: CopilQuery,
  territoryIds: string[] | undefined,
  pageSize = ACTIVITY_PAGE,
): AsyncGenerator<ExportedActivity[]> {
  const where = await activityWhere(db, { networkId: query.networkId, range: query.range, territoryIds });
  // Authors' names are read once each, not joined to every row of every page.
  const names = new Map<string, string>();
  const read = async (after: ExportedActivity | undefined) => {
    // Other work gets its turn between two pages: on PGlite a query holds the event loop while it runs.
    if (after) await nextTurn();
    // Keyset pagination on (date, id): each page starts where the last ended, at the same cost. The
    // `gte` bound lets the (networkId, date) index start at the last page's day rather than scan the
    // whole range again and filter (the OR alone is no index bound).
    const cursor: Prisma.ActivityReportWhereInput = after
      ? { date: { gte: after.date }, OR: [{ date: { gt: after.date } }, { id: { gt: after.id } }] }
      : {};
    const page = await db.activityReport.findMany({
      where: { AND: [where, cursor] },
      select: ACTIVITY_COLUMNS,
      orderBy: [{ date: "asc" }, { id: "asc" }],
      take: pageSize,
    });
    const unknown = [...new Set(page.map((r) => r.memberId))].filter((id) => !names.has(id));
    if (unknown.length > 0)
      for (const m of await db.member.findMany({
        where: { id: { in: unknown } },
        select: { id: true, displayName: true },
      }))
        names.set(m.id, m.displayName);
    return page.map((r) => ({ ...r, adviser: names.get(r.memberId) ?? "" }));
  };
  let page = await read(undefined);
  while (page.length > 0) {
    // The next page is asked for before this one is written, so the database works while the file is built.
    const next = page.length < pageSize ? Promise.resolve([]) : read(page[page.length - 1]);
    // A failure of the read ahead surfaces when awaited below, not as an unhandled rejection meanwhile.
    next.catch(() => {});
    yield page;
    page = await next;
  }
}

/** A progress report as the fiche's sheet lists it. */
export interface ExportedProgress {
  ficheActionId: string;
  date: Date;
  member: string;
  text: string;
  indicator: string | undefined;
  value: number | undefined;
}

/** The progress reports of the range, by the authors in the territory when one is asked (as the indicators sum them). */
export async function progressInRange(
  db: Db,
  query: CopilQuery,
  territoryIds: string[] | undefined,
): Promise<ExportedProgress[]> {
  const authors = territoryIds
    ? {
        memberId: {
          in: (
            await db.member.findMany({
              where: await memberWhere(db, { networkId: query.networkId, range: query.range, territoryIds }),
              select: { id: true },
            })
          ).map((m) => m.id),
        },
      }
    : {};
  const rows = await db.progressReport.findMany({
    where: { networkId: query.networkId, date: dateColumnFilter(query.range), ...authors },
    select: {
      ficheActionId: true,
      date: true,
      text: true,
      value: true,
      member: { select: { displayName: true } },
      indicator: { select: { label: true } },
    },
    orderBy: [{ date: "asc" }, { createdAt: "asc" }],
  });
  return rows.map((r) => ({
    ficheActionId: r.ficheActionId,
    date: r.date,
    member: r.member.displayName,
    text: r.text,
    indicator: r.indicator?.label,
    value: r.value === null ? undefined : Number(r.value),
  }));
}

/** Where places are: names of sites and territories, and the intercommunality above each. */
export interface PlaceBook {
  site(id: string | null): { name: string; territoryId: string | null } | undefined;
  territory(id: string | null): { name: string; kind: string; parentId: string | null } | undefined;
}

/** The network's sites and territories, read once for the whole export. */
export async function loadPlaceBook(db: Db, networkId: string): Promise<PlaceBook> {
  const [organisations, territories] = await Promise.all([
    db.organisation.findMany({ where: { networkId }, select: { id: true, name: true, territoryId: true } }),
    db.territory.findMany({ where: { networkId }, select: { id: true, name: true, kind: true, parentId: true } }),
  ]);
  const sites = new Map(organisations.map((o) => [o.id, o]));
  const places = new Map(territories.map((t) => [t.id, t]));
  return { site: (id) => (id ? sites.get(id) : undefined), territory: (id) => (id ? places.get(id) : undefined) };
}

/** The network's slug and name, as export file names and headings carry them. */
export function exportNetwork(db: Db, networkId: string) {
  return db.network.findUniqueOrThrow({ where: { id: networkId }, select: { slug: true, name: true } });
}

/** The network's territories by name, as the export form offers them and typed names are matched. */
export function networkTerritories(db: Db, networkId: string) {
  return db.territory.findMany({
    where: { networkId },
    select: { id: true, name: true, kind: true },
    orderBy: { name: "asc" },
  });
}

/** A territory of the network by its id, or null. */
export function findTerritory(db: Db, networkId: string, id: string) {
  return db.territory.findFirst({ where: { networkId, id }, select: { id: true, name: true, kind: true } });
}
