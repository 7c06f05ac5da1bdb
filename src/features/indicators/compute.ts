import { setImmediate as nextTurn } from "node:timers/promises";
import type { CalendarDay } from "../../calendar/paris.ts";
import type { Db } from "../../db/database.ts";
import { territoriesWithin } from "../../services/directory/territories.ts";
import { acceptsReports, type CountScope, counterFor, type IndicatorFilter, memberWhere } from "./counters.ts";
import { type DayRange, dateColumnFilter, type IndicatorPeriod, periodContaining } from "./period.ts";

/** A fiche-action as indicators are shown under it. */
export interface FicheRef {
  id: string;
  code: string;
  title: string;
  planCode: string;
  axisNumber: number;
}

/** One indicator's value over a range, against its target. */
export interface IndicatorValue {
  id: string;
  label: string;
  unit: string;
  /** Null when the plan sets no numeric target. */
  target: number | null;
  period: IndicatorPeriod;
  computation: string;
  fiche: FicheRef;
  range: DayRange;
  value: number;
  /** `data`: counted from what members record; `reports`: summed from progress reports on the indicator; `both`: events counted plus those reported. */
  source: "data" | "reports" | "both";
}

/**
 * Which days to count: each indicator over its own period containing `today` (this year, this
 * half-year, the plan), or every indicator over one range (an export for a chosen period).
 */
export type IndicatorWindow = { today: CalendarDay } | { range: DayRange };

export interface IndicatorQuery {
  networkId: string;
  window: IndicatorWindow;
  /** Only what happened in this territory and those under it. */
  territoryId?: string | undefined;
}

/** Every indicator of the network's plans, in plan, axis and fiche order, with its value. */
export async function computeIndicators(db: Db, query: IndicatorQuery): Promise<IndicatorValue[]> {
  const [indicators, territoryIds] = await Promise.all([
    db.indicator.findMany({
      // A fiche dropped from a revised plan file is archived: its indicators no longer show.
      where: { networkId: query.networkId, archivedAt: null, ficheAction: { archivedAt: null } },
      select: {
        id: true,
        label: true,
        unit: true,
        target: true,
        period: true,
        computation: true,
        filter: true,
        ficheAction: {
          select: {
            id: true,
            code: true,
            title: true,
            axis: { select: { number: true, plan: { select: { code: true, startYear: true, endYear: true } } } },
          },
        },
      },
    }),
    query.territoryId ? territoriesWithin(db, query.networkId, [query.territoryId]) : Promise.resolve(undefined),
  ]);
  const ordered = indicators.sort(
    (a, b) =>
      a.ficheAction.axis.plan.code.localeCompare(b.ficheAction.axis.plan.code) ||
      a.ficheAction.axis.number - b.ficheAction.axis.number ||
      a.ficheAction.code.localeCompare(b.ficheAction.code, "fr", { numeric: true }) ||
      a.label.localeCompare(b.label, "fr"),
  );
  const reportAuthors = territoryIds
    ? (
        await db.member.findMany({
          where: await memberWhere(db, { networkId: query.networkId, range: anyRange, territoryIds }),
          select: { id: true },
        })
      ).map((m) => m.id)
    : undefined;
  return inBatches(ordered, async (row) => {
    const plan = row.ficheAction.axis.plan;
    const period = row.period as IndicatorPeriod;
    const range = "range" in query.window ? query.window.range : periodContaining(period, query.window.today, plan);
    const filter = (row.filter ?? {}) as IndicatorFilter;
    const counter = counterFor(row.computation, filter);
    const scope: CountScope = {
      networkId: query.networkId,
      range,
      territoryIds,
      today: "today" in query.window ? query.window.today : undefined,
    };
    const [counted, reported] = await Promise.all([
      counter ? counter(db, scope, filter) : Promise.resolve(0),
      acceptsReports(row.computation, filter) ? reportedValue(db, row.id, range, reportAuthors) : Promise.resolve(0),
    ]);
    const value = counted + reported;
    return {
      id: row.id,
      label: row.label,
      unit: row.unit,
      target: row.target === null ? null : Number(row.target),
      period,
      computation: row.computation,
      fiche: {
        id: row.ficheAction.id,
        code: row.ficheAction.code,
        title: row.ficheAction.title,
        planCode: plan.code,
        axisNumber: row.ficheAction.axis.number,
      },
      range,
      value,
      source: !counter ? "reports" : reported > 0 ? "both" : "data",
    } satisfies IndicatorValue;
  });
}

/**
 * Indicators counted at once. Starting every count together prepared every query (Prisma's query
 * compiler) in one go on the main thread, and on PGlite ran them back to back with no turn for
 * anything else: a few at a time, with a turn of the event loop in between, keeps the process answering.
 */
const INDICATORS_AT_ONCE = 4;

async function inBatches<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += INDICATORS_AT_ONCE) {
    if (start > 0) await nextTurn();
    results.push(...(await Promise.all(items.slice(start, start + INDICATORS_AT_ONCE).map(fn))));
  }
  return results;
}

const anyRange: DayRange = { from: { year: 1, month: 1, day: 1 }, to: { year: 9999, month: 12, day: 31 } };

/** The sum of the values progress reports attached to the indicator, by the authors in the territory when one is asked. */
async function reportedValue(
  db: Db,
  indicatorId: string,
  range: DayRange,
  authors: string[] | undefined,
): Promise<number> {
  const sum = await db.progressReport.aggregate({
    where: { indicatorId, date: dateColumnFilter(range), ...(authors ? { memberId: { in: authors } } : {}) },
    _sum: { value: true },
  });
  return Number(sum._sum.value ?? 0);
}

/** The share of the target reached, from 0; undefined when the plan sets no numeric target (or a target of 0). */
export function progressRatio(indicator: Pick<IndicatorValue, "value" | "target">): number | undefined {
  return indicator.target !== null && indicator.target > 0 ? indicator.value / indicator.target : undefined;
}
