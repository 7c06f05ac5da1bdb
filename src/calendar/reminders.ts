import { workingDayOnOrBefore } from "./holidays.ts";
import { addDays, parisDay, parisInstant, parisMinuteOfDay } from "./paris.ts";

/** When members are reminded of a deadline: days before the due date (0: its morning), at a wall-clock minute. */
export interface ReminderPolicy {
  days: number[];
  minute: number;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = { days: [7, 2, 0], minute: 9 * 60 };

/** One reminder of a deadline: `slot` names it in idempotency keys ("7d", "2d", "0d"). */
export interface ReminderTime {
  slot: string;
  at: Date;
}

/**
 * The reminders of a deadline due at `dueAt`: for each day offset, the Paris calendar day `days`
 * before the due day, moved back to the previous working day when it is a weekend or a public
 * holiday, at `minute` Paris time (DST-correct). Reminders not strictly before `dueAt`, or not
 * after `now`, are left out; two offsets landing on the same instant give one reminder (the
 * larger offset's slot). Sorted by time.
 */
export function reminderTimes(dueAt: Date, policy: ReminderPolicy, now: Date): ReminderTime[] {
  const dueDay = parisDay(dueAt);
  const byInstant = new Map<number, ReminderTime>();
  // Largest offset first, so a merged reminder keeps its slot and its idempotency key stays stable.
  for (const days of [...new Set(policy.days)].sort((a, b) => b - a)) {
    const at = parisInstant(workingDayOnOrBefore(addDays(dueDay, -days)), policy.minute);
    if (at >= dueAt || at <= now || byInstant.has(at.getTime())) continue;
    byInstant.set(at.getTime(), { slot: `${days}d`, at });
  }
  return [...byInstant.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Quiet hours in Paris wall-clock minutes; the window may cross midnight (20:00–08:00). */
export interface QuietHours {
  startMin: number;
  endMin: number;
}

/** `at` itself outside quiet hours; inside them, the instant they end (DST-correct). Equal start and end: no quiet hours. */
export function afterQuietHours(at: Date, quiet: QuietHours): Date {
  const { startMin, endMin } = quiet;
  if (startMin === endMin) return at;
  const minute = parisMinuteOfDay(at);
  const today = parisDay(at);
  if (startMin < endMin) {
    return minute >= startMin && minute < endMin ? parisInstant(today, endMin) : at;
  }
  // The window crosses midnight: the evening part ends tomorrow morning, the early part this morning.
  if (minute >= startMin) return parisInstant(addDays(today, 1), endMin);
  if (minute < endMin) return parisInstant(today, endMin);
  return at;
}
