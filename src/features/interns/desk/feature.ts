import { on } from "../../../core/actions.ts";
import { normaliseWord } from "../../../core/command-words.ts";
import type { Context } from "../../../core/context.ts";
import { LOCALES, rawMessage } from "../../../core/i18n.ts";
import type { Reply } from "../../../core/reply.ts";
import { kindCounters } from "../../indicators/counting.ts";
import type { FeatureModule } from "../../module.ts";
import { DESK } from "./actions.ts";
import { answerCommand, pressAnswer, submitAnswer } from "./answer.ts";
import { startQuestion, submitQuestion } from "./ask.ts";
import { DESK_COUNTERS } from "./counters.ts";
import { ASK_FORM, DESK_COORDINATORS } from "./schema.ts";
import { showDesk } from "./tracking.ts";

/** "accueil" after "mission": `mission accueil <question>` reads as one command. */
const AFTER_MISSION = new Set(
  LOCALES.flatMap((l) => rawMessage(l, "welcomeDesk.commands.afterMission").split(",").map(normaliseWord)),
);

/** `question <texte>`, `mission accueil <texte>`; with no text, the question form. */
async function askCommand(ctx: Context, args: string): Promise<Reply[]> {
  let text = args.trim();
  const first = text.split(/\s+/)[0] ?? "";
  if (AFTER_MISSION.has(normaliseWord(first))) text = text.slice(first.length).trim();
  return text === "" ? startQuestion(ctx) : submitQuestion(ctx, text);
}

/** The mission accueil: interns' questions, relayed to the coordinators, answered back, tracked. */
export const welcomeDeskFeature: FeatureModule = {
  commands: [
    {
      name: "welcome-ask",
      words: "welcomeDesk.commands.ask.words",
      summary: "welcomeDesk.commands.ask.summary",
      audience: "member",
      run: askCommand,
    },
    {
      name: "welcome-answer",
      words: "welcomeDesk.commands.answer.words",
      summary: "welcomeDesk.commands.answer.summary",
      audience: DESK_COORDINATORS,
      run: answerCommand,
    },
    {
      name: "welcome-desk",
      words: "welcomeDesk.commands.desk.words",
      summary: "welcomeDesk.commands.desk.summary",
      audience: DESK_COORDINATORS,
      run: showDesk,
    },
  ],
  actions: [on(DESK.ask, (ctx) => startQuestion(ctx)), on(DESK.answer, (ctx, [id]) => pressAnswer(ctx, id))],
  forms: [
    { formId: ASK_FORM, audience: "member", run: (ctx, values) => submitQuestion(ctx, values["question"]) },
    {
      formId: "wdans",
      audience: DESK_COORDINATORS,
      run: (ctx, values, [id = ""]) => submitAnswer(ctx, id, values["answer"]),
    },
  ],
  counters: kindCounters("INTERN_WELCOME", DESK_COUNTERS),
};
