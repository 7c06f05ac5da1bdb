import { wordsOf } from "../../core/command-words.ts";
import { allows, type Command, type Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { type Reply, say } from "../../core/reply.ts";
import { pendingRoleRequests } from "./data.ts";

/** Lists the commands this member may use, in their language, with any role request still pending. */
async function help(ctx: Context, all: Command[]): Promise<Reply[]> {
  const lines = all
    .filter((c) => allows(c.audience, ctx.actor))
    .map((c) => ctx.t("help.line", { word: wordsOf(c, ctx.actor.locale)[0] ?? c.name, summary: ctx.t(c.summary) }));
  const pending = await pendingRoleRequests(ctx.db, ctx.actor.memberId);
  const intro =
    ctx.actor.status === "ACTIVE"
      ? ctx.t("help.intro", { name: ctx.actor.displayName })
      : ctx.t("help.introOnboarding");
  const text = [intro, ...lines];
  for (const p of pending) text.push(ctx.t("help.pendingRole", { role: ctx.t(`roles.singular.${p.role}`) }));
  return [say(text.join("\n"))];
}

/** `aide`: built over every command of the bot, so the list is always the real one. */
export function createHelpFeature(allCommands: () => Command[]): Feature {
  return {
    commands: [
      {
        name: "help",
        words: "commands.help.words",
        summary: "commands.help.summary",
        audience: "anyone",
        run: (ctx) => help(ctx, allCommands()),
      },
    ],
  };
}
