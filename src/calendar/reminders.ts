// STUB (signatures fixed): implemented by the calendar helper.

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
export declare function reminderTimes(dueAt: Date, policy: ReminderPolicy, now: Date): ReminderTime[];

/** Quiet hours in Paris wall-clock minutes; the window may cross midnight (20:00–08:00). */
export interface QuietHours {
  startMin: number;
  endMin: number;
}

/** `at` itself outside quiet hours; inside them, the instant they end (DST-correct). Equal start and end: no quiet hours. */
export declare function afterQuietHours(at: Date, quiet: QuietHours): Date;
