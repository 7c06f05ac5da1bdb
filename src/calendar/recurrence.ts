import { CronExpressionParser } from "cron-parser";
import { DateTime } from "luxon";
import { createTranslator, type Locale, type MessageKey } from "../core/i18n.ts";
import { PARIS } from "./paris.ts";

/** A recurrence as a cron expression in Europe/Paris (5 fields; `2#2` is the second Tuesday). */
export type ParsedRecurrence = { ok: true; cron: string | null } | { ok: false; error: MessageKey };

const TWO_YEARS_MS = 2 * 366 * 24 * 3600 * 1000;
const NONE = new Set([
  "",
  "aucune",
  "aucun",
  "none",
  "non",
  "no",
  "jamais",
  "never",
  "ponctuel",
  "ponctuelle",
  "one-off",
]);
const WEEKLY = new Set(["hebdomadaire", "hebdo", "weekly", "chaque semaine", "toutes les semaines", "every week"]);
const MONTHLY = new Set(["mensuel", "mensuelle", "monthly", "chaque mois", "tous les mois", "every month"]);
const TIMES_A_YEAR: Record<string, number> = {
  annuel: 1,
  annuelle: 1,
  yearly: 1,
  annually: 1,
  "chaque année": 1,
  "tous les ans": 1,
  "every year": 1,
  semestriel: 2,
  semestrielle: 2,
  "half-yearly": 2,
  trimestriel: 4,
  trimestrielle: 4,
  quarterly: 4,
};
const NUMBER_WORDS: Record<string, number> = {
  un: 1,
  une: 1,
  one: 1,
  deux: 2,
  two: 2,
  trois: 3,
  three: 3,
  quatre: 4,
  four: 4,
  six: 6,
  douze: 12,
  twelve: 12,
};

/** "3 par an", "3 fois par an", "trois fois par an", "3 a year", "three times a year", "twice a year" → 3 / 2. */
function timesAYear(text: string): number | null {
  if (TIMES_A_YEAR[text] !== undefined) return TIMES_A_YEAR[text];
  if (text === "twice a year") return 2;
  const match = /^(\w+) (?:fois )?par an$/.exec(text) ?? /^(\w+) (?:times )?(?:a|per) year$/.exec(text);
  if (!match) return null;
  return /^\d+$/.test(match[1]!) ? Number(match[1]) : (NUMBER_WORDS[match[1]!] ?? null);
}

/**
 * Reads the recurrence a coordinator typed for a meeting first due at `firstDue`:
 * empty / "aucune" / "none" → null (one-off); "mensuel" / "monthly" → same weekday of the same
 * week of the month at the same time (2nd Tuesday 14:00 → `0 14 * * 2#2`; a 5th weekday falls back
 * to the same day of the month); "3 par an" / "3 a year" → the same day and time every 4 months;
 * or a 5-field cron expression. Refused: invalid syntax, and an expression that never fires within
 * two years (`0 9 31 2 *`).
 * Also "hebdomadaire" / "weekly", "annuel" / "yearly", "trimestriel" / "quarterly", and any
 * divisor of 12 times a year.
 */
export function parseRecurrence(text: string, firstDue: Date): ParsedRecurrence {
  const typed = text.trim().toLowerCase().replace(/\s+/g, " ");
  if (NONE.has(typed)) return { ok: true, cron: null };
  const local = DateTime.fromJSDate(firstDue, { zone: PARIS });
  const at = `${local.minute} ${local.hour}`;
  const cronWeekday = local.weekday % 7;
  let cron: string;
  if (WEEKLY.has(typed)) {
    cron = `${at} * * ${cronWeekday}`;
  } else if (MONTHLY.has(typed)) {
    const week = Math.ceil(local.day / 7);
    cron = week <= 4 ? `${at} * * ${cronWeekday}#${week}` : `${at} ${local.day} * *`;
  } else {
    const perYear = timesAYear(typed);
    if (perYear !== null) {
      if (perYear < 1 || 12 % perYear !== 0) return { ok: false, error: "calendar.errors.recurrence" };
      const step = 12 / perYear;
      const months = Array.from({ length: perYear }, (_, k) => ((local.month - 1 + k * step) % 12) + 1).sort(
        (a, b) => a - b,
      );
      cron = `${at} ${local.day} ${perYear === 12 ? "*" : months.join(",")} *`;
    } else {
      cron = typed;
    }
  }
  return checkCron(cron, firstDue);
}

