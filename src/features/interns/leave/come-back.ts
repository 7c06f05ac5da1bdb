import { pressId } from "../../../core/actions.ts";
import type { Context } from "../../../core/context.ts";
import { type Reply, say } from "../../../core/reply.ts";
import { recordAudit } from "../../../services/audit/record.ts";
import { LEAVE } from "./actions.ts";

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
  const back = pressId(LEAVE.back);
  // The button's earlier spelling may still be in a chat.
  const pressedBack = input.kind === "action" && (input.actionId === back || input.actionId === LEAVE.back.was);
  const wantsBack = command === "start" || pressedBack;
  if (!wantsBack)
    return {
      replies: [say(ctx.t("leave.left.hint"), [{ id: back, label: ctx.t("leave.buttons.back") }])],
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
