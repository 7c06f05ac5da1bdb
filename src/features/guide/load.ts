import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "../../core/i18n.ts";
import { GUIDE_SECTION_ID_MAX } from "./actions.ts";
import { parseSection } from "./markdown.ts";
import { type GuidePage, paginateRich } from "./paginate.ts";

/** One section of the guide in one language, laid out as the pages a member reads. */
export interface GuideSection {
  /** From the file name (`01-housing.md` → `housing`), the same in every language; used in button ids. */
  id: string;
  title: string;
  /** Each page's text and its emphasis (bold title and subheadings, **bold**, *italic*). */
  pages: GuidePage[];
}

/** The whole guide: the same sections, in the same order, in every language. */
export type Guide = Record<Locale, GuideSection[]>;

/** A button label longer than this is cut by some platforms (Slack, Discord): a title must fit. */
export const GUIDE_TITLE_MAX_CHARS = 60;

const FILE_NAME = /^(\d{1,3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

/** The guide's files, in `locales/` beside `src/`: a coordinator edits them without touching code. */
export const SHIPPED_LOCALES_DIR = join(import.meta.dirname, "..", "..", "..", "locales");

/**
 * Reads `<localesDir>/<locale>/guide/*.md` and lays every section out as pages. Throws an error
 * naming the file when a section has no title, a title too long for a button, nothing to read,
 * a badly named file, or no counterpart in the other language: the bot then refuses to start
 * rather than show interns half a guide.
 */
export function loadGuide(localesDir: string): Guide {
  const guide = Object.fromEntries(LOCALES.map((l) => [l, readLocale(localesDir, l)])) as Guide;
  const reference = guide[DEFAULT_LOCALE];
  for (const locale of LOCALES) {
    if (locale === DEFAULT_LOCALE) continue;
    const ids = new Set(guide[locale].map((s) => s.id));
    const referenceIds = new Set(reference.map((s) => s.id));
    const missing = files(localesDir, DEFAULT_LOCALE).find((f) => !ids.has(idOf(f)));
    if (missing)
      throw guideError(
        join(localesDir, locale, "guide", missing),
        `is missing: every ${DEFAULT_LOCALE} section needs its ${locale} translation, under the same file name`,
      );
    const extra = files(localesDir, locale).find((f) => !referenceIds.has(idOf(f)));
    if (extra)
      throw guideError(
        join(localesDir, locale, "guide", extra),
        `has no ${DEFAULT_LOCALE} counterpart: name it as its ${DEFAULT_LOCALE} section in ${join(localesDir, DEFAULT_LOCALE, "guide")}`,
      );
    // Same ids; the order follows the French file numbers so both languages list the sections alike.
    const byId = new Map(guide[locale].map((s) => [s.id, s]));
    guide[locale] = reference.map((s) => byId.get(s.id)!);
  }
  return guide;
}

function readLocale(localesDir: string, locale: Locale): GuideSection[] {
  const dir = join(localesDir, locale, "guide");
  const names = files(localesDir, locale);
  if (names.length === 0) throw guideError(dir, "holds no section: the guide needs at least one NN-name.md file");
  const seen = new Map<string, string>();
  const sections = names.map((name) => {
    const path = join(dir, name);
    const id = idOf(name);
    if (id.length > GUIDE_SECTION_ID_MAX)
      throw guideError(path, `has a name of ${id.length} characters after its number; ${GUIDE_SECTION_ID_MAX} at most`);
    const twin = seen.get(id);
    if (twin) throw guideError(path, `has the same name after its number as ${twin}: give each section its own name`);
    seen.set(id, name);
    const { title, blocks } = parseSection(readFileSync(path, "utf8"));
    if (!title) throw guideError(path, `has no title: its first line must be "# Title"`);
    if (title.length > GUIDE_TITLE_MAX_CHARS)
      throw guideError(path, `has a title of ${title.length} characters; a button holds ${GUIDE_TITLE_MAX_CHARS}`);
    if (blocks.every((b) => b.kind === "subheading"))
      throw guideError(path, "is empty: write the section's text under its title");
    return { order: Number(FILE_NAME.exec(name)![1]), section: { id, title, pages: paginateRich(title, blocks) } };
  });
  return sections.sort((a, b) => a.order - b.order).map((s) => s.section);
}

/** The section files of a locale; any other `.md` file there is a naming mistake worth stopping for. */
function files(localesDir: string, locale: Locale): string[] {
  const dir = join(localesDir, locale, "guide");
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".md"));
  } catch {
    throw guideError(dir, "cannot be read: the guide's sections live there, one NN-name.md file each");
  }
  const wrong = names.find((n) => !FILE_NAME.test(n));
  if (wrong)
    throw guideError(
      join(dir, wrong),
      `is not named like "01-housing.md" (a number, a dash, lower-case letters, digits and dashes)`,
    );
  return names.sort();
}

const idOf = (fileName: string) => FILE_NAME.exec(fileName)![2]!;

function guideError(path: string, problem: string): Error {
  return new Error(`Welcome guide: ${path} ${problem}.`);
}
