import { distance } from "fastest-levenshtein";
import type { Command } from "./commands.ts";
import { LOCALES, type Locale, rawMessage } from "./i18n.ts";

/** Lower-case, without accents or a leading slash: "/Démarrer" and "demarrer" are the same word. */
export function normaliseWord(word: string): string {
  return word.trim().replace(/^\//, "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The words of a command in one locale, as written in the catalogue. */
export function wordsOf(command: Command, locale: Locale): string[] {
  return rawMessage(locale, command.words)
    .split(",")
    .map((w) => w.trim())
    .filter(Boolean);
}

/** Finds commands by any of their words in any language (a French member may type "help"). */
export class CommandIndex {
  readonly #byWord = new Map<string, Command>();
  constructor(commands: Command[]) {
    for (const command of commands) {
      for (const locale of LOCALES) {
        for (const word of wordsOf(command, locale)) {
          const key = normaliseWord(word);
          const other = this.#byWord.get(key);
          if (other && other !== command)
            throw new Error(`Command word "${word}" is used by ${other.name} and ${command.name}`);
          this.#byWord.set(key, command);
        }
      }
    }
  }

  find(word: string): Command | undefined {
    return this.#byWord.get(normaliseWord(word));
  }

  /** The closest word among the given commands, if it is close enough to be a likely typo. */
  suggest(word: string, among: Command[], locale: Locale): string | undefined {
    const typed = normaliseWord(word);
    let best: { word: string; score: number } | undefined;
    for (const command of among) {
      for (const candidate of wordsOf(command, locale)) {
        const score = distance(typed, normaliseWord(candidate));
        if (!best || score < best.score) best = { word: candidate, score };
      }
    }
    const tolerance = Math.max(1, Math.floor(typed.length / 3));
    return best && best.score <= tolerance ? best.word : undefined;
  }
}