const NAMES = /\b(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b/gi;

/** A 5-field expression cron-parser accepts and that fires within two years after `from`. */
function checkCron(cron: string, from: Date): ParsedRecurrence {
  // Only plain 5-field cron: no seconds field, no @macros, no randomized H values (day and month names such as THU aside).
  const withoutNames = cron.replace(NAMES, "");
  if (cron.split(" ").length !== 5 || /[h@]/i.test(withoutNames))
    return { ok: false, error: "calendar.errors.recurrence" };
  try {
    CronExpressionParser.parse(cron, { tz: PARIS, currentDate: from });
  } catch (error) {
    // cron-parser rejects impossible explicit dates (31 February) at parse time.
    const never = error instanceof Error && /explicit day of month/i.test(error.message);
    return { ok: false, error: never ? "calendar.errors.neverFires" : "calendar.errors.recurrence" };
  }
  if (nextOccurrence(cron, from) === null) return { ok: false, error: "calendar.errors.neverFires" };
  return { ok: true, cron };
}

/** The first occurrence strictly after `after`, in Paris time; null if none within two years. */
export function nextOccurrence(cron: string, after: Date): Date | null {
  try {
    const schedule = CronExpressionParser.parse(cron, {
      tz: PARIS,
      currentDate: after,
      endDate: new Date(after.getTime() + TWO_YEARS_MS),
    });
    const next = schedule.next().toDate();
    return next > after ? next : null;
  } catch {
    return null;
  }
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A short description of the recurrences `parseRecurrence` builds ("chaque 2e mardi du mois à 14:00"); any other expression as typed. */
export function describeRecurrence(cron: string, locale: Locale): string {
  const t = createTranslator(locale);
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5 || !fields.slice(0, 2).every((f) => /^\d{1,2}$/.test(f))) return cron;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  const time = `${pad(Number(hour))}:${pad(Number(minute))}`;
  const intl = locale === "fr" ? "fr-FR" : "en-GB";
  const weekdayName = (d: number) =>
    new Intl.DateTimeFormat(intl, { weekday: "long", timeZone: "UTC" }).format(Date.UTC(2023, 0, 1 + (d % 7)));

  if (dayOfMonth === "*" && month === "*") {
    const nth = /^([0-7])#([1-5])$/.exec(dayOfWeek);
    if (nth)
      return t("calendar.recurrence.monthlyWeekday", {
        nth: Number(nth[2]),
        weekday: weekdayName(Number(nth[1])),
        time,
      });
    if (/^[0-7]$/.test(dayOfWeek))
      return t("calendar.recurrence.weekly", { weekday: weekdayName(Number(dayOfWeek)), time });
    return cron;
  }
  if (!/^\d{1,2}$/.test(dayOfMonth) || dayOfWeek !== "*") return cron;
  const day = Number(dayOfMonth);
  if (month === "*") return t("calendar.recurrence.monthlyDay", { day, time });
  const months = month.split(",").map(Number);
  if (months.some((m) => !Number.isInteger(m) || m < 1 || m > 12)) return cron;
  if (months.length === 1) {
    const date = new Intl.DateTimeFormat(intl, { day: "numeric", month: "long", timeZone: "UTC" }).format(
      Date.UTC(2024, months[0]! - 1, day),
    );
    return t("calendar.recurrence.yearly", { date, time });
  }
  const step = 12 / months.length;
  const evenlySpaced = Number.isInteger(step) && months.every((m, i) => i === 0 || m - months[i - 1]! === step);
  return evenlySpaced ? t("calendar.recurrence.everyMonths", { months: step, day, time }) : cron;
}
