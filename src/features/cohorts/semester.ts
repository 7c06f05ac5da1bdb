import type { CalendarDay } from "../../calendar/paris.ts";

/** A half-year of interns: May–October or November–April, as UTC midnights of its first and next-first day. */
export interface Semester {
  from: Date;
  until: Date;
}

const utcDay = (year: number, month: number) => new Date(Date.UTC(year, month - 1, 1));

/** The semester a Paris day falls in: interns change posts on 1 May and 1 November. */
export function semesterOf(day: CalendarDay): Semester {
  if (day.month >= 5 && day.month <= 10) return { from: utcDay(day.year, 5), until: utcDay(day.year, 11) };
  const startYear = day.month >= 11 ? day.year : day.year - 1;
  return { from: utcDay(startYear, 11), until: utcDay(startYear + 1, 5) };
}

/** A Paris day as the value of a `@db.Date` column (UTC midnight). */
export function dayAsDate(day: CalendarDay): Date {
  return new Date(Date.UTC(day.year, day.month - 1, day.day));
}

/** A `@db.Date` value as a Paris day. */
export function dateAsDay(date: Date): CalendarDay {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}
