import type { Prisma } from "@prisma/client";
import { addDays, type CalendarDay, compareDays, parisDay } from "../../../calendar/paris.ts";
import { dateAsDay, dayAsDate } from "../../cohorts/semester.ts";

/** An intern's semester lasts six months from their arrival; without any arrival date, nine months from joining. */
const SEMESTER_MONTHS = 6;
const UNDATED_SEMESTER_MONTHS = 9;
/** Their data is kept three months after the semester (the "end of semester plus three months"). */
const KEPT_AFTER_MONTHS = 3;
/** The intern is told this many days before. */
export const NOTICE_DAYS = 14;

/** What the purge date is computed from. */
export interface InternDates {
  arrivesOn: Date | null;
  createdAt: Date;
  cohort: { arrivesOn: Date } | null;
}

/** The same day `n` months later (or earlier), the 31st becoming the month's last day. */
export function addMonths(day: CalendarDay, n: number): CalendarDay {
  const index = day.year * 12 + (day.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(day.day, last) };
}

/** The Paris day from which the intern's personal data is deleted (unless they stay in touch). */
export function purgeDayOf(intern: InternDates): CalendarDay {
  const arrival = intern.arrivesOn ?? intern.cohort?.arrivesOn;
  if (arrival) return addMonths(dateAsDay(arrival), SEMESTER_MONTHS + KEPT_AFTER_MONTHS);
  return addMonths(parisDay(intern.createdAt), UNDATED_SEMESTER_MONTHS + KEPT_AFTER_MONTHS);
}

/** True when the purge day has come. */
export function isPurgeDue(intern: InternDates, today: CalendarDay): boolean {
  return compareDays(purgeDayOf(intern), today) <= 0;
}

/** True during the fortnight before the purge day, when the intern is warned. */
export function isNoticeDue(intern: InternDates, today: CalendarDay): boolean {
  const day = purgeDayOf(intern);
  return compareDays(addDays(day, -NOTICE_DAYS), today) <= 0 && compareDays(today, day) < 0;
}

/** Interns only: members whose one role is INTERN (a coordinator who was an intern is never purged). */
export const ONLY_INTERN: Prisma.MemberWhereInput = { roles: { equals: ["INTERN"] } };

/**
 * A database filter wide enough to hold every intern whose purge day is on or before `day` (a few
 * days' margin for month lengths); callers check each one with `purgeDayOf`.
 */
export function purgeDayOnOrBefore(day: CalendarDay): Prisma.MemberWhereInput {
  const arrival = dayAsDate(addDays(addMonths(day, -(SEMESTER_MONTHS + KEPT_AFTER_MONTHS)), 3));
  const joined = dayAsDate(addDays(addMonths(day, -(UNDATED_SEMESTER_MONTHS + KEPT_AFTER_MONTHS)), 3));
  return {
    OR: [
      { arrivesOn: { lte: arrival } },
      { arrivesOn: null, cohort: { arrivesOn: { lte: arrival } } },
      { arrivesOn: null, cohortId: null, createdAt: { lte: joined } },
    ],
  };
}
