import { on } from "../../core/actions.ts";
import { normaliseWord } from "../../core/command-words.ts";
import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { LOCALES, type MessageKey, rawMessage } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import { ACT, ACTIVITY_REPORTERS } from "./actions.ts";
import { answerDraft, blankForm, chooseKind, quickEntry, sameAsLastTime } from "./drafts.ts";
import { askDeleteActivity, deleteMyActivity, editActivity } from "./mine.ts";
import { submitActivityForm } from "./save.ts";

export { ACTIVITY_REPORTERS } from "./actions.ts";

const REPORTERS = ACTIVITY_REPORTERS;

const words = (key: MessageKey) => new Set(LOCALES.flatMap((l) => rawMessage(l, key).split(",").map(normaliseWord)));
const SAME_WORDS = words("commands.activity.sameWords");

/** `activité`: the kind, then the form; `activité idem`: the last report again; `activité <texte>`: a quick entry. */
function activityCommand(ctx: Context, args: string): Promise<Reply[]> {
  if (args.trim() === "") return Promise.resolve(chooseKind(ctx));
  if (SAME_WORDS.has(normaliseWord(args))) return sameAsLastTime(ctx);
  return quickEntry(ctx, args);
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
  actions: [
    on(ACT.new, (ctx, [kind]) => blankForm(ctx, kind)),
    on(ACT.same, (ctx) => sameAsLastTime(ctx)),
    on(ACT.edit, (ctx, [id]) => editActivity(ctx, id)),
    on(ACT.askDelete, (ctx, [id]) => askDeleteActivity(ctx, id)),
    on(ACT.delete, (ctx, [id]) => deleteMyActivity(ctx, id)),
    on(ACT.keep, async (ctx) => [say(ctx.t("activities.kept"))]),
    // A draft's buttons (drafts.ts): its token, then the answer.
    on(ACT.reading, (ctx, [token, open, option]) => answerDraft(ctx, "amb", token, [String(open), String(option)])),
    on(ACT.kind, (ctx, [token, kind]) => answerDraft(ctx, "kind", token, [kind])),
    on(ACT.duration, (ctx, [token, minutes]) => answerDraft(ctx, "dur", token, [String(minutes)])),
    on(ACT.confirm, (ctx, [token]) => answerDraft(ctx, "ok", token, [])),
    on(ACT.fix, (ctx, [token]) => answerDraft(ctx, "fix", token, [])),
    on(ACT.drop, (ctx, [token]) => answerDraft(ctx, "x", token, [])),
  ],
  forms: [{ formId: "activity", audience: REPORTERS, run: submitActivityForm }],
};
