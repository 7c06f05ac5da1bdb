import { normaliseWord } from "../../core/command-words.ts";
import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { staleAction } from "../../core/errors.ts";
import { LOCALES, type MessageKey, rawMessage } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import type { Role } from "../../core/roles.ts";
import { askDeleteProgress, deleteMyProgress, listMyProgress } from "./mine.ts";
import { quickProgress } from "./quick-entry.ts";
import { answerDraft, chooseFiche, DRAFT_STEPS, pickedWithoutDraft, submitProgressForm } from "./steps.ts";

/** Who reports progress on fiches-actions: CLS coordinators, health committees, the network's coordinators. */
export const PROGRESS_REPORTERS: readonly Role[] = ["CLS_COORDINATOR", "HEALTH_COMMITTEE", "NETWORK_COORDINATOR"];

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

// Buttons: prg:f:-:<fiche> blank form, prg:g:-:<plan>[:<axis>] a group of fiches, prg:<step>:<token>[:…]
// a draft's buttons (steps.ts), prg:d:<id> delete?, prg:dd:<id> delete, prg:k keep.
function pressed(ctx: Context, [verb = "", id = "", ...rest]: string[]): Promise<Reply[]> {
  if (verb === "k") return Promise.resolve([say(ctx.t("progress.kept"))]);
  if (verb === "d") return askDeleteProgress(ctx, id);
  if (verb === "dd") return deleteMyProgress(ctx, id);
  if ((verb === "f" || verb === "g") && id === "-") return pickedWithoutDraft(ctx, verb, rest);
  if (DRAFT_STEPS.has(verb)) return answerDraft(ctx, verb, id, rest);
  return Promise.reject(staleAction());
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
  actions: [{ prefix: "prg", audience: PROGRESS_REPORTERS, run: pressed }],
  forms: [{ formId: "progress", audience: PROGRESS_REPORTERS, run: submitProgressForm }],
};
