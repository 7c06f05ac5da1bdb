import { parisDay } from "../../calendar/paris.ts";
import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { type Reply, say } from "../../core/reply.ts";
import { editableReport } from "./access.ts";
import { ACT } from "./actions.ts";
import { loadPlaces, type NetworkPlaces } from "./data.ts";
import { type ReportView, reportHeadline } from "./describe.ts";
import { activityForm } from "./form.ts";
import { changeActivity, recordActivity } from "./mutations.ts";
import { problemsOf, type ReportValues, reportSchema, type ValidReport } from "./schema.ts";

export type Checked = { ok: true; report: ValidReport } | { ok: false; sentence: string };

/** Applies every rule of a report to `values`; a refusal names each wrong field, in the member's language. */
export function checkReport(ctx: Context, places: NetworkPlaces, values: ReportValues): Checked {
  const parsed = reportSchema({
    today: parisDay(ctx.now),
    organisationIds: new Set(places.organisations.map((o) => o.id)),
    communes: places.communes,
  }).safeParse(values);
  if (parsed.success) return { ok: true, report: parsed.data };
  return {
    ok: false,
    sentence: [ctx.t("activities.errors.intro"), ...problemsOf(parsed.error).map((p) => ctx.t(p.key, p.params))].join(
      "\n",
    ),
  };
}

/** A valid report as the member reads it back. */
export function viewOfValid(r: ValidReport, places: NetworkPlaces): ReportView {
  return {
    kind: r.kind,
    date: r.date,
    durationMin: r.durationMin,
    participants: r.participants,
    themes: r.themes as ReportView["themes"],
    ...(r.organisationId ? { siteName: places.organisations.find((o) => o.id === r.organisationId)?.name ?? "" } : {}),
  };
}

/** The confirmation of a stored report, with "same as last time" for the next one. */
export function savedReply(ctx: Context, r: ValidReport, places: NetworkPlaces): Reply {
  return say(ctx.t("activities.saved", { summary: reportHeadline(ctx.t, ctx.actor.locale, viewOfValid(r, places)) }), [
    { id: pressId(ACT.same), label: ctx.t("activities.buttons.same") },
  ]);
}

/** The activity form submitted: a new report, or (`activity:<id>`) the member's own report changed. */
export async function submitActivityForm(ctx: Context, values: ReportValues, [reportId]: string[]): Promise<Reply[]> {
  const { actor, db, t } = ctx;
  if (reportId) await editableReport(ctx, reportId);
  const places = await loadPlaces(db, actor.networkId);
  const checked = checkReport(ctx, places, values);
  if (!checked.ok) return [say(checked.sentence), activityForm(ctx, places, values, reportId)];
  if (reportId) {
    if (!(await changeActivity(db, reportId, actor.memberId, checked.report)))
      return [say(t("activities.errors.notFound"))];
    return [
      say(t("activities.changed", { summary: reportHeadline(t, actor.locale, viewOfValid(checked.report, places)) })),
    ];
  }
  await recordActivity(db, actor, checked.report);
  return [savedReply(ctx, checked.report, places)];
}
