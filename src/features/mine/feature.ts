import { normaliseWord } from "../../core/command-words.ts";
import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { LOCALES, type MessageKey, rawMessage } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import type { Role } from "../../core/roles.ts";
import { ACTIVITY_REPORTERS } from "../activities/feature.ts";
import { showMyFigures } from "../activities/figures.ts";
import { listMyActivities } from "../activities/mine.ts";
import { isMyRegistrationsWord } from "../events/feature.ts";
import { listMyRegistrations } from "../events/member.ts";
import { isMyAnimationsWord } from "../mois/feature.ts";
import { listMyAnimations } from "../mois/mine.ts";
import { isMyDataWord } from "../privacy/feature.ts";
import { sendMyData } from "../privacy/my-data.ts";
import { isMyProgressWord, PROGRESS_REPORTERS } from "../progress/feature.ts";
import { listMyProgress } from "../progress/mine.ts";

const words = (key: MessageKey) => new Set(LOCALES.flatMap((l) => rawMessage(l, key).split(",").map(normaliseWord)));
const ACTIVITIES_WORDS = words("commands.mine.activitiesWords");
const FIGURES_WORDS = words("commands.mine.figuresWords");

const holds = (ctx: Context, roles: readonly Role[]) => roles.some((r) => ctx.actor.roles.includes(r));

/**
 * `mes …`: commands match on their first word, so "mes" is one command that hands the next word to
 * the feature that owns it: `mes inscriptions` (everyone), `mes avancements` (progress reporters),
 * `mes activités` and `mes chiffres` (digital advisers), `mes données` (everyone); `activités` and `chiffres` alone say the same.
 */
function mineCommand(ctx: Context, args: string): Promise<Reply[]> {
  const input = ctx.inbound.input;
  const typed = normaliseWord(args || (input.kind === "text" ? (input.text.trim().split(/\s+/)[0] ?? "") : ""));
  if (isMyRegistrationsWord(typed)) return listMyRegistrations(ctx);
  if (isMyAnimationsWord(typed)) return listMyAnimations(ctx);
  if (isMyDataWord(typed)) return sendMyData(ctx);
  if (!holds(ctx, [...ACTIVITY_REPORTERS, ...PROGRESS_REPORTERS]))
    return Promise.resolve([say(ctx.t("events.mine.help"))]);
  if (isMyProgressWord(typed) && holds(ctx, PROGRESS_REPORTERS)) return listMyProgress(ctx);
  if (!holds(ctx, ACTIVITY_REPORTERS)) return Promise.resolve([say(ctx.t("progress.mineHelp"))]);
  if (ACTIVITIES_WORDS.has(typed)) return listMyActivities(ctx);
  if (FIGURES_WORDS.has(typed)) return showMyFigures(ctx);
  return Promise.resolve([say(ctx.t("activities.mineHelp"))]);
}

/** What is one's own, by the word after "mes"/"my". */
export const mineFeature: Feature = {
  commands: [
    {
      name: "mine",
      words: "commands.mine.words",
      summary: "commands.mine.summary",
      audience: "member",
      run: mineCommand,
    },
  ],
};
