import { type CalendarDay, readTypedDay } from "../../calendar/paris.ts";
import type { Locale } from "../../core/i18n.ts";

const RELATIVE: Record<string, number> = {
  "aujourd'hui": 0,
  auj: 0,
  today: 0,
  hier: -1,
  yesterday: -1,
  "avant-hier": -2,
  "avant hier": -2,
  // Read so that the rules can say the date is in the future, rather than that it is unreadable.
  demain: 1,
  tomorrow: 1,
};

/**
 * The day of an activity as an adviser types it: "hier", "aujourd'hui", "12/11", "12/11/2026",
 * "2026-11-12". A day and month without a year is the latest such day up to today, since an
 * activity is reported after it happened. Null when the text is not a day.
 */
export function readActivityDay(text: string, today: CalendarDay): CalendarDay | null {
  return readTypedDay(text, today, "latest", RELATIVE);
}

/** A `@db.Date` column's value (midnight UTC) as the calendar day it names. */
export function dayOfColumn(date: Date): CalendarDay {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** A calendar day as a `@db.Date` column value. */
export function columnOfDay(day: CalendarDay): Date {
  return new Date(Date.UTC(day.year, day.month - 1, day.day));
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** "lun. 23 nov. 2026" / "Mon 23 Nov 2026". */
export function formatDay(day: CalendarDay, locale: Locale): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    });
    formats.set(locale, format);
  }
  return format.format(columnOfDay(day));
}

/**
 * A typed duration in minutes: "90", "45 min", "1h30", "1 h 30", "2h", "1:30", "1,5 h".
 * Null when it is not one (the range is checked by the report's rules).
 */
export function readDuration(text: string): number | null {
  const typed = text.trim().toLowerCase().replace(/\s+/g, " ");
  const minutes = /^(\d{1,4}) ?(?:min|mn|minutes?|m)?$/.exec(typed);
  if (minutes) return Number(minutes[1]);
  const decimal = /^(\d{1,2})[.,](\d{1,2}) ?h(?:eures?|ours?)?$/.exec(typed);
  if (decimal) return Math.round(Number(`${decimal[1]}.${decimal[2]}`) * 60);
  const clock = /^(\d{1,2}) ?(?:h|:|heures?|hours?) ?(?:(\d{1,2}) ?(?:min|mn|m)?)?$/.exec(typed);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2] ?? 0);
  return null;
}

/** Minutes as "45 min", "2 h", "1 h 30": readable, and read back by `readDuration`. */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, "0")}`;
}
