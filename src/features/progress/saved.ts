import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { type Reply, say } from "../../core/reply.ts";
import { formatDay } from "../activities/days.ts";
import { computeIndicators, type IndicatorValue } from "../indicators/compute.ts";
import { PRG } from "./actions.ts";
import { additionText, formatValue } from "./draft-reply.ts";
import type { Fiche } from "./fiches.ts";
import type { ValidProgress } from "./schema.ts";

/** "en 2026", "au 2d semestre 2026", "sur la durée du plan (2023–2027)". */
function periodText(ctx: Context, indicator: IndicatorValue): string {
  const { from, to } = indicator.range;
  if (indicator.period === "YEAR") return ctx.t("progress.periods.year", { year: from.year });
  if (indicator.period === "SEMESTER")
    return ctx.t(from.month <= 6 ? "progress.periods.firstHalf" : "progress.periods.secondHalf", { year: from.year });
  return ctx.t("progress.periods.plan", { from: from.year, to: to.year });
}

/** The indicator's total over its period that contains the report's day, against its target. */
async function totalLine(ctx: Context, indicatorId: string, report: ValidProgress): Promise<string | undefined> {
  const values = await computeIndicators(ctx.db, { networkId: ctx.actor.networkId, window: { today: report.date } });
  const indicator = values.find((v) => v.id === indicatorId);
  if (!indicator) return undefined;
  const params = {
    indicator: indicator.label,
    value: formatValue(indicator.value, ctx.actor.locale),
    period: periodText(ctx, indicator),
  };
  if (indicator.target === null || indicator.target <= 0) return ctx.t("progress.totalNoTarget", params);
  return ctx.t("progress.total", { ...params, target: formatValue(indicator.target, ctx.actor.locale) });
}

/** The confirmation of a stored progress report, with the indicator's new total when it added to one. */
export async function savedReply(ctx: Context, fiche: Fiche, report: ValidProgress): Promise<Reply> {
  const { t, actor } = ctx;
  const indicator = fiche.indicators.find((i) => i.id === report.indicatorId);
  const lines = [
    t("progress.saved", { fiche: `${fiche.planCode} ${fiche.code}`, date: formatDay(report.date, actor.locale) }),
  ];
  if (indicator && report.value !== null) {
    lines.push(t("progress.added", { addition: additionText(ctx, report.value, indicator.label, 200) }));
    const total = await totalLine(ctx, indicator.id, report);
    if (total) lines.push(total);
  }
  return say(lines.join("\n"), [{ id: pressId(PRG.fiche, "-", fiche.id), label: t("progress.buttons.another") }]);
}
