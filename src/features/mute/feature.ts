import { on, pressId } from "../../core/actions.ts";
import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { type Reply, say } from "../../core/reply.ts";
import { MUTE } from "./actions.ts";
import { MUTABLE_CATEGORIES, type MutableCategory, mutedCategories, toggleMuted } from "./data.ts";

/** The categories, muted or not, with a button to switch each, and the reminder that urgent messages still come. */
function muteView(ctx: Context, muted: readonly string[], notice?: string): Reply {
  const { t } = ctx;
  const lines = [
    ...(notice ? [notice] : []),
    t("mute.title"),
    ...MUTABLE_CATEGORIES.map((c) =>
      t("mute.line", {
        category: t(`mute.categories.${c}`),
        state: t(muted.includes(c) ? "mute.muted" : "mute.received"),
      }),
    ),
    t("mute.urgentNote"),
  ];
  return say(
    lines.join("\n"),
    MUTABLE_CATEGORIES.map((c) => ({
      id: pressId(MUTE.toggle, c),
      label: t(muted.includes(c) ? "mute.unmute" : "mute.mute", { category: t(`mute.categories.${c}`) }),
    })),
  );
}

async function toggle(ctx: Context, category: MutableCategory): Promise<Reply[]> {
  const muted = await toggleMuted(ctx.db, ctx.actor.memberId, category);
  const name = ctx.t(`mute.categories.${category}`);
  return [
    muteView(ctx, muted, ctx.t(muted.includes(category) ? "mute.nowMuted" : "mute.nowReceived", { category: name })),
  ];
}

/** `sourdine`: members choose which non-urgent messages they no longer receive. */
export const muteFeature: Feature = {
  commands: [
    {
      name: "mute",
      words: "commands.mute.words",
      summary: "commands.mute.summary",
      audience: "member",
      run: async (ctx) => [muteView(ctx, await mutedCategories(ctx.db, ctx.actor.memberId))],
    },
  ],
  actions: [on(MUTE.toggle, (ctx, [category]) => toggle(ctx, category))],
};
