import { parisDay } from "../../calendar/paris.ts";
import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { staleAction } from "../../core/errors.ts";
import { type Reply, say } from "../../core/reply.ts";
import { isoDay } from "../../shared/dates.ts";
import { PRG } from "./actions.ts";
import { checkProgress } from "./check.ts";
import { draftReply } from "./draft-reply.ts";
import { attachable, type Fiche, loadFiches } from "./fiches.ts";
import { progressForm } from "./form.ts";
import { recordProgress } from "./mutations.ts";
import { dropDraft, loadDraft, type ProgressDraft, saveDraft } from "./pending.ts";
import { fichesOfGroup, MENU_MAX, pickerChoices } from "./picker.ts";
import { savedReply } from "./saved.ts";
import { type ProgressValues, readValue, VALUE_MAX } from "./schema.ts";

/** A draft's values as the form and the rules read them. */
function valuesOfDraft(draft: ProgressDraft): ProgressValues {
  const values: ProgressValues = { text: draft.text, date: draft.days[0] ?? "" };
  if (draft.indicatorId) values.indicator = draft.indicatorId;
  if (draft.indicatorId && draft.value !== undefined) values.value = String(draft.value);
  return values;
}

type Step = (ctx: Context, draft: ProgressDraft, fiches: Fiche[], args: string[]) => Promise<Reply[]>;

async function answered(ctx: Context, fiches: Fiche[], next: ProgressDraft): Promise<Reply[]> {
  await saveDraft(ctx.db, ctx.actor.networkId, ctx.actor.identityId, next);
  return [draftReply(ctx, next, fiches)];
}

const stale = (ctx: Context, draft: ProgressDraft, fiches: Fiche[]) => [
  draftReply(ctx, draft, fiches, ctx.t("errors.staleAction")),
];

// The buttons of a draft (draft-reply.ts), by step: `prg.day:<token>:<day>`…
const STEPS: Record<string, Step> = {
  day: async (ctx, draft, fiches, [iso = ""]) =>
    draft.days.includes(iso) ? answered(ctx, fiches, { ...draft, days: [iso] }) : stale(ctx, draft, fiches),
  f: async (ctx, draft, fiches, [ficheId = ""]) => {
    if (!fiches.some((f) => f.id === ficheId)) return stale(ctx, draft, fiches);
    const { indicatorId: _indicator, value: _value, unknownCode: _unknown, ...rest } = draft;
    return answered(ctx, fiches, { ...rest, ficheId, ficheChoices: [] });
  },
  g: async (ctx, draft, fiches, [planId = "", axis]) => {
    const group = fichesOfGroup(fiches, planId, axis);
    if (group.length === 0) return stale(ctx, draft, fiches);
    const drop = {
      id: pressId(PRG.drop, draft.token),
      label: ctx.t("progress.buttons.drop"),
      style: "danger" as const,
    };
    return [say(ctx.t("progress.draft.askFiche"), [...pickerChoices(ctx, group, draft.token, MENU_MAX - 1), drop])];
  },
  // "Another fiche": every fiche again, whether the line named one or none.
  all: async (ctx, draft, fiches) => {
    const { unknownCode: _unknown, ficheId: _fiche, indicatorId: _indicator, value: _value, ...rest } = draft;
    return answered(ctx, fiches, { ...rest, ficheChoices: [] });
  },
  i: async (ctx, draft, fiches, [indicatorId = "", typed = ""]) => {
    const fiche = fiches.find((f) => f.id === draft.ficheId);
    const value = readValue(typed);
    if (
      !fiche ||
      !attachable(fiche).some((i) => i.id === indicatorId) ||
      value === null ||
      value <= 0 ||
      value > VALUE_MAX
    )
      return stale(ctx, draft, fiches);
    return answered(ctx, fiches, { ...draft, indicatorId, value });
  },
  iv: async (ctx, draft, fiches, [indicatorId = ""]) => {
    const fiche = fiches.find((f) => f.id === draft.ficheId);
    if (!fiche || !attachable(fiche).some((i) => i.id === indicatorId)) return stale(ctx, draft, fiches);
    return [progressForm(ctx, fiche, { ...valuesOfDraft(draft), indicator: indicatorId })];
  },
  n: async (ctx, draft, fiches) => {
    const { value: _value, ...rest } = draft;
    return answered(ctx, fiches, { ...rest, indicatorId: null });
  },
  ok: async (ctx, draft, fiches) => {
    const fiche = fiches.find((f) => f.id === draft.ficheId);
    if (!fiche || draft.days.length !== 1) return [draftReply(ctx, draft, fiches)];
    const checked = checkProgress(ctx, fiche, valuesOfDraft(draft));
    if (!checked.ok) return [say(checked.sentence), progressForm(ctx, fiche, valuesOfDraft(draft))];
    const id = await recordProgress(ctx.db, ctx.actor, fiche.id, checked.report, draft.token);
    return id ? [await savedReply(ctx, fiche, checked.report)] : [say(ctx.t("progress.errors.draftGone"))];
  },
  fix: async (ctx, draft, fiches) => {
    const fiche = fiches.find((f) => f.id === draft.ficheId);
    return fiche ? [progressForm(ctx, fiche, valuesOfDraft(draft))] : [draftReply(ctx, draft, fiches)];
  },
  x: async (ctx) => {
    await dropDraft(ctx.db, ctx.actor.identityId);
    return [say(ctx.t("progress.draftDropped"))];
  },
};

