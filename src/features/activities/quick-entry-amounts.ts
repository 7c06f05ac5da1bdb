// Durations and head counts in a quick entry. A number is read as one only with its unit
// ("2h", "45 min", "8 pers", "x8"): a bare number is left to the caller, who asks.
import {
  HOUR_UNITS,
  MINUTE_UNITS,
  NUMBER_WORDS,
  PARTICIPANT_NOUNS,
  SENIOR_NOUNS,
  TENS,
} from "./quick-entry-lexicon.ts";
import type { Token } from "./quick-entry-text.ts";

/** A number typed in digits ("8", "1.5") or words ("deux", "quarante-cinq"). */
function readNumber(tokens: Token[], at: number): { value: number; end: number } | null {
  const text = tokens[at]?.norm ?? "";
  if (/^\d+(?:\.\d+)?$/.test(text)) return { value: Number(text), end: at + 1 };
  const word = NUMBER_WORDS[text];
  if (word === undefined) return null;
  const unit = NUMBER_WORDS[tokens[at + 1]?.norm ?? ""];
  if (TENS.has(text) && unit !== undefined && unit < 10) return { value: word + unit, end: at + 2 };
  return { value: word, end: at + 1 };
}

const GLUED_HOURS = /^(\d{1,2}(?:\.\d+)?)h(?:(\d{1,2})(?:min|mn|m)?)?$/;
const GLUED_MINUTES = /^(\d{1,3})(?:min|mn|mins|minutes|m)$/;

/** A duration in minutes starting at `at`: "2h", "1h30", "1 h 30", "90 min", "1,5 h", "3/4 h", "une heure et demie", "demi-heure". */
export function readDuration(tokens: Token[], at: number): { minutes: number; end: number } | null {
  const text = tokens[at]?.norm ?? "";
  const glued = GLUED_HOURS.exec(text);
  if (glued) {
    const minutes = Math.round(Number(glued[1]) * 60) + Number(glued[2] ?? 0);
    if (glued[2] !== undefined) return { minutes, end: MINUTE_UNITS.has(tokens[at + 1]?.norm ?? "") ? at + 2 : at + 1 };
    return trailingMinutes(tokens, at + 1, minutes) ?? { minutes, end: at + 1 };
  }
  const gluedMinutes = GLUED_MINUTES.exec(text);
  if (gluedMinutes) return { minutes: Number(gluedMinutes[1]), end: at + 1 };
  const quarter = /^([13])\/([24])$/.exec(text);
  if (quarter && HOUR_UNITS.has(tokens[at + 1]?.norm ?? ""))
    return { minutes: (60 * Number(quarter[1])) / Number(quarter[2]), end: at + 2 };
  const fraction = readFraction(tokens, at);
  if (fraction) return fraction;
  const number = readNumber(tokens, at);
  if (!number) return null;
  const unit = tokens[number.end]?.norm ?? "";
  if (MINUTE_UNITS.has(unit)) return { minutes: Math.round(number.value), end: number.end + 1 };
  if (!HOUR_UNITS.has(unit)) return null;
  const minutes = Math.round(number.value * 60);
  return trailingMinutes(tokens, number.end + 1, minutes) ?? { minutes, end: number.end + 1 };
}

/**
 * Minutes after hours: "1 h 30", "2h 15", "une heure trente", "1h et demie". A number there is
 * minutes when a unit says so or when it is a round 10–55 ("2h 30"); "2h 8" leaves the 8 alone
 * (more likely a head count, asked about later).
 */
function trailingMinutes(tokens: Token[], at: number, minutes: number): { minutes: number; end: number } | null {
  const extra = readNumber(tokens, at);
  if (extra && Number.isInteger(extra.value) && extra.value < 60) {
    const unit = tokens[extra.end]?.norm ?? "";
    if (MINUTE_UNITS.has(unit)) return { minutes: minutes + extra.value, end: extra.end + 1 };
    if (extra.value >= 10 && extra.value % 5 === 0 && !PARTICIPANT_NOUNS.has(unit))
      return { minutes: minutes + extra.value, end: extra.end };
  }
  return addHalf(tokens, at, minutes);
}

/** "… et demie", "… et quart" after hours. */
function addHalf(tokens: Token[], at: number, minutes: number): { minutes: number; end: number } | null {
  const from = tokens[at]?.norm === "et" ? at + 1 : at;
  const word = tokens[from]?.norm;
  if (word === "demie" || word === "demi") return { minutes: minutes + 30, end: from + 1 };
  if (word === "quart" && from > at) return { minutes: minutes + 15, end: from + 1 };
  return null;
}

/** "demi-heure", "une demi-heure", "un quart d'heure", "trois quarts d'heure". */
function readFraction(tokens: Token[], at: number): { minutes: number; end: number } | null {
  const words = (from: number, count: number) =>
    tokens
      .slice(from, from + count)
      .map((token) => token.norm)
      .filter((word) => word !== "d")
      .join(" ");
  const start = tokens[at]?.norm === "une" || tokens[at]?.norm === "un" ? at + 1 : at;
  if (words(start, 2) === "demi heure") return { minutes: 30, end: start + 2 };
  if (tokens[start]?.norm === "quart" && words(start, 3) === "quart heure") return { minutes: 15, end: start + 3 };
  if (tokens[at]?.norm === "trois" && words(at + 1, 3) === "quarts heure") return { minutes: 45, end: at + 4 };
  return null;
}

/** A head count starting at `at`: "8 pers", "8pers", "12 p", "x8", "six participants", "5 seniors". */
export function readParticipants(tokens: Token[], at: number): { count: number; seniors: boolean; end: number } | null {
  const text = tokens[at]?.norm ?? "";
  const times = /^x(\d{1,3})$/.exec(text);
  if (times) return { count: Number(times[1]), seniors: false, end: at + 1 };
  const glued = /^(\d{1,3})(pers|p|pax|participants?|personnes?)$/.exec(text);
  if (glued) return { count: Number(glued[1]), seniors: false, end: at + 1 };
  const number = readNumber(tokens, at);
  if (!number || !Number.isInteger(number.value)) return null;
  const noun = tokens[number.end]?.norm ?? "";
  if (!PARTICIPANT_NOUNS.has(noun)) return null;
  // "8 personnes âgées" says the age bracket too.
  const aged = /^personnes?$/.test(noun) && /^agee?s?$/.test(tokens[number.end + 1]?.norm ?? "");
  return { count: number.value, seniors: SENIOR_NOUNS.has(noun) || aged, end: number.end + (aged ? 2 : 1) };
}
