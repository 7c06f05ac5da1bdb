import { afterQuietHours } from "../../calendar/reminders.ts";
import { pressId } from "../../core/actions.ts";
import type { Platform } from "../../core/inbound.ts";
import type { Role } from "../../core/roles.ts";
import type { Tx } from "../../db/database.ts";
import { enqueueMessages } from "../../delivery/outbox.ts";
import type { Notice } from "../../delivery/payload.ts";
import { findRecipients } from "../../delivery/recipients.ts";
import { COORDINATORS, ROLE } from "./actions.ts";

/**
 * Files a member's role request and, in the same transaction, queues a notice with Approve / Refuse
 * to every network coordinator the bot reaches, in their language and outside their quiet hours.
 * Each coordinator's row has its own idempotency key, so a re-run sends nothing twice.
 */
export async function fileRoleRequest(
  tx: Tx,
  input: { networkId: string; memberId: string; role: Role; now: Date; platforms: readonly Platform[] },
): Promise<string> {
  const { networkId, memberId, role, now } = input;
  const request = await tx.roleRequest.create({
    data: { networkId, memberId, role },
    select: { id: true, member: { select: { displayName: true, organisation: { select: { name: true } } } } },
  });
  const coordinators = await tx.member.findMany({
    where: { networkId, status: "ACTIVE", roles: { hasSome: [...COORDINATORS] }, id: { not: memberId } },
    select: { id: true },
  });
  const recipients = await findRecipients(
    tx,
    coordinators.map((c) => c.id),
    input.platforms,
  );
  const notice: Notice = {
    key: "roleRequests.notify.newRequest",
    params: {
      name: request.member.displayName,
      role: { phrase: `roles.singular.${role}` },
      organisation: request.member.organisation?.name ?? "—",
    },
    choices: [
      { id: pressId(ROLE.approve, request.id), label: "roleRequests.approve", style: "primary" },
      { id: pressId(ROLE.refuse, request.id), label: "roleRequests.refuse", style: "danger" },
    ],
  };
  await enqueueMessages(
    tx,
    [...recipients.values()].map((r) => ({
      networkId,
      idempotencyKey: `role:${request.id}:ask:${r.memberId}`,
      platform: r.platform,
      target: { to: "member", id: r.externalId },
      memberId: r.memberId,
      category: "account",
      notBefore: afterQuietHours(now, { startMin: r.quietStartMin, endMin: r.quietEndMin }),
      payload: { kind: "notice", notice },
    })),
  );
  return request.id;
}
