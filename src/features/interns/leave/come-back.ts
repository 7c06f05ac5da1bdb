import type { Context } from "../../../core/context.ts";
import { type Reply, say } from "../../../core/reply.ts";
import { recordAudit } from "../../../services/audit/record.ts";

/**
 * What a member who stopped the bot hears (the dispatcher's `answerLeftMember`): `start` (or the
 * "Revenir" button) makes them active again; anything else only says how to come back, so no
 * command runs for someone who asked the bot to leave them alone.
 */
export async function answerLeftMember(
  ctx: Context,
  command: string | undefined,
): Promise<{ replies: Reply[]; rejoined: boolean }> {
  const input = ctx.inbound.input;
  const wantsBack = command === "start" || (input.kind === "action" && input.actionId === "leave:back");
  if (!wantsBack)
    return {
      replies: [say(ctx.t("leave.left.hint"), [{ id: "leave:back", label: ctx.t("leave.buttons.back") }])],
      rejoined: false,
    };
  await ctx.db.$transaction(async (tx) => {
    await tx.member.update({ where: { id: ctx.actor.memberId }, data: { status: "ACTIVE", leftAt: null } });
    await recordAudit(tx, {
      networkId: ctx.actor.networkId,
      actorMemberId: ctx.actor.memberId,
      action: "member.returned",
      outcome: "allowed",
      at: ctx.now,
    });
  });
  return { replies: [say(ctx.t("leave.left.back", { name: ctx.actor.displayName }))], rejoined: true };
}
