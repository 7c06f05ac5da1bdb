// Fiche codes in a progress line: "1.1.2", "2.1", or with the plan ("CLS 2.1.1", "SDAASP-82 2.1").
// A code is a single digit followed by one to three dotted numbers, so that "12.11" stays a date.
// A code that exists in several plans, or several codes, are asked about. A plan named in the line
// narrows the code to that plan: "CLS 2.1" is not SDAASP 2.1, it is a code the CLS does not have,
// refused (as any unknown code) with the closest codes as buttons, SDAASP 2.1 among them.
import { pieces, type Token } from "../activities/quick-entry-text.ts";
import type { Fiche } from "./fiches.ts";

const CODE = /^\d(?:\.\d{1,2}){1,3}$/;
/** At most this many close codes are listed after an unknown one. */
const CLOSE_MAX = 6;

/** What the line says about the fiche. */
export type FicheReading =
  | { kind: "none" }
  | { kind: "found"; fiches: Fiche[] }
  | { kind: "unknown"; code: string; close: Fiche[]; plans: string[] };

/** True for a token shaped like a fiche code ("1.1.2", "2.1"). */
export function isCodeToken(norm: string): boolean {
  return CODE.test(norm);
}

/**
 * The plans whose code the line names best: "cls" names every CLS, "CLS-TDC" ("cls", "tdc") the
 * one of Terres des Confluences; the numbers of a code ("82") are never enough.
 */
function plansNamed(tokens: Token[], fiches: Fiche[]): Set<string> {
  const words = new Set(tokens.map((t) => t.norm));
  const scores = new Map<string, number>();
  for (const fiche of fiches) {
    const parts = pieces(fiche.planCode).filter((p) => p.length >= 3 && !/^\d+$/.test(p));
    const score = parts.filter((p) => words.has(p)).length;
    if (score > 0) scores.set(fiche.planId, score);
  }
  const best = Math.max(0, ...scores.values());
  return new Set([...scores].filter(([, score]) => score === best).map(([planId]) => planId));
}

/** How many leading dotted numbers two codes share ("1.4" and "1.4.3": 2). */
function sharedSegments(a: string, b: string): number {
  const x = a.split(".");
  const y = b.split(".");
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/** The fiches whose codes are closest to an unknown one, in plan order. */
export function closeFiches(code: string, fiches: Fiche[]): Fiche[] {
  const best = Math.max(0, ...fiches.map((f) => sharedSegments(code, f.code)));
  return best === 0 ? [] : fiches.filter((f) => sharedSegments(code, f.code) === best).slice(0, CLOSE_MAX);
}

/** Reads the fiche codes of a line; the tokens of codes are marked used, so they are not read as dates or values. */
export function readFicheCodes(tokens: Token[], fiches: Fiche[]): FicheReading {
  const codes: string[] = [];
  for (const token of tokens) {
    if (!isCodeToken(token.norm)) continue;
    token.used = true;
    if (!codes.includes(token.norm)) codes.push(token.norm);
  }
  if (codes.length === 0) return { kind: "none" };
  const named = plansNamed(tokens, fiches);
  const found: Fiche[] = [];
  let unknown: string | undefined;
  for (const code of codes) {
    const matches = fiches.filter((f) => f.code === code && (named.size === 0 || named.has(f.planId)));
    if (matches.length === 0) unknown ??= code;
    for (const fiche of matches) if (!found.includes(fiche)) found.push(fiche);
  }
  if (found.length > 0) return { kind: "found", fiches: found };
  const plans = [...new Set(fiches.filter((f) => named.has(f.planId)).map((f) => f.planCode))];
  return { kind: "unknown", code: unknown!, close: closeFiches(unknown!, fiches), plans };
}
