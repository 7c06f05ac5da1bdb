import type { CalendarDay } from "../../calendar/paris.ts";

/** "01/01/2026": how a day reads in an export's summary and headings, in both languages. */
export function shortDay(day: CalendarDay): string {
  return `${String(day.day).padStart(2, "0")}/${String(day.month).padStart(2, "0")}/${day.year}`;
}

/** "Terres des Confluences" → "terres-des-confluences", for file names. */
export function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
