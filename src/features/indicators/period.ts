import { type CalendarDay, compareDays } from "../../calendar/paris.ts";
import { columnOfDay } from "../activities/days.ts";

/** A run of calendar days, both ends included. */
export interface DayRange {
  from: CalendarDay;
  to: CalendarDay;
}

export type IndicatorPeriod = "YEAR" | "SEMESTER" | "PLAN";

/** The years a plan covers (SDAASP 2018–2024: 2018 and 2024). */
export interface PlanYears {
  startYear: number;
  endYear: number;
}

/** The whole calendar year. */
export function yearRange(year: number): DayRange {
  return { from: { year, month: 1, day: 1 }, to: { year, month: 12, day: 31 } };
}

/** The indicator's period that contains `day`: its year, its half-year, or the plan's years. */
export function periodContaining(period: IndicatorPeriod, day: CalendarDay, plan: PlanYears): DayRange {
  if (period === "YEAR") return yearRange(day.year);
  if (period === "SEMESTER") {
    return day.month <= 6
      ? { from: { year: day.year, month: 1, day: 1 }, to: { year: day.year, month: 6, day: 30 } }
      : { from: { year: day.year, month: 7, day: 1 }, to: { year: day.year, month: 12, day: 31 } };
  }
  return { from: yearRange(plan.startYear).from, to: yearRange(Math.max(plan.endYear, plan.startYear)).to };
}

/** A `@db.Date` filter for the range. */
export function dateColumnFilter(range: DayRange): { gte: Date; lte: Date } {
  return { gte: columnOfDay(range.from), lte: columnOfDay(range.to) };
}

/** True when `day` lies in the range. */
export function inRange(day: CalendarDay, range: DayRange): boolean {
  return compareDays(day, range.from) >= 0 && compareDays(day, range.to) <= 0;
}

/** The range's last day, or today when counting "so far" and today comes first: what is planned later has not happened yet. */
export function lastCountedDay(range: DayRange, today?: CalendarDay): CalendarDay {
  return today && compareDays(today, range.to) < 0 ? today : range.to;
}
