import ICAL from "ical.js";
import { addDays, type CalendarDay, compareDays, parisDay, parisInstant, parisMinuteOfDay, weekday } from "./paris.ts";

/**
 * Recurring meetings as RFC 5545 RRULEs (stored in Event.recurrence), expanded with ical.js at the
 * Paris wall-clock time: a 14:00 meeting stays 14:00 across the daylight-saving changes.
 * (`recurrence.ts` next to this file is the deadlines' cron-based recurrence, a different thing.)
 */

/** How a series repeats, as the creation form offers it. */
export const REPEAT_KINDS = ["none", "weekly", "monthlyWeekday", "monthlyLastWeekday", "monthlyDate"] as const;
export type RepeatKind = (typeof REPEAT_KINDS)[number];

/** The most occurrences one series creates. */
export const MAX_OCCURRENCES = 12;

const ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

export type RuleError = "lastWeekday" | "end" | "count" | "untilBefore" | "tooMany";
export type BuiltRule = { ok: true; rule: string | null } | { ok: false; error: RuleError };

/** The weekday's rank in its month: 1 for the first Tuesday … 5 for a fifth. */
export function weekdayRank(day: CalendarDay): number {
  return Math.ceil(day.day / 7);
}

/** Whether the day is the last of its weekday in its month (the last Friday). */
export function isLastWeekdayOfMonth(day: CalendarDay): boolean {
  return addDays(day, 7).month !== day.month;
}

/**
 * The RRULE of a series whose first occurrence starts at `first`: weekly on its weekday, monthly on
 * the same weekday rank ("2nd Tuesday"; a 5th becomes "the last"), monthly on the last such weekday,
 * or monthly on the same date. Ends after `count` occurrences or on `until` (a Paris day, included).
 */
export function buildRule(
  kind: RepeatKind,
  first: Date,
  end: { count?: number | null; until?: CalendarDay | null },
): BuiltRule {
  if (kind === "none") return { ok: true, rule: null };
  const day = parisDay(first);
  const byDay = ICAL_DAYS[weekday(day) - 1]!;
  let parts: string;
  if (kind === "weekly") parts = `FREQ=WEEKLY;BYDAY=${byDay}`;
  else if (kind === "monthlyWeekday")
    parts = `FREQ=MONTHLY;BYDAY=${weekdayRank(day) === 5 ? -1 : weekdayRank(day)}${byDay}`;
  else if (kind === "monthlyLastWeekday") {
    if (!isLastWeekdayOfMonth(day)) return { ok: false, error: "lastWeekday" };
    parts = `FREQ=MONTHLY;BYDAY=-1${byDay}`;
  } else parts = `FREQ=MONTHLY;BYMONTHDAY=${day.day}`;
  const { count, until } = end;
  if ((count == null) === (until == null)) return { ok: false, error: "end" };
  if (count != null) {
    if (!Number.isInteger(count) || count < 1 || count > MAX_OCCURRENCES) return { ok: false, error: "count" };
    return { ok: true, rule: `${parts};COUNT=${count}` };
  }
  if (compareDays(until!, day) <= 0) return { ok: false, error: "untilBefore" };
  // With a DTSTART in Europe/Paris, RFC 5545 wants UNTIL in UTC: the last instant of that Paris day.
  const lastInstant = new Date(parisInstant(addDays(until!, 1), 0).getTime() - 1000);
  const rule = `${parts};UNTIL=${ICAL.Time.fromJSDate(lastInstant, true).toICALString()}`;
  if (occurrences(rule, first, MAX_OCCURRENCES + 1).length > MAX_OCCURRENCES) return { ok: false, error: "tooMany" };
  return { ok: true, rule };
}

/**
 * The start instants of a series (the first included), at most `limit`. The rule is expanded on
 * the Paris wall clock (floating times), then each occurrence is placed in Paris time.
 */
export function occurrences(rule: string, first: Date, limit = MAX_OCCURRENCES): Date[] {
  const recur = ICAL.Recur.fromString(rule);
  const until = recur.until ? recur.until.toJSDate() : null;
  const count = recur.count;
  recur.until = null;
  recur.count = null;
  const day = parisDay(first);
  const minute = parisMinuteOfDay(first);
  // A floating time (no zone): the rule runs on the wall clock.
  const start = ICAL.Time.fromData({
    year: day.year,
    month: day.month,
    day: day.day,
    hour: Math.floor(minute / 60),
    minute: minute % 60,
    second: 0,
    isDate: false,
  });
  const iterator = recur.iterator(start);
  const max = Math.min(limit, count ?? limit);
  const out: Date[] = [];
  // The iterator never ends without COUNT/UNTIL: the guard bounds a rule that matches nothing for years.
  for (let guard = 0; out.length < max && guard < 1000; guard++) {
    const next = iterator.next();
    if (!next) break;
    const at = new Date(
      parisInstant({ year: next.year, month: next.month, day: next.day }, next.hour * 60 + next.minute).getTime() +
        (first.getTime() % 60_000),
    );
    if (until && at > until) break;
    out.push(at);
  }
  return out;
}

/** A short description of a stored rule, for lists: "weekly" or "monthly". */
export function ruleFrequency(rule: string | null): "weekly" | "monthly" | null {
  if (!rule) return null;
  const freq = /FREQ=(\w+)/.exec(rule)?.[1];
  return freq === "WEEKLY" ? "weekly" : freq === "MONTHLY" ? "monthly" : null;
}
