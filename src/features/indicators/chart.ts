import { REPORTS_MARK } from "./format.ts";

/** One bar: an indicator's label, its share of the target (undefined: no numeric target) and its figures. */
export interface ChartRow {
  label: string;
  ratio: number | undefined;
  /** "18 / 30 · 60 %", already in the reader's language. */
  figures: string;
  /** The value was summed from progress reports: the figures get the legend's mark. */
  fromReports: boolean;
}

/** The bars of one fiche-action, under its heading; the first fiche of a plan also carries the plan's heading. */
export interface ChartGroup {
  plan?: string;
  heading: string;
  rows: ChartRow[];
}

export interface ChartInput {
  title: string;
  subtitle: string;
  groups: ChartGroup[];
  /** Shown for a row with no numeric target, where its bar would be. */
  noTarget: string;
  legend: string[];
}

/** Wide enough to stay sharp on a phone that scales it down, narrow enough to read there. */
export const CHART_WIDTH = 1200;
/** Blue 700: 6.7:1 against white, told apart from the grey track by colour-blind readers too. */
export const BAR_COLOUR = "#1d4ed8";
const TRACK_COLOUR = "#e5e7eb";
const TEXT_COLOUR = "#111827";
const MUTED_COLOUR = "#4b5563";
const HEADING_COLOUR = "#1e3a8a";
const STRIPE_COLOUR = "#f3f4f6";
const FONT = "DejaVu Sans";

const MARGIN = 40;
const LABEL_WIDTH = 405;
const BAR_X = 460;
const BAR_WIDTH = 410;
const BAR_HEIGHT = 24;
const FIGURES_X = 885;
/** The track shows up to 125 % so that an exceeded target is seen past the 100 % line. */
const TRACK_MAX = 1.25;
const LABEL_SIZE = 19;
const LINE_HEIGHT = 23;
// DejaVu Sans averages ~0.5 em a character in French text (bold ~0.58); text is wrapped by count, with room to spare.
const charsIn = (width: number, size: number, bold = false) => Math.floor(width / (size * (bold ? 0.62 : 0.55)));
const LABEL_CHARS = charsIn(LABEL_WIDTH, LABEL_SIZE);
const FULL_WIDTH = CHART_WIDTH - 2 * MARGIN;

