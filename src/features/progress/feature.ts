import { on } from "../../core/actions.ts";
import { normaliseWord } from "../../core/command-words.ts";
import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { LOCALES, type MessageKey, rawMessage } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import { PRG, PROGRESS_REPORTERS } from "./actions.ts";
import { askDeleteProgress, deleteMyProgress, listMyProgress } from "./mine.ts";
import { quickProgress } from "./quick-entry.ts";
import { answerDraft, chooseFiche, pickedWithoutDraft, submitProgressForm } from "./steps.ts";

export { PROGRESS_REPORTERS } from "./actions.ts";

const words = (key: MessageKey) => new Set(LOCALES.flatMap((l) => rawMessage(l, key).split(",").map(normaliseWord)));
const LIST_WORDS = words("commands.progress.listWords");
const MY_WORDS = words("commands.progress.myWords");

/**
 * True for the word after "mes"/"my" that asks for one's progress updates ("mes avancements",
 * "my progress"); "mes" belongs to the activities' `mine` command, which may route it here.
 */
export function isMyProgressWord(word: string): boolean {
  return MY_WORDS.has(normaliseWord(word));
}

/** `avancement`: the fiche, then the form; `avancement liste`: one's own; `avancement <texte>`: a quick entry. */
function progressCommand(ctx: Context, args: string): Promise<Reply[]> {
  if (args.trim() === "") return chooseFiche(ctx);
  if (LIST_WORDS.has(normaliseWord(args))) return listMyProgress(ctx);
  return quickProgress(ctx, args);
}

/** A fiche or group button: without a draft (`-`), the blank form or the group; with one, that draft's answer. */
function pickedFiche(ctx: Context, target: string, step: "f" | "g", args: string[]): Promise<Reply[]> {
  return target === "-" ? pickedWithoutDraft(ctx, step, args) : answerDraft(ctx, step, target, args);
}

/** Progress on the plans' fiches-actions: the form, the quick entry, and one's own reports. */
export const progressFeature: Feature = {
  commands: [
    {
      name: "progress",
      words: "commands.progress.words",
      summary: "commands.progress.summary",
      audience: PROGRESS_REPORTERS,
      run: progressCommand,
    },
    {
      name: "myProgress",
      words: "commands.progress.mineWords",
      summary: "commands.progress.mineSummary",
      audience: PROGRESS_REPORTERS,
      run: (ctx) => listMyProgress(ctx),
    },
  ],
  actions: [
    on(PRG.askDelete, (ctx, [id]) => askDeleteProgress(ctx, id)),
    on(PRG.delete, (ctx, [id]) => deleteMyProgress(ctx, id)),
    on(PRG.keep, async (ctx) => [say(ctx.t("progress.kept"))]),
    on(PRG.fiche, (ctx, [target, ficheId]) => pickedFiche(ctx, target, "f", [ficheId])),
    on(PRG.group, (ctx, [target, planId, axis]) =>
      pickedFiche(ctx, target, "g", axis === undefined ? [planId] : [planId, String(axis)]),
    ),
    // A draft's buttons (steps.ts): its token, then the answer.
    on(PRG.day, (ctx, [token, iso]) => answerDraft(ctx, "day", token, [iso])),
    on(PRG.allFiches, (ctx, [token]) => answerDraft(ctx, "all", token, [])),
    on(PRG.value, (ctx, [token, indicatorId, value]) => answerDraft(ctx, "i", token, [indicatorId, value])),
    on(PRG.valueForm, (ctx, [token, indicatorId]) => answerDraft(ctx, "iv", token, [indicatorId])),
    on(PRG.noIndicator, (ctx, [token]) => answerDraft(ctx, "n", token, [])),
    on(PRG.confirm, (ctx, [token]) => answerDraft(ctx, "ok", token, [])),
    on(PRG.fix, (ctx, [token]) => answerDraft(ctx, "fix", token, [])),
    on(PRG.drop, (ctx, [token]) => answerDraft(ctx, "x", token, [])),
  ],
  forms: [{ formId: "progress", audience: PROGRESS_REPORTERS, run: submitProgressForm }],
};
