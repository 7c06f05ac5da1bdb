import { Lexer, type Token, type Tokens } from "marked";

/**
 * One block of a guide section, rendered as plain text. `subheading` blocks ("## …") start a
 * sub-page when the section is long.
 */
export interface GuideBlock {
  kind: "subheading" | "text";
  text: string;
}

/** A section file once parsed: its `# Title` line and its body as blocks. */
export interface ParsedSection {
  title: string | undefined;
  blocks: GuideBlock[];
}

/**
 * Parses a guide file's Markdown (with marked's lexer, not regexes) into plain-text blocks.
 * Replies carry plain text: the Telegram adapter sends it without parse_mode (so nothing can
 * inject markup), which is why bold and italic keep their words only, lists become bullets and
 * links read "text (url)"; Telegram, Slack and Discord make the bare URL clickable.
 */
export function parseSection(markdown: string): ParsedSection {
  const tokens = new Lexer().lex(markdown.replace(/^\uFEFF/, ""));
  const first = tokens.find((t) => t.type !== "space");
  const title = first?.type === "heading" && (first as Tokens.Heading).depth === 1 ? inline((first as Tokens.Heading).tokens).trim() : undefined;
  const blocks: GuideBlock[] = [];
  for (const token of tokens) {
    if (token === first && title !== undefined) continue;
    if (token.type === "heading") blocks.push({ kind: "subheading", text: `▸ ${inline((token as Tokens.Heading).tokens).trim()}` });
    else {
      const text = block(token).trim();
      if (text) blocks.push({ kind: "text", text });
    }
  }
  return { title, blocks };
}

function block(token: Token): string {
  switch (token.type) {
    case "paragraph":
      return inline((token as Tokens.Paragraph).tokens);
    case "list":
      return list(token as Tokens.List, "");
    case "blockquote":
      return (token as Tokens.Blockquote).tokens
        .map(block)
        .join("\n")
        .split("\n")
        .map((line) => `│ ${line}`)
        .join("\n");
    case "code":
      return (token as Tokens.Code).text;
    case "hr":
      return "———";
    case "table":
      return table(token as Tokens.Table);
    case "space":
      return "";
    case "text":
      return "tokens" in token && token.tokens ? inline(token.tokens) : token.raw;
    default:
      return token.raw;
  }
}

function list(token: Tokens.List, indent: string): string {
  const start = typeof token.start === "number" ? token.start : 1;
  return token.items
    .map((item, i) => {
      const marker = token.ordered ? `${start + i}. ` : "• ";
      const parts = item.tokens.map((t) => (t.type === "list" ? list(t as Tokens.List, `${indent}   `) : block(t).trim()));
      const [head = "", ...rest] = parts.filter(Boolean);
      return [`${indent}${marker}${head}`, ...rest].join("\n");
    })
    .join("\n");
}

function table(token: Tokens.Table): string {
  const row = (cells: Tokens.TableCell[]) => cells.map((c) => inline(c.tokens)).join(" | ");
  return [row(token.header), ...token.rows.map(row)].join("\n");
}

/** Inline Markdown to plain text: emphasis keeps its words, links keep their address. */
function inline(tokens: Token[] | undefined): string {
  return (tokens ?? []).map(inlineToken).join("");
}

function inlineToken(token: Token): string {
  switch (token.type) {
    case "strong":
    case "em":
    case "del":
      return inline((token as Tokens.Strong).tokens);
    case "link": {
      const link = token as Tokens.Link;
      const text = inline(link.tokens).trim();
      return !text || text === link.href || `mailto:${text}` === link.href || `tel:${text}` === link.href ? text || link.href : `${text} (${link.href})`;
    }
    case "image": {
      const image = token as Tokens.Image;
      return image.text ? `${image.text} (${image.href})` : image.href;
    }
    case "codespan":
      return (token as Tokens.Codespan).text;
    case "br":
      return "\n";
    case "escape":
      return (token as Tokens.Escape).text;
    case "text":
      return "tokens" in token && token.tokens ? inline(token.tokens) : decodeEntities((token as Tokens.Text).text);
    case "html":
      return "";
    default:
      return token.raw;
  }
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** marked escapes a few characters in text tokens; plain text wants them back. */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}
