import { DateTime } from "luxon";

/** The plan's time zone: every wall-clock time the bot shows or reads is in it. */
export const PARIS = "Europe/Paris";

/** A day on the Paris calendar. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** The Paris calendar day an instant falls on. */
export function parisDay(at: Date): CalendarDay {
  const local = DateTime.fromJSDate(at, { zone: PARIS });
  return { year: local.year, month: local.month, day: local.day };
}

/** Minutes since Paris midnight (wall clock, 0–1439) of an instant; seconds are dropped. */
export function parisMinuteOfDay(at: Date): number {
  const local = DateTime.fromJSDate(at, { zone: PARIS });
  return local.hour * 60 + local.minute;
}

/**
 * The instant of `minuteOfDay` (0–1439, wall clock) on a Paris calendar day; DST-correct (a minute that does not exist moves forward).
 * A minute that happens twice (the October night) is its first occurrence, in summer time, so a
 * reminder is never late.
 */
export function parisInstant(day: CalendarDay, minuteOfDay: number): Date {
  if (!Number.isInteger(minuteOfDay) || minuteOfDay < 0 || minuteOfDay > 1439) {
    throw new RangeError(`minuteOfDay must be an integer in 0–1439, got ${minuteOfDay}`);
  }
  const wall = { ...day, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 };
  // Luxon moves a missing minute forward (02:30 → 03:30 in March) but picks winter time for a repeated one.
  const local = DateTime.fromObject(wall, { zone: PARIS });
  if (!local.isValid) throw new RangeError(`Not a calendar day: ${day.year}-${day.month}-${day.day}`);
  const hourEarlier = local.minus({ hours: 1 });
  const repeated = hourEarlier.hour === wall.hour && hourEarlier.minute === wall.minute && hourEarlier.day === wall.day;
  return (repeated ? hourEarlier : local).toJSDate();
}

/** `day` plus `n` calendar days (n may be negative). */
export function addDays(day: CalendarDay, n: number): CalendarDay {
  const shifted = new Date(Date.UTC(day.year, day.month - 1, day.day + n));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Whether year/month/day names a day that exists (no 31 February). */
export function isCalendarDay(day: CalendarDay): boolean {
  const d = new Date(Date.UTC(day.year, day.month - 1, day.day));
  return (
    Number.isInteger(day.year) &&
    d.getUTCFullYear() === day.year &&
    d.getUTCMonth() === day.month - 1 &&
    d.getUTCDate() === day.day
  );
}

/** ISO weekday of a calendar day: 1 Monday … 7 Sunday. */
export function weekday(day: CalendarDay): number {
  const d = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Compares two calendar days: negative, zero or positive. */
export function compareDays(a: CalendarDay, b: CalendarDay): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** A date and time as members type them, in Paris time; errors are locale keys. */
export type ParsedInstant =
  | { ok: true; at: Date }
  | { ok: false; error: "calendar.errors.date" | "calendar.errors.time" };

const RELATIVE_DAYS: Record<string, number> = {
  "aujourd'hui": 0,
  auj: 0,
  today: 0,
  demain: 1,
  tomorrow: 1,
  "après-demain": 2,
  "apres-demain": 2,
  "après demain": 2,
  "apres demain": 2,
  "day after tomorrow": 2,
};

/** Lower case, single spaces, typographic apostrophes made straight (phones type ’). */
function normalize(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, " ");
}

/** How a typed day and month without a year is placed: the next such day, or the latest one, today included. */
export type YearlessDay = "next" | "latest";

/**
 * A day as members type it ("24/01", "24/1/27", "2027-01-24", or a word of `relative` such as
 * "demain"), or null when it is not one. A day and month alone is the next such day (a due date;
 * 29/02 may wait for the next leap year) or the latest one (an activity already done).
 */
export function readTypedDay(
  typed: string,
  today: CalendarDay,
  yearless: YearlessDay,
  relative: Readonly<Record<string, number>> = RELATIVE_DAYS,
): CalendarDay | null {
  const text = normalize(typed);
  const offset = relative[text];
  if (offset !== undefined) return addDays(today, offset);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) return existing(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(text);
  if (!dmy) return null;
  const day = Number(dmy[1]);
  const month = Number(dmy[2]);
  if (dmy[3] !== undefined) return existing(dmy[3].length === 2 ? 2000 + Number(dmy[3]) : Number(dmy[3]), month, day);
  const step = yearless === "next" ? 1 : -1;
  for (let years = 0; years <= 8; years++) {
    const candidate = existing(today.year + step * years, month, day);
    if (candidate && step * compareDays(candidate, today) >= 0) return candidate;
  }
  return null;
}

function existing(year: number, month: number, day: number): CalendarDay | null {
  const candidate = { year, month, day };
  return isCalendarDay(candidate) ? candidate : null;
}

/** A typed wall-clock time as minutes since midnight, or null. */
function readMinute(text: string): number | null {
  const match = /^(\d{1,2})(?:\s*[:h.]\s*(\d{2})?)?$/.exec(text);
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  return hour <= 23 && minute <= 59 ? hour * 60 + minute : null;
}

/**
 * Reads a date ("24/01/2027", "24/01", "2027-01-24", "demain"/"tomorrow", "aujourd'hui"/"today")
 * and an optional time ("14:00", "14h", "14h30", "9h"; default `defaultMinute`) typed by a member,
 * relative to `now`; a day/month without a year is the next such date from today.
 * A time may also follow the date in `dateText` ("demain 14h", "24/01 à 9h30").
 */
export function parseInstant(
  dateText: string,
  timeText: string | undefined,
  now: Date,
  defaultMinute = 9 * 60,
): ParsedInstant {
  let datePart = normalize(dateText);
  let timePart = normalize(timeText ?? "");
  if (timePart === "") {
    const joined = /^(.*?)(?:\s+(?:à|a|at))?\s+(\d{1,2}\s*[:h.]?\s*(?:\d{2})?)$/.exec(datePart);
    if (joined && readTypedDay(joined[1]!, parisDay(now), "next")) {
      datePart = joined[1]!;
      timePart = joined[2]!;
    }
  }
  const day = readTypedDay(datePart, parisDay(now), "next");
  if (!day) return { ok: false, error: "calendar.errors.date" };
  const minute = timePart === "" ? defaultMinute : readMinute(timePart);
  if (minute === null) return { ok: false, error: "calendar.errors.time" };
  return { ok: true, at: parisInstant(day, minute) };
}
