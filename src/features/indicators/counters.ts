import type { Prisma } from "@prisma/client";
import { addDays, parisInstant } from "../../calendar/paris.ts";
import type { Db } from "../../db/database.ts";
import type { CalendarDay } from "../../calendar/paris.ts";
import { EVENT_COUNTERS } from "../events/counters.ts";
import { DESK_COUNTERS } from "../interns/desk/counters.ts";
import { MOIS_COUNTERS } from "../mois/counters.ts";
import { type DayRange, dateColumnFilter } from "./period.ts";

/** What an indicator narrows its count to (checked by the plan import, src/admin/plan/counters.ts). */
export interface IndicatorFilter {
  eventType?: string;
  topic?: string;
  role?: string;
  kind?: string;
}

/** Where to count: a period, and optionally the territories (already with their descendants) a report was made in. */
export interface CountScope {
  networkId: string;
  range: DayRange;
  territoryIds?: readonly string[] | undefined;
  /** Today (Paris), when counting "so far": events planned after it have not been held yet. */
  today?: CalendarDay | undefined;
}

/** Counts an indicator from what the network records. */
export type Counter = (db: Db, scope: CountScope, filter: IndicatorFilter) => Promise<number>;

async function organisationsIn(db: Db, scope: CountScope): Promise<string[]> {
  const rows = await db.organisation.findMany({ where: { networkId: scope.networkId, territoryId: { in: [...(scope.territoryIds ?? [])] } }, select: { id: true } });
  return rows.map((r) => r.id);
}

/**
 * Activity reports in the scope. A report is in a territory when its commune is, or its support
 * site is located there; organisations are read apart (a relation filter is slow on 100,000 rows).
 */
export async function activityWhere(db: Db, scope: CountScope, filter: IndicatorFilter = {}): Promise<Prisma.ActivityReportWhereInput> {
  const where: Prisma.ActivityReportWhereInput = { networkId: scope.networkId, date: dateColumnFilter(scope.range) };
  if (filter.kind) where.kind = filter.kind as Prisma.ActivityReportWhereInput["kind"];
  if (filter.topic) where.themes = { has: filter.topic };
  if (scope.territoryIds) {
    const organisations = await organisationsIn(db, scope);
    where.OR = [{ territoryId: { in: [...scope.territoryIds] } }, { organisationId: { in: organisations } }];
  }
  return where;
}

/** Members in the scope's territories (placed there, or working for an organisation located there). */
export async function memberWhere(db: Db, scope: CountScope): Promise<Prisma.MemberWhereInput> {
  if (!scope.territoryIds) return { networkId: scope.networkId };
  const organisations = await organisationsIn(db, scope);
  return { networkId: scope.networkId, OR: [{ territoryId: { in: [...scope.territoryIds] } }, { organisationId: { in: organisations } }] };
}

const countActivities: Counter = async (db, scope, filter) => db.activityReport.count({ where: await activityWhere(db, scope, filter) });

const countActivityParticipants: Counter = async (db, scope, filter) => {
  const sum = await db.activityReport.aggregate({ where: await activityWhere(db, scope, filter), _sum: { participants: true } });
  return sum._sum.participants ?? 0;
};

/** Active members holding the role who had joined by the end of the period (its last day included, Paris time). */
const countMembers: Counter = async (db, scope, filter) => {
  const where: Prisma.MemberWhereInput = { ...(await memberWhere(db, scope)), status: "ACTIVE", createdAt: { lt: parisInstant(addDays(scope.range.to, 1), 0) } };
  if (filter.role) where.roles = { has: filter.role as never };
  return db.member.count({ where });
};

/**
 * The computations the bot counts from its own records only, by name: activities and members are
 * all recorded here, so progress reports cannot add to them.
 */
export const COUNTERS: Partial<Record<string, Counter>> = {
  COUNT_ACTIVITIES: countActivities,
  COUNT_MEMBERS: countMembers,
};

/**
 * Computations counted from the bot's events (events of a type, their participants and attendance,
 * the mois du numérique's partners and animations). Meetings are also held without the bot: those
 * are reported in progress reports on the indicator, which add to the count (reports made before
 * the bot recorded events keep counting; the progress form says that events in the bot count
 * themselves). The mission accueil's requests asked in the bot count the same way (those made by
 * phone or e-mail are reported). Any other computation is summed from progress reports only.
 */
const EVENT_FAMILY: Partial<Record<string, Counter>> = { ...EVENT_COUNTERS, ...MOIS_COUNTERS };

/** The counter for a computation and filter, or undefined when the value comes from progress reports only. */
export function counterFor(computation: string, filter: IndicatorFilter): Counter | undefined {
  if (computation === "COUNT_PARTICIPANTS" && !filter.eventType) return countActivityParticipants;
  if (filter.eventType) return EVENT_FAMILY[computation];
  if (computation === "COUNT_REQUESTS" && filter.kind === "INTERN_WELCOME") return DESK_COUNTERS.COUNT_REQUESTS;
  return COUNTERS[computation];
}

/** True when progress reports may carry a value for the indicator: it is not counted from the bot's records alone. */
export function acceptsReports(computation: string, filter: IndicatorFilter): boolean {
  const counter = counterFor(computation, filter);
  return counter === undefined || Object.values(EVENT_FAMILY).includes(counter) || counter === DESK_COUNTERS.COUNT_REQUESTS;
}
