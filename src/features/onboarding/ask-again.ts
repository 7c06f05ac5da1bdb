import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { type Reply, say } from "../../core/reply.ts";
import { ROLES, type Role } from "../../core/roles.ts";
import { recordAudit } from "../../services/audit/record.ts";
import { fileRoleRequest } from "../members/request.ts";
import { ONB } from "./actions.ts";

/** The role of the member's latest request when it was refused and none waits since; else undefined. */
async function refusedRole(ctx: Context): Promise<Role | undefined> {
  const latest = await ctx.db.roleRequest.findFirst({
    where: { memberId: ctx.actor.memberId },
    orderBy: { createdAt: "desc" },
    select: { role: true, status: true },
  });
  return latest?.status === "REFUSED" ? latest.role : undefined;
}

/** For an active member typing `démarrer`: after a refused role request, the roles to ask for again; else undefined. */
export async function offerToAskAgain(ctx: Context): Promise<Reply[] | undefined> {
  const role = await refusedRole(ctx);
  if (!role) return undefined;
  const { t } = ctx;
  const open = ROLES.filter((r) => !ctx.actor.roles.includes(r));
  return [
    say(
      t("onboarding.askAgain", { name: ctx.actor.displayName, role: t(`roles.singular.${role}`) }),
      open.map((r) => ({ id: pressId(ONB.askAgain, r), label: t(`roles.singular.${r}`) })),
    ),
  ];
}

/** Files the new request and tells the coordinators, unless one already waits or the member holds the role. */
export async function askAgain(ctx: Context, role: Role): Promise<Reply[]> {
  const { actor, t } = ctx;
  if (actor.roles.includes(role)) return [say(t("onboarding.alreadyDone", { name: actor.displayName }))];
  const filed = await ctx.db.$transaction(async (tx) => {
    const waiting = await tx.roleRequest.count({ where: { memberId: actor.memberId, status: "PENDING" } });
    if (waiting > 0) return false;
    await fileRoleRequest(tx, {
      networkId: actor.networkId,
      memberId: actor.memberId,
      role,
      now: ctx.now,
      platforms: ctx.platforms,
    });
    await recordAudit(tx, {
      networkId: actor.networkId,
      actorMemberId: actor.memberId,
      action: "role.request",
      outcome: "allowed",
      details: { role },
      at: ctx.now,
    });
    return true;
  });
  if (!filed) return [say(t("onboarding.requestPending"))];
  return [say(t("onboarding.requestSent", { role: t(`roles.singular.${role}`) }))];
}
