import type { Prisma } from "@prisma/client";
import { addDays, parisInstant } from "../../calendar/paris.ts";
import type { Db } from "../../db/database.ts";
import {
  type Counter,
  type CountScope,
  eventTypeCounterName,
  type IndicatorCounters,
  type IndicatorFilter,
  kindCounterName,
} from "./counting.ts";
import { dateColumnFilter } from "./period.ts";

export type { Counter, CountScope, IndicatorFilter } from "./counting.ts";

async function organisationsIn(db: Db, scope: CountScope): Promise<string[]> {
  const rows = await db.organisation.findMany({
    where: { networkId: scope.networkId, territoryId: { in: [...(scope.territoryIds ?? [])] } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/**
 * Activity reports in the scope. A report is in a territory when its commune is, or its support
 * site is located there; organisations are read apart (a relation filter is slow on 100,000 rows).
 */
export async function activityWhere(
  db: Db,
  scope: CountScope,
  filter: IndicatorFilter = {},
): Promise<Prisma.ActivityReportWhereInput> {
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
  return {
    networkId: scope.networkId,
    OR: [{ territoryId: { in: [...scope.territoryIds] } }, { organisationId: { in: organisations } }],
  };
}

const countActivities: Counter = async (db, scope, filter) =>
  db.activityReport.count({ where: await activityWhere(db, scope, filter) });

const countActivityParticipants: Counter = async (db, scope, filter) => {
  const sum = await db.activityReport.aggregate({
    where: await activityWhere(db, scope, filter),
    _sum: { participants: true },
  });
  return sum._sum.participants ?? 0;
};

/** Active members holding the role who had joined by the end of the period (its last day included, Paris time). */
const countMembers: Counter = async (db, scope, filter) => {
  const where: Prisma.MemberWhereInput = {
    ...(await memberWhere(db, scope)),
    status: "ACTIVE",
    createdAt: { lt: parisInstant(addDays(scope.range.to, 1), 0) },
  };
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

/** The indicators' own counters: what they count is recorded only here, so progress reports do not add to it. */
const OWN_COUNTERS: ReadonlySet<Counter> = new Set([countActivities, countMembers, countActivityParticipants]);

// Set once at start-up by the composition root (createBot), which gathers them from the features.
let contributed: ReadonlyMap<string, Counter> | undefined;

/** Takes the counters the features contribute (events, the mois du numérique, the mission accueil); call before counting. */
export function provideCounters(counters: IndicatorCounters): void {
  contributed = new Map(Object.entries(counters));
}

function contributedCounters(): ReadonlyMap<string, Counter> {
  if (!contributed)
    throw new Error("Indicator counters were not provided: the composition root calls provideCounters at start-up");
  return contributed;
}

/**
 * The counter for a computation and filter, or undefined when the value comes from progress reports only.
 * An indicator naming an event type is counted by the features' event counters (events, the mois du
 * numérique's partners and animations); one naming a kind by that kind's counter if a feature
 * contributes one (the mission accueil's requests), else like any other.
 */
export function counterFor(computation: string, filter: IndicatorFilter): Counter | undefined {
  const counters = contributedCounters();
  if (computation === "COUNT_PARTICIPANTS" && !filter.eventType) return countActivityParticipants;
  if (filter.eventType) return counters.get(eventTypeCounterName(computation));
  const ofKind = filter.kind ? counters.get(kindCounterName(filter.kind, computation)) : undefined;
  return ofKind ?? COUNTERS[computation];
}

/**
 * True when progress reports may carry a value for the indicator: it is not counted from the bot's
 * records alone. Meetings are also held without the bot, and the mission accueil also answers by
 * phone or e-mail: those are reported in progress reports, which add to what features count
 * (reports made before the bot recorded events keep counting). Any other computation is summed
 * from progress reports only.
 */
export function acceptsReports(computation: string, filter: IndicatorFilter): boolean {
  const counter = counterFor(computation, filter);
  return counter === undefined || !OWN_COUNTERS.has(counter);
}
