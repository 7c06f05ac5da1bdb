import { normaliseWord } from "../../core/command-words.ts";
import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { LOCALES, type MessageKey, rawMessage } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import type { Role } from "../../core/roles.ts";
import { answerDraft, blankForm, chooseKind, DRAFT_STEPS, quickEntry, sameAsLastTime } from "./drafts.ts";
import { showMyFigures } from "./figures.ts";
import { askDeleteActivity, deleteMyActivity, editActivity, listMyActivities } from "./mine.ts";
import { submitActivityForm } from "./save.ts";
import { isMyProgressWord, PROGRESS_REPORTERS } from "../progress/feature.ts";
import { listMyProgress } from "../progress/mine.ts";

const REPORTERS: readonly Role[] = ["DIGITAL_ADVISER"];

const words = (key: MessageKey) => new Set(LOCALES.flatMap((l) => rawMessage(l, key).split(",").map(normaliseWord)));
const SAME_WORDS = words("commands.activity.sameWords");
const LIST_WORDS = words("commands.mine.activitiesWords");
const FIGURES_WORDS = words("commands.mine.figuresWords");

/** `activité`: the kind, then the form; `activité idem`: the last report again; `activité <texte>`: a quick entry. */
function activityCommand(ctx: Context, args: string): Promise<Reply[]> {
  if (args.trim() === "") return Promise.resolve(chooseKind(ctx));
  if (SAME_WORDS.has(normaliseWord(args))) return sameAsLastTime(ctx);
  return quickEntry(ctx, args);
}

const holds = (ctx: Context, roles: readonly Role[]) => roles.some((r) => ctx.actor.roles.includes(r));

/** `mes activités`, `mes chiffres` (advisers), `mes avancements` (progress reporters); `activités` and `chiffres` alone say the same. */
function mineCommand(ctx: Context, args: string): Promise<Reply[]> {
  const input = ctx.inbound.input;
  const typed = normaliseWord(args || (input.kind === "text" ? (input.text.trim().split(/\s+/)[0] ?? "") : ""));
  if (isMyProgressWord(typed) && holds(ctx, PROGRESS_REPORTERS)) return listMyProgress(ctx);
  if (!holds(ctx, REPORTERS)) return Promise.resolve([say(ctx.t("progress.mineHelp"))]);
  if (LIST_WORDS.has(typed)) return listMyActivities(ctx);
  if (FIGURES_WORDS.has(typed)) return showMyFigures(ctx);
  return Promise.resolve([say(ctx.t("activities.mineHelp"))]);
}

// Buttons: act:new:<kind> blank form, act:same duplicate, act:<step>:<token>[:answer] a draft's
// buttons (drafts.ts), act:e:<id> edit, act:d:<id> delete?, act:dd:<id> delete, act:k keep.
const REPORT_BUTTONS = new Map<string, (ctx: Context, id: string) => Promise<Reply[]>>([
  ["new", blankForm],
  ["e", editActivity],
  ["d", askDeleteActivity],
  ["dd", deleteMyActivity],
]);

function pressed(ctx: Context, [verb = "", id = "", ...rest]: string[]): Promise<Reply[]> {
  if (verb === "same") return sameAsLastTime(ctx);
  if (verb === "k") return Promise.resolve([say(ctx.t("activities.kept"))]);
  if (DRAFT_STEPS.has(verb)) return answerDraft(ctx, verb, id, rest);
  return REPORT_BUTTONS.get(verb)?.(ctx, id) ?? Promise.resolve([say(ctx.t("errors.staleAction"))]);
}

/** Activity reports of digital advisers: the form, the quick entry, "same as last time", their list and their figures. */
export const activitiesFeature: Feature = {
  commands: [
    { name: "activity", words: "commands.activity.words", summary: "commands.activity.summary", audience: REPORTERS, run: activityCommand },
    // "mes" is one command word: progress reporters' "mes avancements" is routed from here.
    { name: "mine", words: "commands.mine.words", summary: "commands.mine.summary", audience: [...REPORTERS, ...PROGRESS_REPORTERS], run: mineCommand },
  ],
  actions: [{ prefix: "act", audience: REPORTERS, run: pressed }],
  forms: [{ formId: "activity", audience: REPORTERS, run: submitActivityForm }],
};
