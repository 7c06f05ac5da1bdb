import { normaliseWord } from "../../core/command-words.ts";
import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { staleAction } from "../../core/errors.ts";
import { LOCALES, type MessageKey, rawMessage } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import type { Role } from "../../core/roles.ts";
import { answerDraft, blankForm, chooseKind, DRAFT_STEPS, quickEntry, sameAsLastTime } from "./drafts.ts";
import { askDeleteActivity, deleteMyActivity, editActivity } from "./mine.ts";
import { submitActivityForm } from "./save.ts";

/** Who reports support activities. */
export const ACTIVITY_REPORTERS: readonly Role[] = ["DIGITAL_ADVISER"];
const REPORTERS = ACTIVITY_REPORTERS;

const words = (key: MessageKey) => new Set(LOCALES.flatMap((l) => rawMessage(l, key).split(",").map(normaliseWord)));
const SAME_WORDS = words("commands.activity.sameWords");

/** `activité`: the kind, then the form; `activité idem`: the last report again; `activité <texte>`: a quick entry. */
function activityCommand(ctx: Context, args: string): Promise<Reply[]> {
  if (args.trim() === "") return Promise.resolve(chooseKind(ctx));
  if (SAME_WORDS.has(normaliseWord(args))) return sameAsLastTime(ctx);
  return quickEntry(ctx, args);
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
  return REPORT_BUTTONS.get(verb)?.(ctx, id) ?? Promise.reject(staleAction());
}

/** Activity reports of digital advisers: the form, the quick entry, "same as last time", edit and delete (their list and figures: src/features/mine). */
export const activitiesFeature: Feature = {
  commands: [
    {
      name: "activity",
      words: "commands.activity.words",
      summary: "commands.activity.summary",
      audience: REPORTERS,
      run: activityCommand,
    },
  ],
  actions: [{ prefix: "act", audience: REPORTERS, run: pressed }],
  forms: [{ formId: "activity", audience: REPORTERS, run: submitActivityForm }],
};
