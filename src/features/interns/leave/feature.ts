import { on } from "../../../core/actions.ts";
import type { Context } from "../../../core/context.ts";
import { type Reply, say } from "../../../core/reply.ts";
import type { FeatureModule } from "../../module.ts";
import { LEAVE } from "./actions.ts";
import { keepInTouchCommand, setKeepInTouch } from "./keep-in-touch.ts";
import { purgeExpiredInterns } from "./purge.ts";
import { queuePurgeNotices } from "./purge-notice.ts";
import { askToStop, confirmStop } from "./stop.ts";

/** "stop staying in touch" starts with the stop word but means the other thing. */
const ABOUT_KEEPING_IN_TOUCH = /\b(contact|touch)\b/i;

function stop(ctx: Context, args: string): Promise<Reply[]> {
  return ABOUT_KEEPING_IN_TOUCH.test(args) ? setKeepInTouch(ctx, false) : askToStop(ctx);
}

/** Leaving the bot, coming back, and staying in touch after the internship. */
export const leaveFeature: FeatureModule = {
  commands: [
    {
      name: "stop",
      words: "leave.commands.stop.words",
      summary: "leave.commands.stop.summary",
      audience: "member",
      run: stop,
    },
    {
      name: "keepInTouch",
      words: "leave.commands.keepInTouch.words",
      summary: "leave.commands.keepInTouch.summary",
      audience: "member",
      run: keepInTouchCommand,
    },
  ],
  actions: [
    on(LEAVE.confirmStop, (ctx) => confirmStop(ctx)),
    on(LEAVE.keepUsing, async (ctx) => [say(ctx.t("leave.stop.cancelled"))]),
    on(LEAVE.keepInTouch, (ctx) => setKeepInTouch(ctx, true)),
    on(LEAVE.noKeepInTouch, (ctx) => setKeepInTouch(ctx, false)),
    // Only a member who stopped needs it, and the dispatcher answers them first.
    on(LEAVE.back, async (ctx) => [say(ctx.t("leave.left.back", { name: ctx.actor.displayName }))]),
  ],
  jobs: [
    {
      name: "intern-purge-notices",
      schedule: "0 10 * * *",
      run: (ctx, now) => queuePurgeNotices(ctx.db, now, ctx.platforms),
    },
    { name: "purge-expired-interns", schedule: "37 3 * * *", run: (ctx, now) => purgeExpiredInterns(ctx.db, now) },
  ],
};

export { answerLeftMember } from "./come-back.ts";
