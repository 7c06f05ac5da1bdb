// A progress line as typed in chat: "commission santé tenue 1.1.2, 18 présents", "newsletter n°2
// publiée 2.1.1", "forum santé hier 120 participants". It yields the fiche the codes name, the days
// it names (read as the activities' quick entry reads them: the latest such day) and the counts:
// a number followed by a word ("18 présents"), never a number after "n°" nor one of hours or euros.
import type { CalendarDay } from "../../calendar/paris.ts";
import { readDay } from "../activities/quick-entry-dates.ts";
import { type Line, type Token, tokenize } from "../activities/quick-entry-text.ts";
import { type FicheReading, readFicheCodes } from "./codes.ts";
import type { Fiche } from "./fiches.ts";

/** A number the line gives with the words that follow it: a value it may add to an indicator. */
export interface CountCandidate {
  value: number;
  /** The (folded) words after the number, which may say what it counts. */
  words: string[];
}

export interface ProgressLine {
  fiche: FicheReading;
  /** The distinct days the line names, in order (two when it names two). */
  days: CalendarDay[];
  counts: CountCandidate[];
}

/** Words after which a number is a rank, not a count ("n° 2", "numéro 3"). */
const RANK_SIGNS = new Set(["n°", "nº", "no", "n", "num", "numero", "#", "edition"]);
/** Words after which a number is not a count of anything an indicator counts. */
const NOT_COUNTED = new Set([
  "h",
  "heure",
  "heures",
  "hr",
  "hrs",
  "hour",
  "hours",
  "min",
  "mn",
  "mins",
  "minute",
  "minutes",
  "jour",
  "jours",
  "j",
  "day",
  "days",
  "semaine",
  "semaines",
  "week",
  "weeks",
  "mois",
  "month",
  "months",
  "an",
  "ans",
  "annee",
  "annees",
  "year",
  "years",
  "euro",
  "euros",
  "eur",
  "€",
  "k€",
  "km",
  "%",
]);
const DIGITS = /^\d{1,7}$/;
const WORD = /^[a-z]/;

function sameDay(a: CalendarDay, b: CalendarDay): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/** Reads the codes, days and counts of a progress line (the text itself is kept as typed). */
export function readProgressLine(text: string, today: CalendarDay, fiches: Fiche[]): ProgressLine {
  const line = tokenize(text);
  const fiche = readFicheCodes(line.tokens, fiches);
  const days = readDays(
    line.tokens.filter((t) => !t.used),
    today,
  );
  return { fiche, days, counts: readCounts(line) };
}

/** The days named by the words that are not codes ("1.1.2" is not the 1st of January). */
function readDays(free: Token[], today: CalendarDay): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let at = 0; at < free.length; at++) {
    const reading = readDay(free, at, today);
    if (!reading) continue;
    for (let k = at; k < reading.end; k++) free[k]!.used = true;
    for (const day of reading.days) if (!days.some((d) => sameDay(d, day))) days.push(day);
    at = reading.end - 1;
  }
  return days;
}

/** Counts, each with the word after it and the next one unless punctuation ends the first ("25 participants, budget"). */
function readCounts({ words: typed, tokens }: Line): CountCandidate[] {
  const counts: CountCandidate[] = [];
  tokens.forEach((token, at) => {
    const next = tokens[at + 1];
    if (token.used || !DIGITS.test(token.norm) || !next || next.used || !WORD.test(next.norm)) return;
    if (RANK_SIGNS.has(tokens[at - 1]?.norm ?? "") || NOT_COUNTED.has(next.norm)) return;
    token.used = true;
    const closed = /[,;:.!?)»]$/.test(typed[next.word] ?? "");
    const words = [next.norm, closed ? undefined : tokens[at + 2]?.norm].filter(
      (w): w is string => w !== undefined && WORD.test(w),
    );
    counts.push({ value: Number(token.norm), words });
  });
  return counts;
}
