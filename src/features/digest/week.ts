import { addDays, type CalendarDay, compareDays, parisDay, parisInstant, weekday } from "../../calendar/paris.ts";
import { isoDay } from "../../shared/dates.ts";
import type { DayRange } from "../indicators/period.ts";

/** Coordinators get the digest of the week before on Monday at 09:00, Paris time. */
export const DIGEST_MINUTE = 9 * 60;

/** One digest: the Monday it is due, and the Monday–Sunday before it that it tells about. */
export interface DigestWeek {
  monday: CalendarDay;
  /** The week told about, Monday to Sunday. */
  range: DayRange;
  dueAt: Date;
  /** The next digest is due then: this one has nothing left to say after it. */
  staleAt: Date;
}

/** The digest due on `monday` (any other day is read as the Monday of its week). */
export function digestWeekOf(day: CalendarDay): DigestWeek {
  const monday = addDays(day, 1 - weekday(day));
  return {
    monday,
    range: { from: addDays(monday, -7), to: addDays(monday, -1) },
    dueAt: parisInstant(monday, DIGEST_MINUTE),
    staleAt: parisInstant(addDays(monday, 7), DIGEST_MINUTE),
  };
}

/**
 * This week's digest once its Monday 09:00 has come (a tick later in the week catches it up);
 * null before. Earlier weeks are never due again.
 */
export function dueDigestWeek(now: Date): DigestWeek | null {
  const week = digestWeekOf(parisDay(now));
  return now >= week.dueAt ? week : null;
}

/** The live view's id: the network and the Monday, so one view serves every coordinator of a network. */
export function digestViewId(networkId: string, week: DigestWeek): string {
  return `${networkId}:${isoDay(week.monday)}`;
}

/** Reads a view id back; null when it does not name a network and a Monday. */
export function readDigestViewId(id: string): { networkId: string; week: DigestWeek } | null {
  const match = /^([0-9a-f-]{36}):(\d{4})-(\d{2})-(\d{2})$/i.exec(id);
  if (!match) return null;
  const day = { year: Number(match[2]), month: Number(match[3]), day: Number(match[4]) };
  const week = digestWeekOf(day);
  return compareDays(week.monday, day) === 0 ? { networkId: match[1]!, week } : null;
}
