import { Lexer, type Token, type Tokens } from "marked";
import type { TextEntity } from "../../core/reply.ts";
import { emphasize, join, plain, prefixLines, type RichText, trim } from "./rich-text.ts";

/**
 * One block of a guide section, rendered as plain text with its emphasis (offsets within `text`).
 * `subheading` blocks ("## …") start a sub-page when the section is long.
 */
export interface GuideBlock {
  kind: "subheading" | "text";
  text: string;
  entities?: TextEntity[];
}

/** A section file once parsed: its `# Title` line and its body as blocks. */
export interface ParsedSection {
  title: string | undefined;
  blocks: GuideBlock[];
}

/**
 * Parses a guide file's Markdown (with marked's lexer, not regexes) into plain-text blocks.
 * Replies carry plain text: the Telegram adapter sends it without parse_mode (so nothing can
 * inject markup), which is why lists become bullets and links read "text (url)" (Telegram, Slack
 * and Discord make the bare URL clickable). Bold and italic keep their words in the text and
 * become entities beside it (bold subheadings too), which Telegram shows and other platforms ignore.
 */
export function parseSection(markdown: string): ParsedSection {
  const tokens = new Lexer().lex(markdown.replace(/^\uFEFF/, ""));
  const first = tokens.find((t) => t.type !== "space");
  const title =
    first?.type === "heading" && (first as Tokens.Heading).depth === 1
      ? inline((first as Tokens.Heading).tokens).text.trim()
      : undefined;
  const blocks: GuideBlock[] = [];
  for (const token of tokens) {
    if (token === first && title !== undefined) continue;
    if (token.type === "heading")
      blocks.push({
        kind: "subheading",
        ...emphasize("bold", join([plain("▸ "), trim(inline((token as Tokens.Heading).tokens))])),
      });
    else {
      const { text, entities } = trim(block(token));
      if (text) blocks.push({ kind: "text", text, entities });
    }
  }
  return { title, blocks };
}

function block(token: Token): RichText {
  switch (token.type) {
    case "paragraph":
      return inline((token as Tokens.Paragraph).tokens);
    case "list":
      return list(token as Tokens.List, "");
    case "blockquote":
      return prefixLines(join((token as Tokens.Blockquote).tokens.map(block), "\n"), "│ ");
    case "code":
      return plain((token as Tokens.Code).text);
    case "hr":
      return plain("———");
    case "table":
      return table(token as Tokens.Table);
    case "space":
      return plain("");
    case "text":
      return "tokens" in token && token.tokens ? inline(token.tokens) : plain(token.raw);
    default:
      return plain(token.raw);
  }
}

function list(token: Tokens.List, indent: string): RichText {
  const start = typeof token.start === "number" ? token.start : 1;
  return join(
    token.items.map((item, i) => {
      const marker = token.ordered ? `${start + i}. ` : "• ";
      const parts = item.tokens.map((t) =>
        t.type === "list" ? list(t as Tokens.List, `${indent}   `) : trim(block(t)),
      );
      const [head = plain(""), ...rest] = parts.filter((p) => p.text);
      return join([join([plain(`${indent}${marker}`), head]), ...rest], "\n");
    }),
    "\n",
  );
}

function table(token: Tokens.Table): RichText {
  const row = (cells: Tokens.TableCell[]) =>
    join(
      cells.map((c) => inline(c.tokens)),
      " | ",
    );
  return join([row(token.header), ...token.rows.map(row)], "\n");
}

/** Inline Markdown to plain text: emphasis keeps its words (and becomes an entity), links keep their address. */
function inline(tokens: Token[] | undefined): RichText {
  return join((tokens ?? []).map(inlineToken));
}

function inlineToken(token: Token): RichText {
  switch (token.type) {
    case "strong":
      return emphasize("bold", inline((token as Tokens.Strong).tokens));
    case "em":
      return emphasize("italic", inline((token as Tokens.Em).tokens));
    case "del":
      return inline((token as Tokens.Del).tokens);
    case "link": {
      const link = token as Tokens.Link;
      const words = trim(inline(link.tokens));
      const text = words.text;
      if (!text) return plain(link.href);
      return text === link.href || `mailto:${text}` === link.href || `tel:${text}` === link.href
        ? words
        : join([words, plain(` (${link.href})`)]);
    }
    case "image": {
      const image = token as Tokens.Image;
      return plain(image.text ? `${image.text} (${image.href})` : image.href);
    }
    case "codespan":
      return plain((token as Tokens.Codespan).text);
    case "br":
      return plain("\n");
    case "escape":
      return plain((token as Tokens.Escape).text);
    case "text":
      return "tokens" in token && token.tokens
        ? inline(token.tokens)
        : plain(decodeEntities((token as Tokens.Text).text));
    case "html":
      return plain("");
    default:
      return plain(token.raw);
  }
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** marked escapes a few characters in text tokens; plain text wants them back. */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}
