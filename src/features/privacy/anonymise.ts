import type { Prisma } from "@prisma/client";

/** Who is anonymised, and the name their row keeps ("Ancien interne", "Ancien membre"). */
export interface Anonymised {
  id: string;
  leftAt: Date | null;
  anonymousName: string;
}

/**
 * Removes what identifies one member, keeping the anonymous rows that feed counts: the member row
 * stays (status LEFT, no platform account, a generic name) so their registrations, attendance,
 * activity and progress reports keep counting in the plan's indicators. Used by the interns' purge,
 * `supprimer mon compte` and the retention job; run it inside a transaction.
 */
export async function anonymiseMember(tx: Prisma.TransactionClient, member: Anonymised, now: Date): Promise<void> {
  const memberId = member.id;
  const identities = await tx.platformIdentity.findMany({
    where: { memberId },
    select: { id: true, platform: true, externalId: true },
  });
  const localUsers = identities.filter((i) => i.platform === "local").map((i) => i.externalId);
  // Whatever the bot queued or sent to them names their account (and may quote their question).
  await tx.outboundMessage.deleteMany({
    where: {
      OR: [
        { memberId },
        ...identities.map((i) => ({ platform: i.platform, targetKind: "member", targetId: i.externalId })),
      ],
    },
  });
  if (localUsers.length > 0) await tx.localInboxMessage.deleteMany({ where: { userId: { in: localUsers } } });
  // Conversations (forms half-way, drafts) go with their identity.
  await tx.conversation.deleteMany({ where: { identityId: { in: identities.map((i) => i.id) } } });
  await tx.platformIdentity.deleteMany({ where: { memberId } });
  await tx.linkCode.deleteMany({ where: { memberId } });
  await tx.roleRequest.deleteMany({ where: { memberId } });
  await tx.generatedFile.deleteMany({ where: { memberId } });
  // A broadcast never confirmed is only a draft of theirs.
  await tx.broadcast.deleteMany({ where: { senderMemberId: memberId, status: "DRAFT" } });
  // Registrations stay (participants and attendance count them); what they typed when registering goes.
  await tx.eventRegistration.updateMany({ where: { memberId }, data: { answers: {} } });
  // Reports keep counting; the free-text notes are theirs, not the indicators'.
  await tx.activityReport.updateMany({ where: { memberId, notes: { not: null } }, data: { notes: null } });
  // Requests keep counting for the mission accueil indicator, without who asked or what.
  await tx.welcomeRequest.updateMany({ where: { memberId }, data: { memberId: null, question: null, answer: null } });
  await tx.eventFeedback.updateMany({ where: { memberId }, data: { memberId: null } });
  await anonymiseAudit(tx, memberId);
  await tx.member.update({
    where: { id: memberId },
    data: {
      displayName: member.anonymousName,
      status: "LEFT",
      leftAt: member.leftAt ?? now,
      placementSite: null,
      arrivesOn: null,
      keepInTouch: false,
      mutedCategories: [],
    },
  });
}

/** True when the member has been anonymised already: LEFT with no platform account left. */
export const NOT_ANONYMISED: Prisma.MemberWhereInput = { NOT: { status: "LEFT", identities: { none: {} } } };

/**
 * Audit lines the member wrote keep their action (counts of what happened) but not their details
 * (a refused role's reason, a platform scope); lines about them written by others drop the reason.
 */
async function anonymiseAudit(tx: Prisma.TransactionClient, memberId: string): Promise<void> {
  await tx.auditLog.updateMany({ where: { actorMemberId: memberId }, data: { details: {} } });
  await tx.$executeRaw`update "AuditLog" set details = details - 'reason' where details->>'memberId' = ${memberId}`;
}
