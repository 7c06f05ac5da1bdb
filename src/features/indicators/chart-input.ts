import type { Locale, Translate } from "../../core/i18n.ts";
import type { ChartGroup, ChartInput } from "./chart.ts";
import { progressRatio } from "./compute.ts";
import type { Board } from "./data.ts";
import { formatAmount, groupByPlanAndFiche, percentReached, periodNote, planHeading, REPORTS_MARK } from "./format.ts";

/** The board as the chart shows it, in the reader's language: one group of bars per fiche. */
export function chartInput(t: Translate, locale: Locale, board: Board): ChartInput {
  const groups: ChartGroup[] = groupByPlanAndFiche(board.values).flatMap((plan) =>
    plan.fiches.map(({ fiche, indicators }, index) => ({
      ...(index === 0 ? { plan: planHeading(t, plan.planCode, board.planTitles) } : {}),
      heading: t("indicators.board.fiche", { code: fiche.code, title: fiche.title }),
      rows: indicators.map((indicator) => {
        const note = periodNote(t, indicator, board.sameRangeForAll);
        const value = formatAmount(indicator.value, locale);
        const percent = percentReached(indicator);
        return {
          label: note ? `${indicator.label} (${note})` : indicator.label,
          ratio: progressRatio(indicator),
          figures:
            percent === undefined
              ? value
              : t("indicators.chart.figures", { value, target: formatAmount(indicator.target ?? 0, locale), percent }),
          fromReports: indicator.source !== "data",
        };
      }),
    })),
  );
  const legend = [t("indicators.chart.legendTarget")];
  if (board.values.some((v) => v.source !== "data")) legend.push(t("indicators.board.legend", { mark: REPORTS_MARK }));
  return {
    title: t("indicators.board.title", { network: board.heading.network }),
    subtitle: t("indicators.board.subtitle", { period: board.heading.period, scope: board.heading.scope }),
    groups,
    noTarget: t("indicators.board.noTarget"),
    legend,
  };
}