/** Text as SVG character data or an attribute value. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Up to `lines` lines of at most `width` characters, cut between words, the last ending with "…" when text remains. */
export function wrapText(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let rest = text.replace(/\s+/g, " ").trim();
  while (rest && out.length < lines) {
    if (rest.length <= width) {
      out.push(rest);
      rest = "";
      break;
    }
    const last = out.length === lines - 1;
    const room = last ? width - 1 : width;
    const space = rest.lastIndexOf(" ", room);
    const cut = space > width / 2 ? space : room;
    out.push(last ? `${rest.slice(0, cut).trimEnd()}…` : rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  return out;
}

function text(x: number, y: number, content: string, attributes: string): string {
  return `<text x="${x}" y="${y}" ${attributes}>${escapeXml(content)}</text>`;
}

function rowSvg(row: ChartRow, noTarget: string, top: number, height: number, striped: boolean): string {
  // The full label as the row's title: screen readers and SVG viewers get what the wrapped text cuts.
  const parts: string[] = [`<g><title>${escapeXml(row.label)}</title>`];
  if (striped)
    parts.push(
      `<rect x="${MARGIN / 2}" y="${top}" width="${CHART_WIDTH - MARGIN}" height="${height}" fill="${STRIPE_COLOUR}"/>`,
    );
  const middle = top + height / 2;
  const label = wrapText(row.label, LABEL_CHARS, 2);
  const firstBaseline = middle - ((label.length - 1) * LINE_HEIGHT) / 2 + LABEL_SIZE * 0.35;
  label.forEach((line, i) => {
    parts.push(
      text(
        MARGIN,
        Math.round(firstBaseline + i * LINE_HEIGHT),
        line,
        `font-size="${LABEL_SIZE}" fill="${TEXT_COLOUR}"`,
      ),
    );
  });
  const barTop = Math.round(middle - BAR_HEIGHT / 2);
  if (row.ratio === undefined) {
    parts.push(text(BAR_X, Math.round(middle + 7), noTarget, `font-size="18" fill="${MUTED_COLOUR}"`));
  } else {
    const filled = Math.round((Math.min(Math.max(row.ratio, 0), TRACK_MAX) / TRACK_MAX) * BAR_WIDTH);
    const targetX = BAR_X + Math.round(BAR_WIDTH / TRACK_MAX);
    parts.push(
      `<rect x="${BAR_X}" y="${barTop}" width="${BAR_WIDTH}" height="${BAR_HEIGHT}" rx="3" fill="${TRACK_COLOUR}"/>`,
    );
    if (filled > 0)
      parts.push(
        `<rect x="${BAR_X}" y="${barTop}" width="${filled}" height="${BAR_HEIGHT}" rx="3" fill="${BAR_COLOUR}"/>`,
      );
    parts.push(
      `<line x1="${targetX}" y1="${barTop - 6}" x2="${targetX}" y2="${barTop + BAR_HEIGHT + 6}" stroke="${TEXT_COLOUR}" stroke-width="2"/>`,
    );
  }
  parts.push(
    text(
      FIGURES_X,
      Math.round(middle + 7),
      row.fromReports ? `${row.figures} ${REPORTS_MARK}` : row.figures,
      `font-size="${LABEL_SIZE}" font-weight="bold" fill="${TEXT_COLOUR}"`,
    ),
  );
  parts.push("</g>");
  return parts.join("");
}

/** A horizontal bar chart of the indicators, grouped by fiche, as an SVG document. */
export function indicatorChartSvg(input: ChartInput): string {
  const body: string[] = [];
  let y = 56;
  for (const line of wrapText(input.title, charsIn(FULL_WIDTH, 30, true), 2)) {
    body.push(text(MARGIN, y, line, `font-size="30" font-weight="bold" fill="${TEXT_COLOUR}"`));
    y += 38;
  }
  body.push(text(MARGIN, y, input.subtitle, `font-size="21" fill="${MUTED_COLOUR}"`));
  y += 24;
  let striped = false;
  for (const group of input.groups) {
    if (group.plan) {
      y += 36;
      body.push(
        text(
          MARGIN,
          y,
          wrapText(group.plan, charsIn(FULL_WIDTH, 25, true), 1)[0] ?? "",
          `font-size="25" font-weight="bold" fill="${TEXT_COLOUR}"`,
        ),
      );
      y += 4;
    }
    y += 22;
    body.push(
      text(
        MARGIN,
        y + 22,
        wrapText(group.heading, charsIn(FULL_WIDTH, 22, true), 1)[0] ?? "",
        `font-size="22" font-weight="bold" fill="${HEADING_COLOUR}"`,
      ),
    );
    body.push(
      `<line x1="${MARGIN}" y1="${y + 34}" x2="${CHART_WIDTH - MARGIN}" y2="${y + 34}" stroke="${TRACK_COLOUR}" stroke-width="2"/>`,
    );
    y += 42;
    for (const row of group.rows) {
      const height = wrapText(row.label, LABEL_CHARS, 2).length > 1 ? 62 : 44;
      body.push(rowSvg(row, input.noTarget, y, height, striped));
      striped = !striped;
      y += height;
    }
  }
  y += 20;
  for (const line of input.legend.flatMap((l) => wrapText(l, charsIn(FULL_WIDTH, 17), 3))) {
    y += 24;
    body.push(text(MARGIN, y, line, `font-size="17" fill="${MUTED_COLOUR}"`));
  }
  const height = y + 30;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" font-family="${FONT}">`,
    `<rect width="${CHART_WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...body,
    "</svg>",
  ].join("\n");
}
