import type { Prisma } from "@prisma/client";
import type { Audience } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import type { DbClient } from "../../db/database.ts";

export interface AuditEntry {
  networkId: string;
  actorMemberId: string | null;
  action: string;
  outcome: "allowed" | "denied" | "failed";
  details?: Prisma.InputJsonObject;
  /** When it happened, by the bot's clock (the one rules such as code expiry are checked against). */
  at: Date;
}

/** Writes one line to the network's audit log. */
export async function recordAudit(db: DbClient, entry: AuditEntry): Promise<void> {
  const { at, details, ...rest } = entry;
  await db.auditLog.create({ data: { ...rest, details: details ?? {}, createdAt: at } });
}

/** Records that a member tried something their roles do not allow. */
export async function recordDenial(ctx: Context, what: string, audience: Audience): Promise<void> {
  await recordAudit(ctx.db, {
    networkId: ctx.actor.networkId,
    actorMemberId: ctx.actor.memberId,
    action: what,
    outcome: "denied",
    details: {
      roles: ctx.actor.roles,
      requires: typeof audience === "string" ? audience : [...audience],
      platform: ctx.inbound.platform,
    },
    at: ctx.now,
  });
}
