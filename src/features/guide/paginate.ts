import type { GuideBlock } from "./markdown.ts";

/** The longest message Telegram accepts (UTF-16 code units); the strictest platform the guide goes to. */
export const GUIDE_PAGE_MAX_CHARS = 4096;

/**
 * Beyond this length a section is long to read on a phone: its "## " subsections then become
 * pages of their own, so the intern moves on with "Suite ▶" instead of scrolling.
 */
export const LONG_SECTION_CHARS = 1500;

// Room kept for the page's heading: the title and " (12/12)".
const COUNTER_ROOM = 10;

/**
 * Lays a section out as pages: the whole section when it is short; else one page per subsection
 * (the text before the first "## " joins the first); any page still over `max` is split between
 * paragraphs. Each page starts with the title, numbered when there are several.
 */
export function paginate(title: string, blocks: GuideBlock[], max = GUIDE_PAGE_MAX_CHARS): string[] {
  const budget = max - title.length - COUNTER_ROOM - 2;
  if (budget < 200) throw new Error(`A page of at most ${max} characters cannot hold the title "${title}"`);
  const groups = joined(blocks).length > Math.min(LONG_SECTION_CHARS, budget) ? bySubsection(blocks) : [blocks];
  const bodies = groups.flatMap((group) => pack(group.map((b) => b.text), budget));
  return bodies.map((body, i) => `${bodies.length > 1 ? `${title} (${i + 1}/${bodies.length})` : title}\n\n${body}`);
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
function pack(paragraphs: string[], budget: number): string[] {
  const bodies: string[] = [];
  let current = "";
  for (const paragraph of paragraphs.flatMap((p) => cutLong(p, budget))) {
    const candidate = current ? `${current}\n\n${paragraph}` : paragraph;
    if (candidate.length <= budget) current = candidate;
    else {
      bodies.push(current);
      current = paragraph;
    }
  }
  if (current) bodies.push(current);
  return bodies;
}

/** A single paragraph longer than a page is cut at a line break, else between words, never inside an emoji. */
function cutLong(paragraph: string, budget: number): string[] {
  const parts: string[] = [];
  let rest = paragraph;
  while (rest.length > budget) {
    let cut = rest.lastIndexOf("\n", budget);
    if (cut < budget / 2) cut = rest.lastIndexOf(" ", budget);
    if (cut < budget / 2) cut = budget;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}