/** A button of a draft; a draft saved, dropped or replaced since is gone. */
export async function answerDraft(ctx: Context, step: string, token: string, args: string[]): Promise<Reply[]> {
  const run = STEPS[step];
  if (!run) throw staleAction();
  const draft = await loadDraft(ctx.db, ctx.actor.identityId, token);
  if (!draft) return [say(ctx.t("progress.errors.draftGone"))];
  return run(ctx, draft, await loadFiches(ctx.db, ctx.actor.networkId), args);
}

/** `avancement` alone: the fiches (or their plans, when too many) as buttons. */
export async function chooseFiche(ctx: Context): Promise<Reply[]> {
  const fiches = await loadFiches(ctx.db, ctx.actor.networkId);
  if (fiches.length === 0) return [say(ctx.t("progress.errors.noFiches"))];
  return [say(ctx.t("progress.chooseFiche"), pickerChoices(ctx, fiches, "-"))];
}

/** A fiche button without a draft: a group opens, a fiche opens the blank form dated today. */
export async function pickedWithoutDraft(ctx: Context, step: string, args: string[]): Promise<Reply[]> {
  const fiches = await loadFiches(ctx.db, ctx.actor.networkId);
  if (step === "g") {
    const group = fichesOfGroup(fiches, args[0] ?? "", args[1]);
    return group.length > 0
      ? [say(ctx.t("progress.chooseFiche"), pickerChoices(ctx, group, "-"))]
      : [say(ctx.t("errors.staleAction"))];
  }
  const fiche = fiches.find((f) => f.id === args[0]);
  if (!fiche) throw staleAction();
  return [progressForm(ctx, fiche, { date: isoDay(parisDay(ctx.now)) })];
}

/** The progress form submitted (`progress:<ficheId>`): a new report, or the form again with what is wrong. */
export async function submitProgressForm(
  ctx: Context,
  values: ProgressValues,
  [ficheId = ""]: string[],
): Promise<Reply[]> {
  const fiches = await loadFiches(ctx.db, ctx.actor.networkId);
  const fiche = fiches.find((f) => f.id === ficheId);
  if (!fiche) throw staleAction();
  const checked = checkProgress(ctx, fiche, values);
  if (!checked.ok) return [say(checked.sentence), progressForm(ctx, fiche, values)];
  await recordProgress(ctx.db, ctx.actor, fiche.id, checked.report);
  return [await savedReply(ctx, fiche, checked.report)];
}
