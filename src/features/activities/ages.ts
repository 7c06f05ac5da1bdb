import { AGE_BRACKETS, type AgeBracket } from "./catalogue.ts";

/** How many people of each age bracket an activity had (ActivityReport.ageBrackets). */
export type AgeBreakdown = Partial<Record<AgeBracket, number>>;

/** A bracket as the form writes it back: short, the same in every language, and read again as typed. */
export const AGE_SHORT: Record<AgeBracket, string> = {
  under_12: "-12",
  "12_18": "12-18",
  "18_35": "18-35",
  "35_60": "35-60",
  "60_plus": "60+",
};

/** What a typed breakdown says; a part that cannot be read is named, as typed. */
export type AgeReading =
  | { ok: true; breakdown: AgeBreakdown | null }
  | { ok: false; problem: "unknown" | "whole"; part: string };

const RANGES: Record<string, AgeBracket> = { "0-12": "under_12", "12-18": "12_18", "18-35": "18_35", "35-60": "35_60" };

// Tried in this order at each position: "60 et plus" before the number 60, a range before its first number.
const CODE = /(under_12|12_18|18_35|35_60|60_plus)(?!\w)/y;
const OVER_60 =
  /(?:\+\s*(?:de\s+)?60|60\s*(?:ans\s*)?(?:\+|et\s+plus|ou\s+plus|and\s+over|and\s+more|or\s+more|or\s+over)|(?:plus\s+de|au-dela\s+de|over|more\s+than|>=?)\s*60|seniors?)(?!\d)/y;
const UNDER_12 = /(?:-\s*12|<=?\s*12|(?:moins\s+de|under|less\s+than|below)\s*12)(?!\d)/y;
const RANGE = /(?:(?:entre|between)\s+(\d+)\s*(?:et|and|-|a|to)|(\d+)\s*(?:-|a|to))\s*(\d+)(?!\d)/y;
const NUMBER = /\d+(?:([.,])\d+)?(?!\d)/y;
// Words around the figures: "5 personnes de plus de 60 ans", "18-35 years old: 2", "60+ = 3".
const FILLER =
  /\s+|(?:ans?|years?|yrs|old|de|des|d|du|of|aged?|personnes?|pers|people|persons?|participants?|p|dont|soit|et|and|tranche|x)(?![a-z])|[:=×().]/y;

type Token = { bracket: AgeBracket } | { count: number; whole: boolean };

function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/** What starts at `at`: a bracket, a count, or words to pass over (no token); null when none of those. */
function next(text: string, at: number): { token?: Token; length: number } | null {
  let m = matchAt(CODE, text, at);
  if (m) return { token: { bracket: m[1] as AgeBracket }, length: m[0].length };
  if ((m = matchAt(OVER_60, text, at))) return { token: { bracket: "60_plus" }, length: m[0].length };
  if ((m = matchAt(UNDER_12, text, at))) return { token: { bracket: "under_12" }, length: m[0].length };
  m = matchAt(RANGE, text, at);
  const range = m && RANGES[`${Number(m[1] ?? m[2])}-${Number(m[3])}`];
  // Otherwise "2 -12" (two people under 12) would be a bracket from 2 to 12: an unknown range is a number.
  if (m && range) return { token: { bracket: range }, length: m[0].length };
  if ((m = matchAt(NUMBER, text, at)))
    return { token: { count: Number(m[0].replace(",", ".")), whole: m[1] === undefined }, length: m[0].length };
  if ((m = matchAt(FILLER, text, at))) return { length: m[0].length };
  return null;
}

/** The brackets and counts of one part, in order; null at the first word that is neither. */
function tokens(part: string): Token[] | null {
  const text = part
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[–—−]/g, "-")
    .replace(/[’']/g, " ");
  const out: Token[] = [];
  for (let at = 0; at < text.length; ) {
    const found = next(text, at);
    if (!found) return null;
    if (found.token) out.push(found.token);
    at += found.length;
  }
  return out;
}

/**
 * Reads a typed breakdown such as "60+ : 5, 35-60 : 3", "5 plus de 60 ans", "-12: 2" or
 * "de 18 à 35 ans : 4": parts separated by commas, semicolons or lines, each a bracket and a
 * count in either order. Empty (or only zeros): null.
 */
export function readAgeBreakdown(typed: string): AgeReading {
  const breakdown: AgeBreakdown = {};
  for (const raw of typed.split(/[,;\n]/)) {
    const part = raw.trim();
    if (part === "") continue;
    const found = tokens(part);
    if (!found || found.length === 0 || found.length % 2 !== 0) return { ok: false, problem: "unknown", part };
    if (found.some((t) => "count" in t && !t.whole)) return { ok: false, problem: "whole", part };
    const first = "bracket" in found[0]! ? "bracket" : "count";
    for (let i = 0; i < found.length; i += 2) {
      const [a, b] = [found[i]!, found[i + 1]!];
      // Pairs all read the same way round: "60+ 5 35-60 3" or "5 60+ 3 35-60".
      if (!(first in a) || first in b) return { ok: false, problem: "unknown", part };
      const { bracket, count } = { ...a, ...b } as { bracket: AgeBracket; count: number };
      breakdown[bracket] = (breakdown[bracket] ?? 0) + count;
    }
  }
  return { ok: true, breakdown: known(breakdown) };
}

/** Only the catalogue's brackets with people in them, in the catalogue's order; null when none. */
export function known(value: unknown): AgeBreakdown | null {
  if (typeof value !== "object" || value === null) return null;
  const counts = value as Record<string, unknown>;
  const entries = AGE_BRACKETS.flatMap((b) =>
    Number.isInteger(counts[b]) && (counts[b] as number) > 0 ? [[b, counts[b] as number] as const] : [],
  );
  return entries.length ? Object.fromEntries(entries) : null;
}

/** People in a breakdown. */
export function ageTotal(breakdown: AgeBreakdown): number {
  return Object.values(breakdown).reduce((sum, n) => sum + (n ?? 0), 0);
}

/** A breakdown as the form shows it, and reads again: "35-60 : 3, 60+ : 5". */
export function formatAgeBreakdown(breakdown: AgeBreakdown): string {
  return AGE_BRACKETS.flatMap((b) => (breakdown[b] ? [`${AGE_SHORT[b]} : ${breakdown[b]}`] : [])).join(", ");
}

/** The bracket most people were in: the one an individual report shows. */
export function mainBracket(breakdown: AgeBreakdown): AgeBracket | undefined {
  return AGE_BRACKETS.reduce<AgeBracket | undefined>(
    (best, b) => ((breakdown[b] ?? 0) > (best ? (breakdown[best] ?? 0) : 0) ? b : best),
    undefined,
  );
}
