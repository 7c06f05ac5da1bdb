import type { Platform } from "../../core/inbound.ts";
import type { Role } from "../../core/roles.ts";
import type { Db } from "../../db/database.ts";
import { recordAudit } from "../../services/audit/record.ts";
import { fileRoleRequest } from "../members/request.ts";
import { endOnboarding } from "./conversation.ts";

/** The organisation the member said they work for, or none. */
export async function setMemberOrganisation(db: Db, memberId: string, organisationId: string | null): Promise<void> {
  await db.member.update({ where: { id: memberId }, data: { organisationId } });
}

/**
 * Makes the member active in their territory, files the role they asked for (the coordinators are
 * told), and ends the conversation, in one transaction.
 */
export async function completeOnboarding(
  db: Db,
  input: {
    networkId: string;
    memberId: string;
    identityId: string;
    territoryId: string | null;
    role: Role | undefined;
    at: Date;
    platforms: readonly Platform[];
  },
): Promise<void> {
  const { networkId, memberId, identityId, territoryId, role, at } = input;
  await db.$transaction(async (tx) => {
    await tx.member.update({ where: { id: memberId }, data: { territoryId, status: "ACTIVE" } });
    if (role) await fileRoleRequest(tx, { networkId, memberId, role, now: at, platforms: input.platforms });
    await endOnboarding(tx, identityId);
    await recordAudit(tx, {
      networkId,
      actorMemberId: memberId,
      action: "member.onboarded",
      outcome: "allowed",
      details: role ? { requestedRole: role } : {},
      at,
    });
  });
}
