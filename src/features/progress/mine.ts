import { addDays, compareDays, parisDay } from "../../calendar/paris.ts";
import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { AppError } from "../../core/errors.ts";
import { type Choice, type Reply, say } from "../../core/reply.ts";
import { findMemberName } from "../../services/directory/data.ts";
import { isUuid } from "../../shared/ids.ts";
import { EDITABLE_DAYS } from "../activities/catalogue.ts";
import { dayOfColumn, formatDay } from "../activities/days.ts";
import { PRG } from "./actions.ts";
import { findProgress, latestProgress, type StoredProgress } from "./data.ts";
import { additionText } from "./draft-reply.ts";
import { clip } from "./fiches.ts";
import { deleteProgress } from "./mutations.ts";

const LISTED = 10;
const TEXT_SHOWN = 80;

/** True while the author may still delete a report: what it reports is at most EDITABLE_DAYS old. */
function stillDeletable(report: Pick<StoredProgress, "date">, now: Date): boolean {
  return compareDays(dayOfColumn(report.date), addDays(parisDay(now), -EDITABLE_DAYS)) >= 0;
}

/** "lun. 23 nov. 2026 — CLS-TDC 1.1.2 — +18 Élus présents… — commission santé tenue…" */
function headline(ctx: Context, r: StoredProgress): string {
  const parts = [
    formatDay(dayOfColumn(r.date), ctx.actor.locale),
    `${r.ficheAction.axis.plan.code} ${r.ficheAction.code}`,
  ];
  if (r.indicator && r.value !== null) parts.push(additionText(ctx, Number(r.value), r.indicator.label));
  parts.push(ctx.t("progress.list.quoted", { text: clip(r.text, TEXT_SHOWN) }));
  return parts.join(" — ");
}

/** The member's own report, still deletable, or an AppError whose sentence says why not. */
async function deletableReport(ctx: Context, id: string): Promise<StoredProgress> {
  const report = isUuid(id) ? await findProgress(ctx.db, ctx.actor.networkId, id) : null;
  if (!report) throw new AppError("progress_not_found", "progress.errors.notFound");
  if (report.memberId !== ctx.actor.memberId) {
    const author = await findMemberName(ctx.db, report.memberId);
    throw new AppError("progress_not_yours", "progress.errors.notYours", { author: author?.displayName ?? "?" });
  }
  if (!stillDeletable(report, ctx.now)) {
    throw new AppError("progress_too_old", "progress.errors.tooOld", {
      date: formatDay(dayOfColumn(report.date), ctx.actor.locale),
      days: EDITABLE_DAYS,
    });
  }
  return report;
}

/** `mes avancements`: the last ten, with Delete on those of the last 30 days. */
export async function listMyProgress(ctx: Context): Promise<Reply[]> {
  const { t } = ctx;
  const reports = await latestProgress(ctx.db, ctx.actor.memberId, LISTED);
  if (reports.length === 0) return [say(t("progress.list.empty"))];
  const lines = [t("progress.list.title", { count: reports.length })];
  const choices: Choice[] = [];
  reports.forEach((r, i) => {
    const n = i + 1;
    const deletable = stillDeletable(r, ctx.now);
    lines.push(t(deletable ? "progress.list.line" : "progress.list.lineLocked", { n, summary: headline(ctx, r) }));
    if (deletable) choices.push({ id: pressId(PRG.askDelete, r.id), label: t("progress.buttons.delete", { n }) });
  });
  return [say(lines.join("\n"), choices)];
}

/** Asks before deleting: a deleted report no longer counts in the indicators. */
export async function askDeleteProgress(ctx: Context, id: string): Promise<Reply[]> {
  const report = await deletableReport(ctx, id);
  return [
    say(ctx.t("progress.deleteAsk", { summary: headline(ctx, report) }), [
      { id: pressId(PRG.delete, report.id), label: ctx.t("progress.buttons.deleteYes"), style: "danger" },
      { id: pressId(PRG.keep), label: ctx.t("progress.buttons.keep") },
    ]),
  ];
}

export async function deleteMyProgress(ctx: Context, id: string): Promise<Reply[]> {
  const report = await deletableReport(ctx, id);
  if (!(await deleteProgress(ctx.db, report.id, ctx.actor.memberId))) return [say(ctx.t("progress.errors.notFound"))];
  return [say(ctx.t("progress.deleted"))];
}
