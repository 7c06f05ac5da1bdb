import { pressId } from "../../core/actions.ts";
import { normaliseWord } from "../../core/command-words.ts";
import type { Context } from "../../core/context.ts";
import { type Reply, say } from "../../core/reply.ts";
import type { Db } from "../../db/database.ts";
import { recordAudit } from "../../services/audit/record.ts";
import { stopMember } from "../interns/leave/stop.ts";
import { PRIVACY } from "./actions.ts";
import { anonymiseMember } from "./anonymise.ts";

/** "mon compte", "compte", "my account": what must follow `supprimer` / `delete`. */
const ACCOUNT = /^(mon |my )?(compte|account)$/;

/** True when the member is the network's only active coordinator: the network would have nobody to run it. */
async function isLastCoordinator(db: Db, actor: Context["actor"]): Promise<boolean> {
  if (!actor.roles.includes("NETWORK_COORDINATOR")) return false;
  const others = await db.member.count({
    where: {
      networkId: actor.networkId,
      status: "ACTIVE",
      roles: { has: "NETWORK_COORDINATOR" },
      id: { not: actor.memberId },
    },
  });
  return others === 0;
}

/** `supprimer mon compte` / `delete my account`: says what goes and what stays, and asks to confirm. */
export async function askToDeleteAccount(ctx: Context, args: string): Promise<Reply[]> {
  if (!ACCOUNT.test(normaliseWord(args).replace(/\s+/g, " "))) return [say(ctx.t("privacy.delete.usage"))];
  if (await isLastCoordinator(ctx.db, ctx.actor)) return [say(ctx.t("privacy.delete.lastCoordinator"))];
  return [
    say(ctx.t("privacy.delete.confirm"), [
      { id: pressId(PRIVACY.confirmDelete), label: ctx.t("privacy.delete.buttons.delete"), style: "danger" },
      { id: pressId(PRIVACY.keepAccount), label: ctx.t("privacy.delete.buttons.cancel") },
    ]),
  ];
}

/**
 * Deletes a member's account. Someone who never finished onboarding has nothing that counts: their
 * row goes entirely. A member first stops the bot (their upcoming places go to whoever waits), then
 * is anonymised as the interns' purge does. The audit line names no one but the anonymous row.
 */
export async function deleteAccount(
  db: Db,
  actor: Context["actor"],
  input: { anonymousName: string; now: Date; platforms: Context["platforms"] },
): Promise<void> {
  if (actor.status === "ONBOARDING") {
    await deleteUnfinishedMember(db, actor.memberId);
    return;
  }
  await stopMember(db, {
    networkId: actor.networkId,
    memberId: actor.memberId,
    now: input.now,
    platforms: input.platforms,
  });
  await db.$transaction(async (tx) => {
    await anonymiseMember(tx, { id: actor.memberId, leftAt: input.now, anonymousName: input.anonymousName }, input.now);
    await recordAudit(tx, {
      networkId: actor.networkId,
      actorMemberId: actor.memberId,
      action: "member.deleted",
      outcome: "allowed",
      at: input.now,
    });
  });
}

/** Deletes someone who never became a member, with what was queued for them (their identities and conversations cascade). */
export async function deleteUnfinishedMember(db: Db, memberId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.outboundMessage.deleteMany({ where: { memberId } });
    await tx.member.delete({ where: { id: memberId } });
  });
}

/** The confirmed deletion (verb privacy.delete); the last coordinator is refused again, as things may have changed since the question. */
export async function confirmDeleteAccount(ctx: Context): Promise<Reply[]> {
  if (await isLastCoordinator(ctx.db, ctx.actor)) return [say(ctx.t("privacy.delete.lastCoordinator"))];
  await deleteAccount(ctx.db, ctx.actor, {
    anonymousName: ctx.t("privacy.delete.formerName"),
    now: ctx.now,
    platforms: ctx.platforms,
  });
  return [say(ctx.t("privacy.delete.done"))];
}
