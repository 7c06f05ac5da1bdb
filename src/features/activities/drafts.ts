import { parisDay } from "../../calendar/paris.ts";
import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { staleAction } from "../../core/errors.ts";
import { type Reply, say } from "../../core/reply.ts";
import { isoDay } from "../../shared/dates.ts";
import { ACT } from "./actions.ts";
import { ACTIVITY_KINDS, type ActivityKind, DURATIONS } from "./catalogue.ts";
import { knownPlaces, lastWrittenReport, loadPlaces, type NetworkPlaces } from "./data.ts";
import type { ActivityDraft } from "./draft.ts";
import { draftReply } from "./draft-reply.ts";
import { activityForm, draftOfReport, valuesOfDraft } from "./form.ts";
import { recordActivity } from "./mutations.ts";
import { dropDraft, loadDraft, type PendingDraft, saveDraft, startDraft } from "./pending.ts";
import { findPersonalData } from "./privacy.ts";
import { parseQuickEntry } from "./quick-entry.ts";
import { checkReport, savedReply } from "./save.ts";
import { PRIVACY_PROBLEMS } from "./schema.ts";

/** A place the parser did not give: the support site a place name implies, else the adviser's own structure. */
async function withDefaultPlace(ctx: Context, draft: ActivityDraft): Promise<ActivityDraft> {
  if (draft.place) return draft;
  if (draft.organisationId) return { ...draft, place: "SUPPORT_SITE" };
  if (draft.territoryId) return { ...draft, place: "OTHER_PLACE" };
  const member = await ctx.db.member.findUnique({
    where: { id: ctx.actor.memberId },
    select: { organisationId: true },
  });
  return member?.organisationId ? { ...draft, place: "SUPPORT_SITE", organisationId: member.organisationId } : draft;
}

/**
 * `activité <texte>`: the line becomes a draft shown for confirmation. A line that seems to name
 * a person (phone, e-mail, social-security number) is refused before anything is stored.
 */
export async function quickEntry(ctx: Context, text: string): Promise<Reply[]> {
  const { t, db, actor } = ctx;
  const personal = findPersonalData(text);
  if (personal) return [say([t("activities.errors.intro"), t(PRIVACY_PROBLEMS[personal])].join("\n"))];
  const places = await loadPlaces(db, actor.networkId);
  const result = parseQuickEntry(text, { today: parisDay(ctx.now), places: knownPlaces(places) });
  const draft = await withDefaultPlace(ctx, result.draft);
  const pending = await startDraft(db, actor.networkId, actor.identityId, {
    draft,
    ambiguities: result.ambiguities,
    unread: result.unread,
  });
  return [draftReply(ctx, pending, places)];
}

/** "Same as last time": the member's last report, dated today and without its notes, as a draft. */
export async function sameAsLastTime(ctx: Context): Promise<Reply[]> {
  const { db, actor, t } = ctx;
  const last = await lastWrittenReport(db, actor.memberId);
  if (!last) return [say(t("activities.errors.noLastReport"))];
  const { notes: _notes, ...draft } = { ...draftOfReport(last), date: isoDay(parisDay(ctx.now)) };
  const [places, pending] = await Promise.all([
    loadPlaces(db, actor.networkId),
    startDraft(db, actor.networkId, actor.identityId, { draft, ambiguities: [], unread: [] }),
  ]);
  return [draftReply(ctx, pending, places, t("activities.draft.sameIntro"))];
}

/** `activité` alone: the kind first, so that the form asks the fields of that kind first. */
export function chooseKind(ctx: Context): Reply[] {
  const { t } = ctx;
  return [
    say(t("activities.chooseKind"), [
      ...ACTIVITY_KINDS.map((kind) => ({ id: pressId(ACT.new, kind), label: t(`activities.catalogue.kinds.${kind}`) })),
      { id: pressId(ACT.same), label: t("activities.buttons.same") },
    ]),
  ];
}

/** The blank form for a kind, dated today. */
export async function blankForm(ctx: Context, kind: ActivityKind): Promise<Reply[]> {
  const places = await loadPlaces(ctx.db, ctx.actor.networkId);
  return [activityForm(ctx, places, { kind, date: isoDay(parisDay(ctx.now)) })];
}

type DraftStep = (ctx: Context, pending: PendingDraft, places: NetworkPlaces, args: string[]) => Promise<Reply[]>;

/** Merges an answer into the draft and shows it again. */
async function answered(
  ctx: Context,
  pending: PendingDraft,
  places: NetworkPlaces,
  next: PendingDraft,
): Promise<Reply[]> {
  await saveDraft(ctx.db, ctx.actor.networkId, ctx.actor.identityId, next);
  return [draftReply(ctx, next, places)];
}

const STEPS: Record<string, DraftStep> = {
  // act:amb:<token>:<open>:<option>: a reading of the first open ambiguity, while `open` were open
  // (a second press, once the next ambiguity is first, is stale rather than an answer to it).
  amb: async (ctx, pending, places, [open = "", option = ""]) => {
    const [ambiguity, ...rest] = pending.ambiguities;
    const chosen = Number(open) === pending.ambiguities.length ? ambiguity?.options[Number(option)] : undefined;
    if (!chosen) return [draftReply(ctx, pending, places, ctx.t("errors.staleAction"))];
    return answered(ctx, pending, places, {
      ...pending,
      draft: { ...pending.draft, ...chosen.value },
      ambiguities: rest,
    });
  },
  kind: async (ctx, pending, places, [kind = ""]) => {
    if (!(ACTIVITY_KINDS as readonly string[]).includes(kind))
      return [draftReply(ctx, pending, places, ctx.t("errors.staleAction"))];
    return answered(ctx, pending, places, { ...pending, draft: { ...pending.draft, kind: kind as ActivityKind } });
  },
  dur: async (ctx, pending, places, [minutes = ""]) => {
    const durationMin = Number(minutes);
    if (!(DURATIONS as readonly number[]).includes(durationMin))
      return [draftReply(ctx, pending, places, ctx.t("errors.staleAction"))];
    return answered(ctx, pending, places, { ...pending, draft: { ...pending.draft, durationMin } });
  },
  ok: async (ctx, pending, places) => {
    if (pending.ambiguities.length > 0) return [draftReply(ctx, pending, places)];
    const checked = checkReport(ctx, places, valuesOfDraft(pending.draft, parisDay(ctx.now)));
    if (!checked.ok) return [draftReply(ctx, pending, places)];
    // The checked report carries the ages as the rules read them (one bracket for an individual support).
    const id = await recordActivity(ctx.db, ctx.actor, checked.report, { draftToken: pending.token });
    return id ? [savedReply(ctx, checked.report, places)] : [say(ctx.t("activities.errors.draftGone"))];
  },
  fix: async (ctx, pending, places) => [activityForm(ctx, places, valuesOfDraft(pending.draft, parisDay(ctx.now)))],
  x: async (ctx) => {
    await dropDraft(ctx.db, ctx.actor.identityId);
    return [say(ctx.t("activities.draftDropped"))];
  },
};

/** A button of a draft (`act.kind:<token>:<kind>`…): its step, token and answer; a draft confirmed or replaced since is gone. */
export async function answerDraft(ctx: Context, step: string, token: string, args: string[]): Promise<Reply[]> {
  const run = STEPS[step];
  if (!run) throw staleAction();
  const pending = await loadDraft(ctx.db, ctx.actor.identityId, token);
  if (!pending) return [say(ctx.t("activities.errors.draftGone"))];
  return run(ctx, pending, await loadPlaces(ctx.db, ctx.actor.networkId), args);
}
