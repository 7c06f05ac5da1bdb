import { pressId } from "../../../core/actions.ts";
import type { Context } from "../../../core/context.ts";
import { AppError } from "../../../core/errors.ts";
import type { Platform } from "../../../core/inbound.ts";
import { type Reply, say } from "../../../core/reply.ts";
import type { Db } from "../../../db/database.ts";
import { recordAudit } from "../../../services/audit/record.ts";
import { cancelRegistration } from "../../events/registration.ts";
import { LEAVE } from "./actions.ts";
import { formatPurgeDay, internDates } from "./keep-in-touch.ts";

/** The member's places and waiting-list entries at events still to come. */
function upcomingRegistrations(db: Db, memberId: string, now: Date) {
  return db.eventRegistration.findMany({
    where: {
      memberId,
      status: { in: ["REGISTERED", "WAITLISTED"] },
      event: { status: "SCHEDULED", startsAt: { gt: now } },
    },
    select: { event: { select: { id: true, networkId: true, audienceRoles: true, audienceTerritoryIds: true } } },
  });
}

/** `arrêter` / `stop` / Telegram's /stop: says what stopping does, and asks to confirm. */
export async function askToStop(ctx: Context): Promise<Reply[]> {
  const registrations = (await upcomingRegistrations(ctx.db, ctx.actor.memberId, ctx.now)).length;
  return [
    say(ctx.t("leave.stop.confirm", { registrations }), [
      { id: pressId(LEAVE.confirmStop), label: ctx.t("leave.buttons.stop"), style: "danger" },
      { id: pressId(LEAVE.keepUsing), label: ctx.t("leave.buttons.cancel") },
    ]),
  ];
}

/**
 * Stops the bot for a member: each upcoming registration is cancelled through the events engine (a
 * freed place goes to the first member waiting), then the member is LEFT and whatever was queued
 * for them is withdrawn. Returns how many registrations were cancelled.
 */
export async function stopMember(
  db: Db,
  input: { networkId: string; memberId: string; now: Date; platforms: readonly Platform[] },
): Promise<number> {
  const { memberId, now } = input;
  let cancelled = 0;
  for (const { event } of await upcomingRegistrations(db, memberId, now)) {
    try {
      await cancelRegistration(db, { event, memberId, now, platforms: input.platforms });
      cancelled += 1;
    } catch (error) {
      // Cancelled meanwhile (another button, the event itself): nothing left to give up.
      if (!(error instanceof AppError)) throw error;
    }
  }
  await db.$transaction(async (tx) => {
    await tx.member.update({ where: { id: memberId }, data: { status: "LEFT", leftAt: now } });
    await tx.outboundMessage.updateMany({
      where: { memberId, status: "PENDING" },
      data: { status: "CANCELLED", lastError: "member stopped the bot" },
    });
    // A form or draft half-way through would greet them when they come back: drop it.
    await tx.conversation.deleteMany({ where: { identity: { memberId } } });
    await recordAudit(tx, {
      networkId: input.networkId,
      actorMemberId: memberId,
      action: "member.left",
      outcome: "allowed",
      details: { registrationsCancelled: cancelled },
      at: now,
    });
  });
  return cancelled;
}

/** The confirmed stop (verb leave.stop): done, and how to come back; an intern also learns when their data goes. */
export async function confirmStop(ctx: Context): Promise<Reply[]> {
  const registrations = await stopMember(ctx.db, {
    networkId: ctx.actor.networkId,
    memberId: ctx.actor.memberId,
    now: ctx.now,
    platforms: ctx.platforms,
  });
  const lines = [ctx.t("leave.stop.done", { registrations })];
  const intern = await internDates(ctx);
  if (intern)
    lines.push(
      intern.keepInTouch
        ? ctx.t("leave.stop.keptInTouch")
        : ctx.t("leave.stop.purgeDate", { date: formatPurgeDay(intern, ctx) }),
    );
  return [say(lines.join("\n\n"), [{ id: pressId(LEAVE.back), label: ctx.t("leave.buttons.back") }])];
}
