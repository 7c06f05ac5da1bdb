// STUB (signatures fixed): implemented by the calendar helper with luxon.
/** The plan's time zone: every wall-clock time the bot shows or reads is in it. */
export const PARIS = "Europe/Paris";

/** A day on the Paris calendar. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** The Paris calendar day an instant falls on. */
export declare function parisDay(at: Date): CalendarDay;
/** The instant of `minuteOfDay` (0–1439, wall clock) on a Paris calendar day; DST-correct (a minute that does not exist moves forward). */
export declare function parisInstant(day: CalendarDay, minuteOfDay: number): Date;
/** `day` plus `n` calendar days (n may be negative). */
export declare function addDays(day: CalendarDay, n: number): CalendarDay;

/** A date and time as members type them, in Paris time; errors are locale keys. */
export type ParsedInstant = { ok: true; at: Date } | { ok: false; error: "calendar.errors.date" | "calendar.errors.time" };
/**
 * Reads a date ("24/01/2027", "24/01", "2027-01-24", "demain"/"tomorrow", "aujourd'hui"/"today")
 * and an optional time ("14:00", "14h", "14h30", "9h"; default `defaultMinute`) typed by a member,
 * relative to `now`; a day/month without a year is the next such date from today.
 */
export declare function parseInstant(dateText: string, timeText: string | undefined, now: Date, defaultMinute?: number): ParsedInstant;
