import type { Locale, Translate } from "../../core/i18n.ts";
import { THEMES, type Theme } from "../activities/catalogue.ts";
import { columnOfDay, formatDuration } from "../activities/days.ts";
import { bar } from "../activities/figures.ts";
import type { DayRange } from "../indicators/period.ts";
import type { WeekFigures } from "./activity.ts";
import type { MovedIndicator } from "./indicators.ts";
import { SILENCE_DAYS } from "./silence.ts";

/** Lines per list; the rest is counted in one "+ N autres" line, so the digest stays well under 3,000 characters. */
export const TOP = 8;
export const MAX_DIGEST_CHARS = 3000;
const MAX_LABEL = 70;
const MAX_NAME = 40;

/** What one network's digest says. */
export interface DigestContent {
  network: string;
  week: DayRange;
  figures: WeekFigures;
  moved: MovedIndicator[];
  silent: string[];
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** The first TOP lines of a list, and "+ N autres" for the rest. */
function top<T>(t: Translate, items: readonly T[], line: (item: T) => string): string[] {
  const shown = items.slice(0, TOP).map(line);
  return items.length > TOP ? [...shown, t("digest.more", { count: items.length - TOP })] : shown;
}

function numbers(locale: Locale) {
  const tag = locale === "fr" ? "fr-FR" : "en-GB";
  return {
    plain: new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }),
    signed: new Intl.NumberFormat(tag, { maximumFractionDigits: 2, signDisplay: "exceptZero" }),
  };
}

/** "16–22 novembre 2026" / "16–22 November 2026". */
function weekRange(week: DayRange, locale: Locale): string {
  const format = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  return format.formatRange(columnOfDay(week.from), columnOfDay(week.to));
}

function themeLabel(t: Translate, code: string): string {
  return (THEMES as readonly string[]).includes(code) ? t(`activities.catalogue.themes.${code as Theme}`) : code;
}

function activityLines(t: Translate, f: WeekFigures): string[] {
  const largestPlace = f.territories[0]?.activities ?? 0;
  const largestTheme = f.themes[0]?.count ?? 0;
  return [
    t("digest.totals", { activities: f.activities, people: f.people, hours: formatDuration(f.minutes) }),
    "",
    t("digest.territories.title"),
    ...top(t, f.territories, (p) =>
      t("digest.territories.line", {
        bar: bar(p.activities, largestPlace),
        name: clip(p.name ?? t("digest.territories.unknown"), MAX_LABEL),
        people: p.people,
      }),
    ),
    ...(f.themes.length
      ? [
          "",
          t("digest.themes.title"),
          ...top(t, f.themes, (th) =>
            t("digest.themes.line", { bar: bar(th.count, largestTheme), theme: themeLabel(t, th.code) }),
          ),
        ]
      : []),
  ];
}

function indicatorLines(t: Translate, locale: Locale, moved: readonly MovedIndicator[]): string[] {
  if (moved.length === 0) return [];
  const n = numbers(locale);
  const line = (i: MovedIndicator) => {
    const params = { label: clip(i.label, MAX_LABEL), delta: n.signed.format(i.delta), value: n.plain.format(i.value) };
    return i.target !== null && i.target > 0
      ? t("digest.indicators.line", { ...params, target: n.plain.format(i.target) })
      : t("digest.indicators.lineNoTarget", params);
  };
  return ["", t("digest.indicators.title"), ...top(t, moved, line)];
}

function silentLine(t: Translate, names: readonly string[]): string[] {
  if (names.length === 0) return [];
  const shown = names
    .slice(0, TOP)
    .map((name) => clip(name, MAX_NAME))
    .join(", ");
  const listed = names.length > TOP ? `${shown} ${t("digest.more", { count: names.length - TOP })}` : shown;
  return ["", t("digest.silent", { weeks: SILENCE_DAYS / 7, count: names.length, names: listed })];
}

/** The digest in one language: totals, places, themes, indicators that moved, silent advisers; or that the week was quiet. */
export function digestText(t: Translate, locale: Locale, c: DigestContent): string {
  const title = t("digest.title", { range: weekRange(c.week, locale), network: c.network });
  if (c.figures.activities === 0 && c.moved.length === 0 && c.silent.length === 0)
    return [title, t("digest.nothing")].join("\n");
  const lines = [
    title,
    ...(c.figures.activities ? activityLines(t, c.figures) : [t("digest.noActivity")]),
    ...indicatorLines(t, locale, c.moved),
    ...silentLine(t, c.silent),
  ];
  const text = lines.join("\n");
  // Labels and names are clipped so this never happens with TOP lines a list; a guard, not a layout.
  return text.length <= MAX_DIGEST_CHARS ? text : `${text.slice(0, MAX_DIGEST_CHARS - 1)}…`;
}
