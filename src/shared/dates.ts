import type { CalendarDay } from "../calendar/paris.ts";

/** "2026-11-03": a calendar day as drafts, forms, file names and `date` columns carry it. */
export function isoDay(day: CalendarDay): string {
  return `${day.year}-${String(day.month).padStart(2, "0")}-${String(day.day).padStart(2, "0")}`;
}

/** Minutes after midnight as "20:00". */
export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
