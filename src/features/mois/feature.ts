import { on } from "../../core/actions.ts";
import { normaliseWord } from "../../core/command-words.ts";
import { type Audience, allows } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { LOCALES, type MessageKey, rawMessage } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import { eventTypeCounters } from "../indicators/counting.ts";
import type { FeatureModule } from "../module.ts";
import { MDN } from "./actions.ts";
import { MOIS_COUNTERS } from "./counters.ts";
import { listMyAnimations, showCounts } from "./mine.ts";
import { filterChoices, pressFilter, programmeCommand, showProgramme } from "./programme.ts";
import { proposalForm, saveProposal } from "./propose.ts";
import { listPending, pressApprove, pressDecline, submitDecline } from "./review.ts";
import { MOIS_PROPOSERS, MOIS_REVIEWERS } from "./schema.ts";

const words = (key: MessageKey) => new Set(LOCALES.flatMap((l) => rawMessage(l, key).split(",").map(normaliseWord)));
const PENDING_WORDS = words("mois.commands.pendingWords");
const COUNTS_WORDS = words("mois.commands.countsWords");
const MY_WORDS = words("mois.commands.myWords");

const holds = (ctx: Context, roles: Audience) => allows(roles, ctx.actor);
const argWords = (args: string) => args.trim().split(/\s+/).map(normaliseWord);

/** True for the word after "mes"/"my" that asks for one's organisation's animations ("mes animations"). */
export function isMyAnimationsWord(word: string): boolean {
  return MY_WORDS.has(normaliseWord(word));
}

/** `animations à valider` (coordinators), else the member's organisation's animations. */
function animationsCommand(ctx: Context, args: string): Promise<Reply[]> {
  const pending =
    argWords(args).some((w) => PENDING_WORDS.has(w)) || (args.trim() === "" && holds(ctx, MOIS_REVIEWERS));
  if (pending)
    return holds(ctx, MOIS_REVIEWERS) ? listPending(ctx) : Promise.resolve([say(ctx.t("mois.review.forbidden"))]);
  return listMyAnimations(ctx);
}

/** `animation` / `proposer une animation`: the proposal form for partners, advisers and coordinators. */
function proposeCommand(ctx: Context): Promise<Reply[]> {
  if (!holds(ctx, MOIS_PROPOSERS)) return Promise.resolve([say(ctx.t("mois.propose.forbidden"))]);
  return proposalForm(ctx);
}

/** `mois du numérique [bilan]`: the counts for coordinators, else the programme. */
function moisCommand(ctx: Context, args: string): Promise<Reply[]> {
  if (argWords(args).some((w) => COUNTS_WORDS.has(w)))
    return holds(ctx, MOIS_REVIEWERS) ? showCounts(ctx, args) : Promise.resolve([say(ctx.t("mois.review.forbidden"))]);
  return showProgramme(ctx);
}

/** The mois du numérique: partners propose animations, coordinators approve them, members browse the programme. */
export const moisFeature: FeatureModule = {
  commands: [
    {
      name: "moisPropose",
      words: "mois.commands.propose.words",
      summary: "mois.commands.propose.summary",
      audience: MOIS_PROPOSERS,
      run: (ctx) => proposeCommand(ctx),
    },
    {
      name: "moisAnimations",
      words: "mois.commands.animations.words",
      summary: "mois.commands.animations.summary",
      audience: "member",
      run: animationsCommand,
    },
    {
      name: "moisProgramme",
      words: "mois.commands.programme.words",
      summary: "mois.commands.programme.summary",
      audience: "member",
      run: programmeCommand,
    },
    {
      name: "mois",
      words: "mois.commands.mois.words",
      summary: "mois.commands.mois.summary",
      audience: "member",
      run: moisCommand,
    },
  ],
  actions: [
    on(MDN.programme, (ctx) => showProgramme(ctx)),
    on(MDN.theme, (ctx, [theme]) => pressFilter(ctx, "t", theme)),
    on(MDN.territory, (ctx, [id]) => pressFilter(ctx, "e", id)),
    on(MDN.week, (ctx, [week]) => pressFilter(ctx, "w", String(week))),
    on(MDN.filters, (ctx, [kind]) => filterChoices(ctx, kind)),
    on(MDN.mine, (ctx) => listMyAnimations(ctx)),
    on(MDN.propose, (ctx) => proposalForm(ctx)),
    on(MDN.pending, (ctx) => listPending(ctx)),
    on(MDN.approve, (ctx, [id]) => pressApprove(ctx, id)),
    on(MDN.decline, (ctx, [id]) => pressDecline(ctx, id)),
  ],
  forms: [
    { formId: "mdnnew", audience: MOIS_PROPOSERS, run: saveProposal },
    { formId: "mdnno", audience: MOIS_REVIEWERS, run: submitDecline },
  ],
  counters: eventTypeCounters(MOIS_COUNTERS),
};
