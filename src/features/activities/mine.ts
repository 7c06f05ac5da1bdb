import { parisDay } from "../../calendar/paris.ts";
import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { type Choice, type Reply, say } from "../../core/reply.ts";
import { editableReport, stillEditable } from "./access.ts";
import { ACT } from "./actions.ts";
import { latestReports, loadPlaces } from "./data.ts";
import { reportHeadline, viewOfReport } from "./describe.ts";
import { activityForm, draftOfReport, valuesOfDraft } from "./form.ts";
import { deleteActivity } from "./mutations.ts";

const LISTED = 10;

/** `mes activités`: the last ten reports, with Edit and Delete for those the member may still change. */
export async function listMyActivities(ctx: Context): Promise<Reply[]> {
  const { t, actor } = ctx;
  const reports = await latestReports(ctx.db, actor.memberId, LISTED);
  if (reports.length === 0) return [say(t("activities.list.empty"))];
  const lines = [t("activities.list.title", { count: reports.length })];
  const choices: Choice[] = [];
  reports.forEach((r, i) => {
    const n = i + 1;
    const editable = stillEditable(r, ctx.now);
    lines.push(
      t(editable ? "activities.list.line" : "activities.list.lineLocked", {
        n,
        summary: reportHeadline(t, actor.locale, viewOfReport(r)),
      }),
    );
    if (editable)
      choices.push(
        { id: pressId(ACT.edit, r.id), label: t("activities.buttons.edit", { n }) },
        { id: pressId(ACT.askDelete, r.id), label: t("activities.buttons.delete", { n }) },
      );
  });
  return [say(lines.join("\n"), choices)];
}

/** The form pre-filled with one of the member's reports; submitting it changes that report. */
export async function editActivity(ctx: Context, id: string): Promise<Reply[]> {
  const report = await editableReport(ctx, id);
  const places = await loadPlaces(ctx.db, ctx.actor.networkId);
  return [activityForm(ctx, places, valuesOfDraft(draftOfReport(report), parisDay(ctx.now)), report.id)];
}

/** Asks before deleting: a report deleted is gone from the figures. */
export async function askDeleteActivity(ctx: Context, id: string): Promise<Reply[]> {
  const { t, actor } = ctx;
  const report = await editableReport(ctx, id);
  return [
    say(t("activities.deleteAsk", { summary: reportHeadline(t, actor.locale, viewOfReport(report)) }), [
      { id: pressId(ACT.delete, report.id), label: t("activities.buttons.deleteYes"), style: "danger" },
      { id: pressId(ACT.keep), label: t("activities.buttons.keep") },
    ]),
  ];
}

export async function deleteMyActivity(ctx: Context, id: string): Promise<Reply[]> {
  const report = await editableReport(ctx, id);
  if (!(await deleteActivity(ctx.db, report.id, ctx.actor.memberId))) return [say(ctx.t("activities.errors.notFound"))];
  return [say(ctx.t("activities.deleted"))];
}
