import { afterQuietHours } from "../../calendar/reminders.ts";
import type { Platform } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";
import { enqueueMessages } from "../../delivery/outbox.ts";
import type { Notice } from "../../delivery/payload.ts";
import { findRecipients } from "../../delivery/recipients.ts";
import { recordAudit } from "../../services/audit/record.ts";

export type Decision = { kind: "approved" | "refused"; memberName: string; role: string } | { kind: "not-pending" };

/**
 * Approves or refuses a pending role request. The status change is conditional on PENDING, so two
 * coordinators pressing at once produce one decision, and the second is told it was already made.
 * The member is told, in their language, on the platform the bot reaches them on (same transaction).
 */
export async function decideRoleRequest(
  db: Db,
  input: {
    networkId: string;
    requestId: string;
    deciderId: string;
    deciderName: string;
    approve: boolean;
    reason?: string;
    now: Date;
    platforms: readonly Platform[];
  },
): Promise<Decision> {
  const requester = await db.roleRequest.findFirst({
    where: { id: input.requestId, networkId: input.networkId },
    select: { memberId: true },
  });
  const recipient = requester
    ? (await findRecipients(db, [requester.memberId], input.platforms)).get(requester.memberId)
    : undefined;
  return db.$transaction(async (tx) => {
    const changed = await tx.roleRequest.updateMany({
      where: { id: input.requestId, networkId: input.networkId, status: "PENDING" },
      data: {
        status: input.approve ? "APPROVED" : "REFUSED",
        decidedById: input.deciderId,
        decidedAt: input.now,
        reason: input.reason ?? null,
      },
    });
    if (changed.count !== 1) return { kind: "not-pending" } as const;
    const request = await tx.roleRequest.findUniqueOrThrow({
      where: { id: input.requestId },
      select: { role: true, member: { select: { id: true, displayName: true, roles: true } } },
    });
    if (input.approve && !request.member.roles.includes(request.role)) {
      await tx.member.update({ where: { id: request.member.id }, data: { roles: { push: request.role } } });
    }
    await recordAudit(tx, {
      networkId: input.networkId,
      actorMemberId: input.deciderId,
      action: input.approve ? "role.approve" : "role.refuse",
      outcome: "allowed",
      details: {
        requestId: input.requestId,
        memberId: request.member.id,
        role: request.role,
        ...(input.reason ? { reason: input.reason } : {}),
      },
      at: input.now,
    });
    if (recipient) {
      const params = {
        role: { phrase: `roles.singular.${request.role}` as const },
        decider: input.deciderName,
        ...(input.reason ? { reason: input.reason } : {}),
      };
      const key = input.approve
        ? "roleRequests.notify.approved"
        : input.reason
          ? "roleRequests.notify.refusedWithReason"
          : "roleRequests.notify.refused";
      const notice: Notice = { key, params };
      await enqueueMessages(tx, [
        {
          networkId: input.networkId,
          idempotencyKey: `role:${input.requestId}:decision`,
          platform: recipient.platform,
          target: { to: "member", id: recipient.externalId },
          memberId: recipient.memberId,
          category: "account",
          notBefore: afterQuietHours(input.now, { startMin: recipient.quietStartMin, endMin: recipient.quietEndMin }),
          payload: { kind: "notice", notice },
        },
      ]);
    }
    return {
      kind: input.approve ? "approved" : "refused",
      memberName: request.member.displayName,
      role: request.role,
    } as const;
  });
}
