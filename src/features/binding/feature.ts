import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { type Reply, say } from "../../core/reply.ts";
import { recordAudit } from "../../services/audit/record.ts";
import { networkName } from "../../services/directory/data.ts";
import { findScopeBinding } from "./data.ts";
import { bindScope } from "./mutations.ts";

/**
 * `rattacher`, typed by a network coordinator in a workspace, guild or group chat: newcomers there
 * belong to the coordinator's network from then on. A scope is bound to one network only.
 */
async function attach(ctx: Context): Promise<Reply[]> {
  const { db, actor, inbound, t } = ctx;
  if (inbound.conversation === "private") return [say(t("binding.onlyInGroup"))];
  const existing = await findScopeBinding(db, inbound.platform, inbound.scopeId);
  if (existing) return [say(t(existing.networkId === actor.networkId ? "binding.already" : "binding.otherNetwork"))];
  // False: another coordinator attached it a moment ago.
  if (!(await bindScope(db, actor.networkId, inbound.platform, inbound.scopeId))) return [say(t("binding.already"))];
  await recordAudit(db, {
    networkId: actor.networkId,
    actorMemberId: actor.memberId,
    action: "channel.attach",
    outcome: "allowed",
    details: { platform: inbound.platform, scopeId: inbound.scopeId },
    at: ctx.now,
  });
  return [{ text: t("binding.done", { network: await networkName(db, actor.networkId) }), visibility: "public" }];
}

export const bindingFeature: Feature = {
  commands: [
    {
      name: "attach",
      words: "commands.attach.words",
      summary: "commands.attach.summary",
      audience: ["NETWORK_COORDINATOR"],
      run: attach,
    },
  ],
};
