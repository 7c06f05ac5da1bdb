import type { GuideBlock } from "./markdown.ts";
import { emphasize, join, plain, type RichText, slice } from "./rich-text.ts";

/** One page as a member reads it: its text and its emphasis (offsets within this page's text). */
export type GuidePage = RichText;

/** The longest message Telegram accepts (UTF-16 code units); the strictest platform the guide goes to. */
export const GUIDE_PAGE_MAX_CHARS = 4096;

/**
 * Beyond this length a section is long to read on a phone: its "## " subsections then become
 * pages of their own, so the intern moves on with "Suite ▶" instead of scrolling.
 */
export const LONG_SECTION_CHARS = 1500;

// Room kept for the page's heading: the title and " (12/12)".
const COUNTER_ROOM = 10;

/** The pages' texts only (see `paginateRich`). */
export function paginate(title: string, blocks: GuideBlock[], max = GUIDE_PAGE_MAX_CHARS): string[] {
  return paginateRich(title, blocks, max).map((page) => page.text);
}

/**
 * Lays a section out as pages: the whole section when it is short; else one page per subsection
 * (the text before the first "## " joins the first); any page still over `max` is split between
 * paragraphs. Each page starts with the title in bold, numbered when there are several; the
 * blocks' emphasis follows them onto their page, clipped where a paragraph is cut.
 */
export function paginateRich(title: string, blocks: GuideBlock[], max = GUIDE_PAGE_MAX_CHARS): GuidePage[] {
  const budget = max - title.length - COUNTER_ROOM - 2;
  if (budget < 200) throw new Error(`A page of at most ${max} characters cannot hold the title "${title}"`);
  const groups = joined(blocks).length > Math.min(LONG_SECTION_CHARS, budget) ? bySubsection(blocks) : [blocks];
  const bodies = groups.flatMap((group) =>
    pack(
      group.map((b) => ({ text: b.text, entities: b.entities ?? [] })),
      budget,
    ),
  );
  return bodies.map((body, i) =>
    join([emphasize("bold", plain(bodies.length > 1 ? `${title} (${i + 1}/${bodies.length})` : title)), body], "\n\n"),
  );
}

const joined = (blocks: GuideBlock[]) => blocks.map((b) => b.text).join("\n\n");

function bySubsection(blocks: GuideBlock[]): GuideBlock[][] {
  const groups: GuideBlock[][] = [];
  for (const b of blocks) {
    const current = groups.at(-1);
    const introOnly = current !== undefined && current.every((x) => x.kind === "text");
    if (!current || (b.kind === "subheading" && !introOnly)) groups.push([b]);
    else current.push(b);
  }
  return groups;
}

/** Packs paragraphs into bodies of at most `budget` characters, cutting only between paragraphs when it can. */
function pack(paragraphs: RichText[], budget: number): RichText[] {
  const bodies: RichText[] = [];
  let current: RichText | undefined;
  for (const paragraph of paragraphs.flatMap((p) => cutLong(p, budget))) {
    const candidate = current ? join([current, paragraph], "\n\n") : paragraph;
    if (candidate.text.length <= budget) current = candidate;
    else {
      if (current) bodies.push(current);
      current = paragraph;
    }
  }
  if (current) bodies.push(current);
  return bodies;
}

/** A single paragraph longer than a page is cut at a line break, else between words, never inside an emoji. */
function cutLong(paragraph: RichText, budget: number): RichText[] {
  const parts: RichText[] = [];
  let rest = paragraph;
  while (rest.text.length > budget) {
    let cut = rest.text.lastIndexOf("\n", budget);
    if (cut < budget / 2) cut = rest.text.lastIndexOf(" ", budget);
    if (cut < budget / 2) cut = budget;
    const code = rest.text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    parts.push(trimEnd(slice(rest, 0, cut)));
    rest = trimStart(slice(rest, cut));
  }
  if (rest.text) parts.push(rest);
  return parts;
}

const trimEnd = (rich: RichText) => slice(rich, 0, rich.text.trimEnd().length);
const trimStart = (rich: RichText) => slice(rich, rich.text.length - rich.text.trimStart().length);
