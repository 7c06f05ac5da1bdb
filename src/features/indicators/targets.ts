import { normaliseWord } from "../../core/command-words.ts";
import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { LOCALES, rawMessage } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import type { Role } from "../../core/roles.ts";
import { recordAudit } from "../../services/audit/record.ts";
import { amountWithUnit } from "./format.ts";

const COORDINATORS: readonly Role[] = ["NETWORK_COORDINATOR"];
const NONE_WORDS = new Set(LOCALES.flatMap((l) => rawMessage(l, "targets.noneWords").split(",").map(normaliseWord)));
const MAX_TARGET = 1_000_000;

/** The network's indicators numbered as `cible` lists them: plan, axis, fiche, then label (the order of the board). */
async function numberedIndicators(ctx: Context) {
  const rows = await ctx.db.indicator.findMany({
    where: { networkId: ctx.actor.networkId },
    select: {
      id: true,
      label: true,
      unit: true,
      target: true,
      period: true,
      ficheAction: { select: { code: true, axis: { select: { number: true, plan: { select: { code: true } } } } } },
    },
  });
  return rows.sort(
    (a, b) =>
      a.ficheAction.axis.plan.code.localeCompare(b.ficheAction.axis.plan.code) ||
      a.ficheAction.axis.number - b.ficheAction.axis.number ||
      a.ficheAction.code.localeCompare(b.ficheAction.code, "fr", { numeric: true }) ||
      a.label.localeCompare(b.label, "fr"),
  );
}

type Row = Awaited<ReturnType<typeof numberedIndicators>>[number];

/** "30 membres par an", or that the plan sets no numeric target (null). */
function targetText(ctx: Context, row: Pick<Row, "unit" | "period">, target: number | null): string {
  if (target === null || target <= 0) return ctx.t("targets.none");
  return ctx.t("targets.perPeriod", {
    value: amountWithUnit(ctx.t, ctx.actor.locale, row.unit, target),
    period: ctx.t(`targets.period.${row.period}`),
  });
}

/** `cible`: the numbered list; `cible <n°> <valeur>` (or `aucune`): changes that indicator's target for its period, audited. */
async function target(ctx: Context, args: string): Promise<Reply[]> {
  const rows = await numberedIndicators(ctx);
  const [numberTyped, valueTyped, ...extra] = args.trim().split(/\s+/).filter(Boolean);
  if (!numberTyped) {
    if (rows.length === 0) return [say(ctx.t("targets.empty"))];
    const lines = rows.map((r, i) =>
      ctx.t("targets.line", {
        number: i + 1,
        fiche: r.ficheAction.code,
        label: r.label,
        target: targetText(ctx, r, r.target === null ? null : Number(r.target)),
      }),
    );
    return [say([ctx.t("targets.header"), ...lines].join("\n"))];
  }
  if (!/^\d+$/.test(numberTyped) || !valueTyped || extra.length > 0) return [say(ctx.t("targets.usage"))];
  const row = rows[Number(numberTyped) - 1];
  if (!row) return [say(ctx.t("targets.unknownNumber", { number: numberTyped }))];
  const value = NONE_WORDS.has(normaliseWord(valueTyped)) ? null : Number(valueTyped.replace(",", "."));
  if (value !== null && (!Number.isFinite(value) || value <= 0 || value > MAX_TARGET))
    return [say(ctx.t("targets.badValue", { typed: valueTyped }))];
  const old = row.target === null ? null : Number(row.target);
  await ctx.db.$transaction(async (tx) => {
    await tx.indicator.update({ where: { id: row.id }, data: { target: value } });
    await recordAudit(tx, {
      networkId: ctx.actor.networkId,
      actorMemberId: ctx.actor.memberId,
      action: "indicator.target",
      outcome: "allowed",
      details: { indicatorId: row.id, from: old, to: value, period: row.period },
      at: ctx.now,
    });
  });
  return [
    say(
      ctx.t("targets.changed", {
        label: row.label,
        fiche: row.ficheAction.code,
        old: targetText(ctx, row, old),
        target: targetText(ctx, row, value),
      }),
    ),
  ];
}

/** Network coordinators adjust an indicator's target from the chat; the plan's file import remains the way for bigger changes. */
export const targetsFeature: Feature = {
  commands: [
    {
      name: "target",
      words: "commands.target.words",
      summary: "commands.target.summary",
      audience: COORDINATORS,
      run: target,
    },
  ],
};
