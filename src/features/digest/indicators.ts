import { addDays, type CalendarDay, compareDays } from "../../calendar/paris.ts";
import type { Db } from "../../db/database.ts";
import { computeIndicators } from "../indicators/compute.ts";
import { type DayRange, type IndicatorPeriod, periodContaining } from "../indicators/period.ts";
import { liveIndicatorPeriods } from "./data.ts";

/** An indicator whose value changed during the week. */
export interface MovedIndicator {
  id: string;
  label: string;
  /** Null when the plan sets no numeric target. */
  target: number | null;
  value: number;
  delta: number;
}

const earlier = (a: CalendarDay, b: CalendarDay) => (compareDays(a, b) <= 0 ? a : b);
const rangeKey = (r: DayRange) => `${r.from.year}-${r.from.month}-${r.from.day}/${r.to.year}-${r.to.month}-${r.to.day}`;

/**
 * Indicators whose value at the end of `week` differs from their value the day before it, each
 * counted from the start of its own period (this year, this half-year, the plan). Computed once per
 * distinct range rather than per indicator; periods that ended before the week cannot have moved.
 */
export async function movedIndicators(db: Db, networkId: string, week: DayRange): Promise<MovedIndicator[]> {
  const rows = await liveIndicatorPeriods(db, networkId);
  const ranges = new Map<string, { after: DayRange; before: DayRange }>();
  for (const row of rows) {
    const period = periodContaining(row.period as IndicatorPeriod, week.to, row.ficheAction.axis.plan);
    if (compareDays(period.to, week.from) < 0) continue;
    // An empty "before" range (the period starts within the week) still counts members who joined earlier.
    ranges.set(row.id, {
      after: { from: period.from, to: earlier(period.to, week.to) },
      before: { from: period.from, to: earlier(period.to, addDays(week.from, -1)) },
    });
  }
  const distinct = new Map<string, DayRange>();
  for (const { after, before } of ranges.values()) for (const r of [after, before]) distinct.set(rangeKey(r), r);
  const computed = new Map(
    await Promise.all(
      [...distinct].map(async ([key, range]) => {
        const values = await computeIndicators(db, { networkId, window: { range } });
        return [key, values] as const;
      }),
    ),
  );
  const valueIn = (key: string, id: string) => computed.get(key)?.find((v) => v.id === id);
  const ordered = computed.values().next().value ?? [];
  return ordered.flatMap((indicator) => {
    const r = ranges.get(indicator.id);
    if (!r) return [];
    const after = valueIn(rangeKey(r.after), indicator.id)!;
    const before = valueIn(rangeKey(r.before), indicator.id)!;
    // Progress reports carry decimals: 0.1 + 0.2 must not show as a move of 0.30000000000000004.
    const delta = Math.round((after.value - before.value) * 100) / 100;
    return delta === 0
      ? []
      : [{ id: indicator.id, label: indicator.label, target: indicator.target, value: after.value, delta }];
  });
}
