import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isCalendarDay } from "../../../calendar/paris.ts";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "../../../core/i18n.ts";
import { parseSection } from "../../guide/markdown.ts";
import { GUIDE_PAGE_MAX_CHARS, paginate } from "../../guide/paginate.ts";

/** The folder, beside each language's `guide/` (which the guide loader checks on its own terms). */
export const SEASONAL_DIR = "guide-seasonal";

/** One seasonal update of the guide, in every language, sent each year on the same day. */
export interface SeasonalUpdate {
  /** From the file name (`mois-du-numerique.md` → `mois-du-numerique`): the idempotency key's part. */
  id: string;
  /** The day it is sent each year, at 10:00 Paris. */
  send: { month: number; day: number };
  /** Title and text in each language, as one chat message. */
  text: Record<Locale, { title: string; message: string }>;
}

const FILE_NAME = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n/;
const SEND_LINE = /^send:\s*(\d{2})-(\d{2})\s*$/m;

/**
 * Reads `<localesDir>/<locale>/guide-seasonal/*.md`: each file starts with a front matter giving
 * the day it is sent every year (`send: 12-01`, month-day), then `# Title` and a short text. Throws
 * an error naming the file when the date or title is missing or wrong, the text is empty or longer
 * than one message, or a file has no counterpart (same name, same date) in the other language: the
 * bot then refuses to start rather than send half an update. No folder means no updates.
 */
export function loadSeasonalUpdates(localesDir: string): SeasonalUpdate[] {
  const byLocale = Object.fromEntries(LOCALES.map((l) => [l, readLocale(localesDir, l)])) as Record<
    Locale,
    Map<string, Parsed>
  >;
  const reference = byLocale[DEFAULT_LOCALE];
  for (const locale of LOCALES) {
    for (const [id, parsed] of byLocale[locale]) {
      if (locale === DEFAULT_LOCALE) continue;
      const twin = reference.get(id);
      if (!twin)
        throw seasonalError(
          parsed.path,
          `has no ${DEFAULT_LOCALE} counterpart: name it as its ${DEFAULT_LOCALE} file in ${join(localesDir, DEFAULT_LOCALE, SEASONAL_DIR)}`,
        );
      if (twin.send.month !== parsed.send.month || twin.send.day !== parsed.send.day)
        throw seasonalError(parsed.path, `is sent on another day than ${twin.path}: both languages go out together`);
    }
    if (locale === DEFAULT_LOCALE) continue;
    for (const [id, parsed] of reference) {
      if (!byLocale[locale].has(id))
        throw seasonalError(
          join(localesDir, locale, SEASONAL_DIR, `${id}.md`),
          `is missing: ${parsed.path} needs its ${locale} translation, under the same file name`,
        );
    }
  }
  return [...reference.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, parsed]) => ({
      id,
      send: parsed.send,
      text: Object.fromEntries(LOCALES.map((l) => [l, byLocale[l].get(id)!.text])) as SeasonalUpdate["text"],
    }));
}

interface Parsed {
  path: string;
  send: { month: number; day: number };
  text: { title: string; message: string };
}

function readLocale(localesDir: string, locale: Locale): Map<string, Parsed> {
  const dir = join(localesDir, locale, SEASONAL_DIR);
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith(".md"))
      .sort();
  } catch {
    return new Map();
  }
  const out = new Map<string, Parsed>();
  for (const name of names) {
    const path = join(dir, name);
    const match = FILE_NAME.exec(name);
    if (!match)
      throw seasonalError(path, `is not named like "mois-du-numerique.md" (lower-case letters, digits and dashes)`);
    out.set(match[1]!, parseFile(path, readFileSync(path, "utf8")));
  }
  return out;
}

function parseFile(path: string, content: string): Parsed {
  const front = FRONT_MATTER.exec(content);
  if (!front) throw seasonalError(path, `does not start with its send date: "---", "send: MM-DD", "---"`);
  const send = SEND_LINE.exec(front[1]!);
  if (!send) throw seasonalError(path, `has no "send: MM-DD" line (the day it is sent each year) in its front matter`);
  const date = { month: Number(send[1]), day: Number(send[2]) };
  // 2027 is not a leap year: 29 February would be skipped three years out of four.
  if (!isCalendarDay({ year: 2027, ...date }))
    throw seasonalError(path, `has send: ${send[1]}-${send[2]}, which is not a day of every year`);
  const { title, blocks } = parseSection(content.slice(front[0].length));
  if (!title) throw seasonalError(path, `has no title: the line after the front matter must be "# Title"`);
  if (blocks.every((b) => b.kind === "subheading"))
    throw seasonalError(path, "is empty: write the update under its title");
  let pages: string[];
  try {
    pages = paginate(title, blocks, GUIDE_PAGE_MAX_CHARS);
  } catch {
    throw seasonalError(path, "has a title too long for a message");
  }
  if (pages.length > 1)
    throw seasonalError(
      path,
      `is longer than one message (${GUIDE_PAGE_MAX_CHARS} characters): keep seasonal updates short`,
    );
  return { path, send: date, text: { title, message: pages[0]! } };
}

function seasonalError(path: string, problem: string): Error {
  return new Error(`Seasonal guide update: ${path} ${problem}.`);
}
