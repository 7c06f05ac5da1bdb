import type { CalendarDay } from "../../calendar/paris.ts";

/** "01/01/2026": how a day reads in an export's summary and headings, in both languages. */
export function shortDay(day: CalendarDay): string {
  return `${String(day.day).padStart(2, "0")}/${String(day.month).padStart(2, "0")}/${day.year}`;
}
