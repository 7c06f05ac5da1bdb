// First pass of the quick entry: reads the line left to right and notes what each group of words
// says, without deciding anything when two groups disagree (quick-entry.ts decides or asks).
import type { CalendarDay } from "../../calendar/paris.ts";
import type { ActivityKind, Equipment, ProcedureDomain, Theme } from "./catalogue.ts";
import type { KnownPlace } from "./draft.ts";
import { readDuration, readParticipants } from "./quick-entry-amounts.ts";
import { readDay } from "./quick-entry-dates.ts";
import {
  NEGATIONS,
  REFERRAL_KINDS,
  REFERRAL_LINKS,
  REFERRAL_WORDS,
  SENSES,
  type Sense,
} from "./quick-entry-lexicon.ts";
import type { PlaceIndex } from "./quick-entry-places.ts";
import { type Line, typedWords } from "./quick-entry-text.ts";

/** A group of words and what it said. */
export interface Said<T> {
  value: T;
  words: string;
}

export interface Findings {
  kinds: Said<{ kind: ActivityKind; strong: boolean }>[];
  days: Said<CalendarDay[]>[];
  durations: Said<number>[];
  participants: Said<{ count: number; seniors: boolean }>[];
  placeTypes: Said<"HOME" | "REMOTE">[];
  places: Said<KnownPlace[]>[];
  levels: Said<"beginner" | "intermediate" | "advanced">[];
  autonomy: Said<"not_autonomous" | "partly" | "autonomous">[];
  referrals: Said<{ referred: boolean; kind?: string }>[];
  asks: Said<"telephone" | "portable" | "ants">[];
  /** Numbers typed without a unit, with the token they came from. */
  bare: Said<{ value: number; token: number }>[];
  themes: Theme[];
  procedures: ProcedureDomain[];
  equipment: Equipment[];
}

type Reading = { end: number; note: (findings: Findings, words: string) => void };

/** Reads the whole line, marking the tokens it used. */
export function scanLine(line: Line, today: CalendarDay, placeIndex: PlaceIndex): Findings {
  const findings: Findings = {
    kinds: [],
    days: [],
    durations: [],
    participants: [],
    placeTypes: [],
    places: [],
    levels: [],
    autonomy: [],
    referrals: [],
    asks: [],
    bare: [],
    themes: [],
    procedures: [],
    equipment: [],
  };
  const { tokens } = line;
  let at = 0;
  while (at < tokens.length) {
    // Every reader is tried; the one that reads the most words wins, the first listed on a tie.
    let best: Reading | null = null;
    for (const reading of readingsAt(line, at, today, placeIndex))
      if (reading && (!best || reading.end > best.end)) best = reading;
    if (!best) {
      if (/^\d+$/.test(tokens[at]!.norm)) {
        findings.bare.push({
          value: { value: Number(tokens[at]!.norm), token: at },
          words: typedWords(line, at, at + 1),
        });
      }
      at++;
      continue;
    }
    best.note(findings, typedWords(line, at, best.end));
    for (let k = at; k < best.end; k++) tokens[k]!.used = true;
    at = best.end;
  }
  return findings;
}

function readingsAt(line: Line, at: number, today: CalendarDay, placeIndex: PlaceIndex): (Reading | null)[] {
  const { tokens } = line;
  const day = readDay(tokens, at, today);
  const duration = readDuration(tokens, at);
  const count = readParticipants(tokens, at);
  const sense = SENSES.match(tokens, at);
  const place = placeIndex.table.match(tokens, at);
  return [
    readReferral(line, at),
    day && { end: day.end, note: (f, words) => f.days.push({ value: day.days, words }) },
    duration && { end: duration.end, note: (f, words) => f.durations.push({ value: duration.minutes, words }) },
    count && {
      end: count.end,
      note: (f, words) => f.participants.push({ value: { count: count.count, seniors: count.seniors }, words }),
    },
    sense && { end: sense.end, note: (f, words) => noteSense(f, sense.meanings[0]!, words) },
    place && { end: place.end, note: (f, words) => f.places.push({ value: [...new Set(place.meanings)], words }) },
  ];
}

/** "orientée vers la CAF", "orienté", "pas orienté", "sans orientation". */
function readReferral(line: Line, at: number): Reading | null {
  const { tokens } = line;
  if (NEGATIONS.has(tokens[at]!.norm) && REFERRAL_WORDS.has(tokens[at + 1]?.norm ?? "")) {
    return { end: at + 2, note: (f, words) => f.referrals.push({ value: { referred: false }, words }) };
  }
  if (!REFERRAL_WORDS.has(tokens[at]!.norm)) return null;
  let next = at + 1;
  while (next < tokens.length && REFERRAL_LINKS.has(tokens[next]!.norm)) next++;
  const target = REFERRAL_KINDS.match(tokens, next);
  if (!target) return { end: at + 1, note: (f, words) => f.referrals.push({ value: { referred: true }, words }) };
  return {
    end: target.end,
    note: (f, words) => f.referrals.push({ value: { referred: true, kind: target.meanings[0]! }, words }),
  };
}

function noteSense(findings: Findings, sense: Sense, words: string): void {
  if ("kind" in sense) findings.kinds.push({ value: sense, words });
  else if ("place" in sense) findings.placeTypes.push({ value: sense.place, words });
  else if ("level" in sense) findings.levels.push({ value: sense.level, words });
  else if ("autonomy" in sense) findings.autonomy.push({ value: sense.autonomy, words });
  else if ("ask" in sense) findings.asks.push({ value: sense.ask, words });
  else {
    addOnce(findings.themes, sense.theme);
    if (sense.procedure) addOnce(findings.procedures, sense.procedure);
    if (sense.equipment) addOnce(findings.equipment, sense.equipment);
  }
}

export function addOnce<T>(list: T[], item: T): void {
  if (!list.includes(item)) list.push(item);
}
