// Words of a quick entry as the parser reads them: lower case, without accents, split on spaces,
// hyphens and apostrophes, each piece remembering the typed word it came from so that what the
// parser did not use can be shown back to the adviser as typed.

/** One piece of a typed word ("avant-hier" gives "avant" and "hier"). */
export interface Token {
  norm: string;
  /** Index of the typed word it comes from. */
  word: number;
  used: boolean;
}

export interface Line {
  words: string[];
  tokens: Token[];
}

/** Words skipped inside a phrase ("médiathèque de Montech" matches "médiathèque Montech"). */
export const STOPWORDS = new Set([
  "de",
  "du",
  "des",
  "d",
  "la",
  "le",
  "les",
  "l",
  "en",
  "a",
  "au",
  "aux",
  "et",
  "of",
  "the",
]);

/** Lower case, accents and typographic apostrophes removed. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[’‘`´]/g, "'")
    .replace(/œ/g, "oe");
}

/** The pieces of one word; digits keep their separators ("1,5" → "1.5", "12/11", "2026-11-12"). */
export function pieces(word: string): string[] {
  return (
    fold(word)
      .replace(/(\d)[,.](?=\d)/g, "$1\u0001")
      .replace(/(\d)-(?=\d)/g, "$1\u0002")
      .split(/[\s'\-–—.,;:!?()«»"…*+&]+/)
      .filter((piece) => piece !== "")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: \u0001 and \u0002 are the placeholders set above
      .map((piece) => piece.replace(/\u0001/g, ".").replace(/\u0002/g, "-"))
  );
}

export function tokenize(text: string): Line {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((word) => word !== "");
  const tokens = words.flatMap((word, index) => pieces(word).map((norm) => ({ norm, word: index, used: false })));
  return { words, tokens };
}

/** A phrase of a word list as tokens to match: stop words inside it are dropped, a leading one kept ("au téléphone"). */
export function phraseTokens(phrase: string): string[] {
  const all = pieces(phrase);
  return all.filter((token, index) => index === 0 || !STOPWORDS.has(token));
}

/**
 * Where `pattern` ends when it matches the line at `start`, skipping stop words between its
 * tokens (never before the first); null when it does not match.
 */
export function matchPhrase(tokens: Token[], start: number, pattern: string[]): number | null {
  let at = start;
  for (let p = 0; p < pattern.length; p++) {
    const wanted = pattern[p]!;
    if (p > 0) while (at < tokens.length && tokens[at]!.norm !== wanted && STOPWORDS.has(tokens[at]!.norm)) at++;
    if (at >= tokens.length || tokens[at]!.norm !== wanted) return null;
    at++;
  }
  return at;
}

/** A list of phrases, each with what it means, looked up by first token; longest phrase first. */
export class PhraseTable<T> {
  private readonly byFirst = new Map<string, { pattern: string[]; meaning: T }[]>();

  constructor(entries: Iterable<readonly [string, T]>) {
    for (const [phrase, meaning] of entries) this.add(phraseTokens(phrase), meaning);
  }

  add(pattern: string[], meaning: T): void {
    if (pattern.length === 0) return;
    const list = this.byFirst.get(pattern[0]!) ?? [];
    list.push({ pattern, meaning });
    list.sort((a, b) => b.pattern.length - a.pattern.length);
    this.byFirst.set(pattern[0]!, list);
  }

  /** The longest phrase matching at `start` (all of them when several have that length). */
  match(tokens: Token[], start: number): { end: number; meanings: T[] } | null {
    const candidates = this.byFirst.get(tokens[start]?.norm ?? "");
    let best: { end: number; meanings: T[] } | null = null;
    for (const { pattern, meaning } of candidates ?? []) {
      const end = matchPhrase(tokens, start, pattern);
      if (end === null) continue;
      if (!best || end > best.end) best = { end, meanings: [meaning] };
      else if (end === best.end) best.meanings.push(meaning);
    }
    return best;
  }
}

/** The typed words behind tokens [start, end), as typed. */
export function typedWords(line: Line, start: number, end: number): string {
  const indexes = [...new Set(line.tokens.slice(start, end).map((token) => token.word))];
  return indexes.map((index) => trimPunctuation(line.words[index]!)).join(" ");
}

export function trimPunctuation(word: string): string {
  return word.replace(/^[\s.,;:!?()«»"…]+|[\s.,;:!?()«»"…]+$/g, "");
}
