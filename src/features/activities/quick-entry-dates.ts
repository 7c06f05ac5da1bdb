// The day of an activity in a quick entry. An activity is reported after it happened, so a day
// typed without its month or year is the latest such day up to today ("le 31" on 2 December is
// 31 October), and a weekday is the latest such day before today.
import { addDays, type CalendarDay, compareDays, isCalendarDay, weekday } from "../../calendar/paris.ts";
import { HOUR_UNITS, MINUTE_UNITS, PARTICIPANT_NOUNS } from "./quick-entry-lexicon.ts";
import type { Token } from "./quick-entry-text.ts";

/** A day read at some position: `days` holds two when the words contradict each other ("lundi 12" on a Wednesday 12). */
export interface DayReading {
  end: number;
  days: CalendarDay[];
}

const RELATIVE: [string[], number][] = [
  [["hier"], -1],
  [["yesterday"], -1],
  [["avant", "hier"], -2],
  [["aujourd", "hui"], 0],
  [["auj"], 0],
  [["today"], 0],
  [["ce", "matin"], 0],
  [["ce", "midi"], 0],
  [["ce", "soir"], 0],
  [["cet", "apres", "midi"], 0],
  [["cet", "aprem"], 0],
  [["this", "morning"], 0],
  [["this", "afternoon"], 0],
  // A future day is still read: the report's rules refuse it with a sentence that says why.
  [["demain"], 1],
  [["tomorrow"], 1],
];

const WEEKDAYS: Record<string, number> = {
  lundi: 1,
  mardi: 2,
  mercredi: 3,
  jeudi: 4,
  vendredi: 5,
  samedi: 6,
  dimanche: 7,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};
const LAST = new Set(["dernier", "derniere", "passe", "last"]);

const MONTHS: Record<string, number> = {
  janvier: 1,
  janv: 1,
  jan: 1,
  january: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  february: 2,
  feb: 2,
  mars: 3,
  march: 3,
  avril: 4,
  avr: 4,
  april: 4,
  apr: 4,
  mai: 5,
  may: 5,
  juin: 6,
  june: 6,
  juillet: 7,
  juil: 7,
  july: 7,
  aout: 8,
  august: 8,
  aug: 8,
  septembre: 9,
  sept: 9,
  sep: 9,
  september: 9,
  octobre: 10,
  oct: 10,
  october: 10,
  novembre: 11,
  nov: 11,
  november: 11,
  decembre: 12,
  dec: 12,
  december: 12,
};

/** The day the words at `start` name, or null when they name none (an impossible date like 31/11 is none). */
export function readDay(tokens: Token[], start: number, today: CalendarDay): DayReading | null {
  for (const [pattern, offset] of RELATIVE) {
    if (pattern.every((word, k) => tokens[start + k]?.norm === word))
      return { end: start + pattern.length, days: [addDays(today, offset)] };
  }
  let at = start;
  if (tokens[at]?.norm === "last" && WEEKDAYS[tokens[at + 1]?.norm ?? ""]) at++;
  const named = WEEKDAYS[tokens[at]?.norm ?? ""];
  if (named) {
    at++;
    if (LAST.has(tokens[at]?.norm ?? "")) at++;
    const previous = latestWeekday(today, named);
    const explicit = readExplicit(tokens, tokens[at]?.norm === "le" ? at + 1 : at, today, true);
    if (!explicit) return { end: at, days: [previous] };
    // "lundi 12": the number says which day; a weekday that does not fit it is asked about.
    const fits = weekday(explicit.day) === named;
    return { end: explicit.end, days: fits ? [explicit.day] : [explicit.day, previous] };
  }
  const afterLe = tokens[start]?.norm === "le";
  const explicit = readExplicit(tokens, afterLe ? start + 1 : start, today, afterLe);
  return explicit ? { end: explicit.end, days: [explicit.day] } : null;
}

/**
 * "12/11", "12/11/2026", "2026-11-12", "12 novembre", "1er nov 2026"; a day number alone ("12")
 * only when `lone` (after "le" or a weekday), since a bare number may be a count or a duration.
 */
function readExplicit(
  tokens: Token[],
  at: number,
  today: CalendarDay,
  lone: boolean,
): { end: number; day: CalendarDay } | null {
  const text = tokens[at]?.norm ?? "";
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) return existing(at + 1, Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(text);
  if (dmy) {
    const [day, month] = [Number(dmy[1]), Number(dmy[2])];
    if (dmy[3] === undefined) return latest(at + 1, today, day, month);
    return existing(at + 1, dmy[3].length === 2 ? 2000 + Number(dmy[3]) : Number(dmy[3]), month, day);
  }
  const number = /^(\d{1,2})(?:er)?$/.exec(text);
  if (!number) return null;
  const day = Number(number[1]);
  const month = MONTHS[tokens[at + 1]?.norm ?? ""];
  if (month) {
    const year = /^(\d{4})$/.exec(tokens[at + 2]?.norm ?? "");
    return year ? existing(at + 3, Number(year[1]), month, day) : latest(at + 2, today, day, month);
  }
  // "lundi 8 pers": the number counts people, it is not the 8th.
  const unit = tokens[at + 1]?.norm ?? "";
  if (PARTICIPANT_NOUNS.has(unit) || HOUR_UNITS.has(unit) || MINUTE_UNITS.has(unit)) return null;
  return lone || text.endsWith("er") ? latest(at + 1, today, day) : null;
}

/** The latest day up to today with this day number (and month when given). */
function latest(
  end: number,
  today: CalendarDay,
  day: number,
  month?: number,
): { end: number; day: CalendarDay } | null {
  for (let back = 0; back <= 12 * 8; back++) {
    const monthIndex = today.year * 12 + today.month - 1 - back;
    const candidate = { year: Math.floor(monthIndex / 12), month: (monthIndex % 12) + 1, day };
    if (month !== undefined && candidate.month !== month) continue;
    if (isCalendarDay(candidate) && compareDays(candidate, today) <= 0) return { end, day: candidate };
    if (month === undefined && back >= 12) return null;
  }
  return null;
}

function existing(end: number, year: number, month: number, day: number): { end: number; day: CalendarDay } | null {
  const candidate = { year, month, day };
  return isCalendarDay(candidate) ? { end, day: candidate } : null;
}

/** The latest `named` weekday before today: on a Monday, "lundi" is a week ago (today would be "aujourd'hui"). */
function latestWeekday(today: CalendarDay, named: number): CalendarDay {
  const back = (weekday(today) - named + 7) % 7 || 7;
  return addDays(today, -back);
}
