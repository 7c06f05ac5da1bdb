import type { CalendarDay } from "../../calendar/paris.ts";
import type { Db } from "../../db/database.ts";
import type { DayRange } from "./period.ts";

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

/**
 * Counters a feature contributes to the indicators (`Feature.counters`), by name: the name says
 * which indicators a counter serves and for which computation (see `eventTypeCounters`, `kindCounters`).
 */
export type IndicatorCounters = Readonly<Record<string, Counter>>;

/** Name of the counter of `computation` for indicators that name an event type. */
export const eventTypeCounterName = (computation: string): string => `eventType:${computation}`;

/** Name of the counter of `computation` for indicators that name a kind (`filter.kind`). */
export const kindCounterName = (kind: string, computation: string): string => `kind:${kind}:${computation}`;

/** Counters by computation, contributed for indicators that name an event type. */
export function eventTypeCounters(byComputation: Partial<Record<string, Counter>>): IndicatorCounters {
  return named(byComputation, eventTypeCounterName);
}

/** Counters by computation, contributed for indicators that name `kind`. */
export function kindCounters(kind: string, byComputation: Partial<Record<string, Counter>>): IndicatorCounters {
  return named(byComputation, (computation) => kindCounterName(kind, computation));
}

function named(
  byComputation: Partial<Record<string, Counter>>,
  name: (computation: string) => string,
): IndicatorCounters {
  return Object.fromEntries(
    Object.entries(byComputation).flatMap(([computation, counter]) => (counter ? [[name(computation), counter]] : [])),
  );
}
