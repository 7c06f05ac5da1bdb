import { wordsOf } from "./command-words.ts";
import type { Audience, Command } from "./commands.ts";
import { createTranslator, LOCALES, type Locale } from "./i18n.ts";

/** A command as platforms declare it (Telegram menu, Discord slash commands, Slack manifest). */
export interface CommandInfo {
  name: string;
  /** The words that trigger it, per language; the first is the main one. */
  words: Record<Locale, string[]>;
  summary: Record<Locale, string>;
  audience: Audience;
}

/** Describes commands for adapters, in every language. */
export function describeCommands(commands: Command[]): CommandInfo[] {
  return commands.map((c) => ({
    name: c.name,
    words: Object.fromEntries(LOCALES.map((l) => [l, wordsOf(c, l)])) as Record<Locale, string[]>,
    summary: Object.fromEntries(LOCALES.map((l) => [l, createTranslator(l)(c.summary)])) as Record<Locale, string>,
    audience: c.audience,
  }));
}
