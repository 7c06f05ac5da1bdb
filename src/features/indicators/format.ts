import type { CalendarDay } from "../../calendar/paris.ts";
import { catalogueKeys, type Locale, type MessageKey, type Translate } from "../../core/i18n.ts";
import { columnOfDay } from "../activities/days.ts";
import { type IndicatorValue, progressRatio } from "./compute.ts";

/** Cells of the text bar: "▰▰▰▰▰▰▱▱▱▱". */
export const BAR_CELLS = 10;

/** The mark beside a value summed from progress reports rather than counted from data. */
export const REPORTS_MARK = "◆";

// Same keys in every locale (the i18n test checks it), so one set says which units have words.
const KNOWN_KEYS = catalogueKeys("fr");

/** "texte trop long…": at most `max` characters, cut on a word when one ends near the limit. */
export function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, "")}…`;
}

/** An amount with its unit in words, agreeing with it ("30 membres", "1 soirée"); an unknown unit as written in the plan. */
export function amountWithUnit(t: Translate, locale: Locale, unit: string, count: number): string {
  // Units are English words in the plans' data ("members", "elected officials"); keys use underscores.
  const key = `indicators.units.${unit.trim().toLowerCase().replace(/\W+/g, "_")}`;
  return KNOWN_KEYS.has(key) ? t(key as MessageKey, { count }) : `${formatAmount(count, locale)} ${unit}`.trim();
}

/** A value as members read it: "18", "2,5", "1 200". */
export function formatAmount(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 1 }).format(value);
}

/** The share of the target reached, in whole percent; undefined when the plan sets no numeric target. */
export function percentReached(indicator: Pick<IndicatorValue, "value" | "target">): number | undefined {
  const ratio = progressRatio(indicator);
  return ratio === undefined ? undefined : Math.round(ratio * 100);
}

/** Ten cells for the share of the target, full only once it is reached, never empty once something counts. */
export function textBar(indicator: Pick<IndicatorValue, "value" | "target">): string {
  const ratio = progressRatio(indicator) ?? 0;
  const filled =
    ratio >= 1
      ? BAR_CELLS
      : Math.min(BAR_CELLS - 1, Math.max(indicator.value > 0 ? 1 : 0, Math.round(ratio * BAR_CELLS)));
  return "▰".repeat(filled) + "▱".repeat(BAR_CELLS - filled);
}

/** "23 novembre 2026". */
export function longDay(day: CalendarDay, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(columnOfDay(day));
}

/**
 * The indicator's own period when it is not the calendar year shown ("2e semestre 2026", "plan
 * 2024–2029"); empty for a yearly indicator or when one range applies to all.
 */
export function periodNote(
  t: Translate,
  indicator: Pick<IndicatorValue, "period" | "range">,
  sameRangeForAll: boolean,
): string {
  if (sameRangeForAll || indicator.period === "YEAR") return "";
  const { from, to } = indicator.range;
  if (indicator.period === "SEMESTER")
    return t(from.month <= 6 ? "indicators.periods.firstHalf" : "indicators.periods.secondHalf", { year: from.year });
  return from.year === to.year
    ? t("indicators.periods.planYear", { year: from.year })
    : t("indicators.periods.plan", { from: from.year, to: to.year });
}

/** What the indicators are counted over: a chosen year, or each one's period containing today. */
export function periodTitle(t: Translate, locale: Locale, year: number | undefined, today: CalendarDay): string {
  return year === undefined
    ? t("indicators.board.periodCurrent", { date: longDay(today, locale) })
    : t("indicators.board.periodYear", { year });
}

/** "SDAASP-82 — Schéma départemental…": the plan's code and title. */
export function planHeading(t: Translate, code: string, titles: ReadonlyMap<string, string>): string {
  const title = titles.get(code);
  return title ? t("indicators.board.plan", { code, title }) : code;
}

/** One plan's indicators, by fiche. */
export interface PlanGroup {
  planCode: string;
  fiches: { fiche: IndicatorValue["fiche"]; indicators: IndicatorValue[] }[];
}

/** Indicators by plan, then fiche, in the order computeIndicators returns them. */
export function groupByPlanAndFiche(values: readonly IndicatorValue[]): PlanGroup[] {
  const plans: PlanGroup[] = [];
  for (const value of values) {
    let plan = plans.at(-1);
    if (!plan || plan.planCode !== value.fiche.planCode)
      plans.push((plan = { planCode: value.fiche.planCode, fiches: [] }));
    let fiche = plan.fiches.at(-1);
    if (!fiche || fiche.fiche.id !== value.fiche.id) plan.fiches.push((fiche = { fiche: value.fiche, indicators: [] }));
    fiche.indicators.push(value);
  }
  return plans;
}
