import type { Locale, Translate } from "../../core/i18n.ts";
import type { IndicatorValue } from "./compute.ts";
import {
  amountWithUnit,
  clip,
  formatAmount,
  groupByPlanAndFiche,
  percentReached,
  periodNote,
  planHeading,
  REPORTS_MARK,
  textBar,
} from "./format.ts";

/** Slack's limit on one section of text; every platform takes a message this long. */
export const MESSAGE_LIMIT = 3000;
const LABEL_MAX = 80;
const FICHE_MAX = 70;
const PLAN_MAX = 90;

/** What the board's heading says: the network, the period, the territory. */
export interface BoardHeading {
  network: string;
  period: string;
  scope: string;
}

/** One indicator's line: bar, label, value against target, share, and the mark when it comes from progress reports. */
export function indicatorLine(
  t: Translate,
  locale: Locale,
  indicator: IndicatorValue,
  sameRangeForAll: boolean,
): string {
  const note = periodNote(t, indicator, sameRangeForAll);
  const label = clip(indicator.label, LABEL_MAX) + (note ? ` (${note})` : "");
  const mark = indicator.source !== "data" ? ` ${REPORTS_MARK}` : "";
  const percent = percentReached(indicator);
  if (percent === undefined)
    return t("indicators.board.lineNoTarget", {
      label,
      value: amountWithUnit(t, locale, indicator.unit, indicator.value),
      mark,
    });
  return t("indicators.board.line", {
    bar: textBar(indicator),
    label,
    value: formatAmount(indicator.value, locale),
    target: amountWithUnit(t, locale, indicator.unit, indicator.target ?? 0),
    percent,
    mark,
  });
}

/**
 * The board as messages under MESSAGE_LIMIT: the heading and legend first, then plan and fiche
 * groups; a group that does not fit in the current message starts the next one, with its plan's
 * heading repeated so each message reads on its own.
 */
export function boardMessages(
  t: Translate,
  locale: Locale,
  heading: BoardHeading,
  values: readonly IndicatorValue[],
  planTitles: ReadonlyMap<string, string>,
  sameRangeForAll: boolean,
): string[] {
  const intro = [
    t("indicators.board.title", { network: heading.network }),
    t("indicators.board.subtitle", { period: heading.period, scope: heading.scope }),
  ];
  if (values.length === 0) return [[...intro, t("indicators.board.empty")].join("\n")];
  if (values.some((v) => v.source !== "data")) intro.push(t("indicators.board.legend", { mark: REPORTS_MARK }));
  const messages: string[][] = [intro];
  for (const plan of groupByPlanAndFiche(values)) {
    const planLine = clip(planHeading(t, plan.planCode, planTitles), PLAN_MAX);
    plan.fiches.forEach(({ fiche, indicators }, index) => {
      const lines = [
        clip(t("indicators.board.fiche", { code: fiche.code, title: fiche.title }), FICHE_MAX),
        ...indicators.map((i) => indicatorLine(t, locale, i, sameRangeForAll)),
      ];
      // The plan's heading goes with its first fiche, so no message ends on a heading alone.
      const block = index === 0 ? ["", planLine, ...lines] : lines;
      let current = messages.at(-1)!;
      if (length(current) + length(block) > MESSAGE_LIMIT)
        messages.push((current = index === 0 ? [] : [t("indicators.board.continued", { plan: planLine })]));
      for (const line of current.length === 0 ? block.slice(1) : block) {
        // A fiche with more lines than a message holds (never seen in a plan) is cut between lines.
        if (length(current) + line.length + 1 > MESSAGE_LIMIT)
          messages.push((current = [t("indicators.board.continued", { plan: planLine })]));
        current.push(line);
      }
    });
  }
  return messages.map((lines) => lines.join("\n"));
}

function length(lines: readonly string[]): number {
  return lines.reduce((sum, line) => sum + line.length + 1, 0);
}
