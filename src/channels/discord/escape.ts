import { escapeMarkdown } from "discord.js";

// Web addresses stay as they are: Discord links them before reading Markdown, and a backslash would break them.
const URL = /https?:\/\/[^\s<>[\]()]+/g;

/**
 * A Reply's text is plain (formatting travels as entities), but Discord reads Markdown in a
 * message's content: a member's name `[Avis officiel](https://…)` would show as a masked link, `**x**`
 * as bold, `# x` as a heading. Everything but web addresses is escaped, so it shows as written.
 */
export function plainForDiscord(text: string): string {
  let out = "";
  let from = 0;
  for (const match of text.matchAll(URL)) {
    out += escapeSegment(text.slice(from, match.index)) + match[0];
    from = match.index + match[0].length;
  }
  return out + escapeSegment(text.slice(from));
}

function escapeSegment(segment: string): string {
  if (!segment) return segment;
  const escaped = escapeMarkdown(segment, { heading: true, bulletedList: true, numberedList: true, maskedLink: false });
  // Every `[` (a masked link's start, whatever follows), block quotes, and Discord's `-#` subtext lines.
  return escaped
    .replaceAll("[", "\\[")
    .replace(/^(\s*)>/gm, "$1\\>")
    .replace(/^(\s*)-#/gm, "$1\\-#");
}
