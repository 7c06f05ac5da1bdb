import { addDays, type CalendarDay, compareDays, parisDay, parisInstant } from "../../../calendar/paris.ts";
import { dateAsDay } from "../../cohorts/semester.ts";

/** Every scheduled message for interns goes at 10:00, Paris wall-clock time. */
export const SCHEDULE_MINUTE = 10 * 60;
/** The welcome comes this many days before arrival... */
export const WELCOME_DAYS_BEFORE = 14;
/** ...and the check-in this many days after. */
export const CHECKIN_DAYS_AFTER = 7;
/**
 * A run missed (the bot was down) is caught up within this window after 10:00; after it the message
 * is stale ("welcome in two weeks" read three days late) and is not sent at all.
 */
export const CATCH_UP_MS = 2 * 24 * 60 * 60 * 1000;

/** 10:00 Paris on a day. */
export const tenOClock = (day: CalendarDay): Date => parisInstant(day, SCHEDULE_MINUTE);

/** Whether a message due at `dueAt` is to be queued on a run at `now`: due, and not stale yet. */
export function isDueNow(dueAt: Date, now: Date): boolean {
  return now >= dueAt && now.getTime() < dueAt.getTime() + CATCH_UP_MS;
}

/** An intern's arrival day: their own date, else their cohort's. */
export function arrivalDay(member: { arrivesOn: Date | null; cohort: { arrivesOn: Date } | null }): CalendarDay | null {
  const date = member.arrivesOn ?? member.cohort?.arrivesOn ?? null;
  return date ? dateAsDay(date) : null;
}

export const welcomeDueAt = (arrival: CalendarDay): Date => tenOClock(addDays(arrival, -WELCOME_DAYS_BEFORE));
export const checkInDueAt = (arrival: CalendarDay): Date => tenOClock(addDays(arrival, CHECKIN_DAYS_AFTER));
/** Feedback on an evening: the morning after the day it ends. */
export const feedbackDueAt = (endsAt: Date): Date => tenOClock(addDays(parisDay(endsAt), 1));

/**
 * The arrival days whose message (`offset` days from arrival) can be due on a run at `now`: a
 * range wide enough for the catch-up window, filtered exactly with `isDueNow` afterwards.
 */
export function arrivalRange(now: Date, offset: number): { from: Date; to: Date } {
  const today = parisDay(now);
  const asDate = (d: CalendarDay) => new Date(Date.UTC(d.year, d.month - 1, d.day));
  const windowDays = Math.ceil(CATCH_UP_MS / 86_400_000);
  return { from: asDate(addDays(today, -offset - windowDays)), to: asDate(addDays(today, -offset)) };
}

/** A semester lasts six months from the intern's arrival (as the purge of expired interns counts it). */
export const SEMESTER_MONTHS = 6;

/** Whether an intern arriving on `arrival` is in post on `day`: arrived, and their six months not over. */
export function semesterRunning(arrival: CalendarDay, day: CalendarDay): boolean {
  if (compareDays(arrival, day) > 0) return false;
  const end = new Date(Date.UTC(arrival.year, arrival.month - 1 + SEMESTER_MONTHS, arrival.day));
  return compareDays(day, dateAsDay(end)) < 0;
}
