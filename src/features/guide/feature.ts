import { on, pressId } from "../../core/actions.ts";
import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { type Choice, type Reply, say } from "../../core/reply.ts";
import { startQuestion } from "../interns/desk/ask.ts";
import { GUIDE } from "./actions.ts";
import { type Guide, type GuideSection, loadGuide, SHIPPED_LOCALES_DIR } from "./load.ts";

/** The section that says how to reach the mission accueil (`NN-mission-accueil.md`). */
export const GUIDE_CONTACT_SECTION = "mission-accueil";

const tocAction = pressId(GUIDE.contents);
const pageAction = (section: GuideSection, page: number) => pressId(GUIDE.page, section.id, page);

/** The contents: one button per section, in the guide's order, in the member's language. */
function contents(ctx: Context, guide: Guide, lead = ctx.t("commands.guide.intro")): Reply {
  return say(
    lead,
    guide[ctx.actor.locale].map((s) => ({ id: pageAction(s, 0), label: s.title })),
  );
}

/** One page of a section, with the way back to the contents, the next page and the question button. */
function page(ctx: Context, section: GuideSection, index: number): Reply {
  const choices: Choice[] = [];
  if (index > 0) choices.push({ id: pageAction(section, index - 1), label: ctx.t("commands.guide.previous") });
  if (index < section.pages.length - 1)
    choices.push({ id: pageAction(section, index + 1), label: ctx.t("commands.guide.next"), style: "primary" });
  choices.push({ id: tocAction, label: ctx.t("commands.guide.contents") });
  choices.push({ id: pressId(GUIDE.ask), label: ctx.t("commands.guide.ask") });
  const { text, entities } = section.pages[index]!;
  return { ...say(text, choices), ...(entities.length > 0 ? { entities } : {}) };
}

/** `guide.page:<section>:<page>`; a button from before the guide was edited finds the contents instead. */
function showPage(ctx: Context, guide: Guide, sectionId: string, index: number): Reply {
  const section = guide[ctx.actor.locale].find((s) => s.id === sectionId);
  if (!section || index >= section.pages.length) return contents(ctx, guide, ctx.t("commands.guide.stale"));
  return page(ctx, section, index);
}

/** The welcome guide for interns, browsable section by section with buttons. */
export function createGuideFeature(guide: Guide): Feature {
  return {
    commands: [
      {
        name: "guide",
        words: "commands.guide.words",
        summary: "commands.guide.summary",
        audience: "member",
        run: async (ctx) => [contents(ctx, guide)],
      },
    ],
    actions: [
      on(GUIDE.contents, async (ctx) => [contents(ctx, guide)]),
      on(GUIDE.page, async (ctx, [sectionId, index]) => [showPage(ctx, guide, sectionId, index)]),
      // The mission accueil's question form (src/features/interns/desk).
      on(GUIDE.ask, (ctx) => startQuestion(ctx)),
    ],
  };
}

/** The shipped guide, read once when the bot starts; a broken file stops the start with its name. */
export const guideFeature: Feature = createGuideFeature(loadGuide(SHIPPED_LOCALES_DIR));
