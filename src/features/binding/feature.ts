import { Prisma } from "@prisma/client";
import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { type Reply, say } from "../../core/reply.ts";
import { recordAudit } from "../audit/record.ts";

/**
 * `rattacher`, typed by a network coordinator in a workspace, guild or group chat: newcomers there
 * belong to the coordinator's network from then on. A scope is bound to one network only.
 */
async function attach(ctx: Context): Promise<Reply[]> {
  const { db, actor, inbound, t } = ctx;
  if (inbound.conversation === "private") return [say(t("binding.onlyInGroup"))];
  const where = { platform_scopeId: { platform: inbound.platform, scopeId: inbound.scopeId } };
  const existing = await db.channelBinding.findUnique({ where, select: { networkId: true } });
  if (existing) return [say(t(existing.networkId === actor.networkId ? "binding.already" : "binding.otherNetwork"))];
  try {
    await db.channelBinding.create({ data: { networkId: actor.networkId, platform: inbound.platform, scopeId: inbound.scopeId } });
  } catch (error) {
    // Another coordinator attached it a moment ago.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return [say(t("binding.already"))];
    throw error;
  }
  await recordAudit(db, { networkId: actor.networkId, actorMemberId: actor.memberId, action: "channel.attach", outcome: "allowed", details: { platform: inbound.platform, scopeId: inbound.scopeId }, at: ctx.now });
  const network = await db.network.findUniqueOrThrow({ where: { id: actor.networkId }, select: { name: true } });
  return [{ text: t("binding.done", { network: network.name }), visibility: "public" }];
}

export const bindingFeature: Feature = {
  commands: [{ name: "attach", words: "commands.attach.words", summary: "commands.attach.summary", audience: ["NETWORK_COORDINATOR"], run: attach }],
};
