// STUB (signatures fixed): implemented by the calendar helper with cron-parser.
import type { MessageKey } from "../core/i18n.ts";

/** A recurrence as a cron expression in Europe/Paris (5 fields; `2#2` is the second Tuesday). */
export type ParsedRecurrence = { ok: true; cron: string | null } | { ok: false; error: MessageKey };

/**
 * Reads the recurrence a coordinator typed for a meeting first due at `firstDue`:
 * empty / "aucune" / "none" → null (one-off); "mensuel" / "monthly" → same weekday of the same
 * week of the month at the same time (2nd Tuesday 14:00 → `0 14 * * 2#2`; a 5th weekday falls back
 * to the same day of the month); "3 par an" / "3 a year" → the same day and time every 4 months;
 * or a 5-field cron expression. Refused: invalid syntax, and an expression that never fires within
 * two years (`0 9 31 2 *`).
 */
export declare function parseRecurrence(text: string, firstDue: Date): ParsedRecurrence;

/** The first occurrence strictly after `after`, in Paris time; null if none within two years. */
export declare function nextOccurrence(cron: string, after: Date): Date | null;
