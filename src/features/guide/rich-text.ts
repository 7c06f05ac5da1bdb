import type { TextEntity } from "../../core/reply.ts";

/** Plain text with its emphasis, offsets in UTF-16 code units over `text`. */
export interface RichText {
  text: string;
  entities: TextEntity[];
}

export const plain = (text: string): RichText => ({ text, entities: [] });

/** The whole text in one emphasis, on top of what it already has. */
export function emphasize(kind: TextEntity["kind"], rich: RichText): RichText {
  return normalized({ text: rich.text, entities: [...rich.entities, { kind, offset: 0, length: rich.text.length }] });
}

/** Parts one after the other, `separator` between them. */
export function join(parts: RichText[], separator = ""): RichText {
  let text = "";
  const entities: TextEntity[] = [];
  parts.forEach((part, i) => {
    if (i > 0) text += separator;
    for (const e of part.entities) entities.push({ ...e, offset: e.offset + text.length });
    text += part.text;
  });
  return normalized({ text, entities });
}

/** `text.slice(start, end)` with its entities shifted, and clipped where the cut goes through them. */
export function slice(rich: RichText, start: number, end = rich.text.length): RichText {
  const text = rich.text.slice(start, end);
  const from = Math.min(Math.max(start, 0), rich.text.length);
  const entities = rich.entities.map((e) => {
    const offset = Math.max(e.offset, from);
    const stop = Math.min(e.offset + e.length, from + text.length);
    return { kind: e.kind, offset: offset - from, length: stop - offset };
  });
  return normalized({ text, entities });
}

/** Without whitespace at either end, as `String.prototype.trim`. */
export function trim(rich: RichText): RichText {
  const start = rich.text.length - rich.text.trimStart().length;
  const end = rich.text.trimEnd().length;
  return end <= start ? plain("") : slice(rich, start, end);
}

/** Each line prefixed (quotes, indented lists), the emphasis kept on its words. */
export function prefixLines(rich: RichText, prefix: string): RichText {
  const lines: RichText[] = [];
  let start = 0;
  for (const line of rich.text.split("\n")) {
    lines.push(join([plain(prefix), slice(rich, start, start + line.length)]));
    start += line.length + 1;
  }
  return join(lines, "\n");
}

/**
 * Entities as Telegram wants them: within the text, not empty, without whitespace at their ends,
 * sorted, and those of one kind that touch or overlap merged into one.
 */
function normalized({ text, entities }: RichText): RichText {
  const kept: TextEntity[] = [];
  for (const kind of ["bold", "italic"] as const) {
    const spans = entities
      .filter((e) => e.kind === kind)
      .map((e) => tighten(text, Math.max(0, e.offset), Math.min(text.length, e.offset + e.length)))
      .filter((s): s is [number, number] => s !== undefined)
      .sort((a, b) => a[0] - b[0]);
    for (const [start, end] of spans) {
      const last = kept.at(-1);
      if (last && last.kind === kind && start <= last.offset + last.length)
        last.length = Math.max(last.length, end - last.offset);
      else kept.push({ kind, offset: start, length: end - start });
    }
  }
  return { text, entities: kept.sort((a, b) => a.offset - b.offset || (a.kind < b.kind ? -1 : 1)) };
}

/** The span without whitespace at its ends, or undefined when nothing is left. */
function tighten(text: string, start: number, end: number): [number, number] | undefined {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? [start, end] : undefined;
}
