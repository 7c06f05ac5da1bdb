import { addDays, type CalendarDay, compareDays, PARIS, parisDay, parisInstant } from "../../calendar/paris.ts";
import type { Locale } from "../../core/i18n.ts";
import type { DayRange } from "../indicators/period.ts";

/** One mois du numérique: 24 January – 24 February of a year, Paris days. */
export interface Edition {
  year: number;
  range: DayRange;
  /** Paris midnight opening 24 January. */
  startsAt: Date;
  /** Paris midnight closing 24 February (25 February, 00:00). */
  endsAt: Date;
}

/** Weeks of an edition: 24–30 January is the 1st, 21–24 February the 5th. */
export const EDITION_WEEKS = 5;

export function editionOfYear(year: number): Edition {
  const range = { from: { year, month: 1, day: 24 }, to: { year, month: 2, day: 24 } };
  return { year, range, startsAt: parisInstant(range.from, 0), endsAt: parisInstant(addDays(range.to, 1), 0) };
}

/** The edition partners propose for: this year's until 24 February, then next year's. */
export function comingEdition(now: Date): Edition {
  const today = parisDay(now);
  return editionOfYear(compareDays(today, { year: today.year, month: 2, day: 24 }) > 0 ? today.year + 1 : today.year);
}

/** The edition the programme and the counts show: this year's until June (its review is in March), then next year's. */
export function shownEdition(now: Date): Edition {
  const today = parisDay(now);
  return editionOfYear(today.month <= 6 ? today.year : today.year + 1);
}

/** True when the instant falls on a day of the edition. */
export function inEdition(edition: Edition, at: Date): boolean {
  return at >= edition.startsAt && at < edition.endsAt;
}

/** The first day of week `n` (1-based) and the day after its last one. */
export function weekBounds(edition: Edition, n: number): { from: Date; to: Date } {
  const first = addDays(edition.range.from, (n - 1) * 7);
  const last: CalendarDay = n >= EDITION_WEEKS ? edition.range.to : addDays(first, 6);
  return { from: parisInstant(first, 0), to: parisInstant(addDays(last, 1), 0) };
}

/** "24 janvier 2027" / "24 January 2027". */
export function formatDay(day: CalendarDay, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeZone: PARIS }).format(
    parisInstant(day, 12 * 60),
  );
}
