import type { Prisma } from "@prisma/client";
import type { Logger } from "pino";
import { parisDay } from "../../../calendar/paris.ts";
import { createTranslator } from "../../../core/i18n.ts";
import type { Db } from "../../../db/database.ts";
import { isPurgeDue, ONLY_INTERN, purgeDayOnOrBefore } from "./purge-date.ts";

const BATCH = 200;

/** What one run of the purge did. */
export interface PurgeResult {
  purged: number;
}

/**
 * A purged intern keeps an anonymous member row (status LEFT, no platform account): their event
 * registrations and attendance cascade on a deleted member, and the indicators count those rows.
 * "Already purged" is exactly that: LEFT with no account left.
 */
const NOT_PURGED: Prisma.MemberWhereInput = { NOT: { status: "LEFT", identities: { none: {} } } };

/**
 * Daily: deletes the personal data of interns whose semester ended three months ago and who did
 * not choose to stay in touch. Idempotent (a purged intern is not selected again), in batches, one
 * transaction per intern. Returns the count, which the scheduler logs.
 */
export async function purgeExpiredInterns(db: Db, now: Date, log?: Logger): Promise<PurgeResult> {
  const today = parisDay(now);
  let purged = 0;
  let cursor: string | undefined;
  for (;;) {
    const interns = await db.member.findMany({
      where: { ...ONLY_INTERN, keepInTouch: false, ...NOT_PURGED, AND: [purgeDayOnOrBefore(today)] },
      select: { id: true, locale: true, leftAt: true, arrivesOn: true, createdAt: true, cohort: { select: { arrivesOn: true } } },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (interns.length === 0) break;
    cursor = interns.at(-1)!.id;
    for (const intern of interns.filter((i) => isPurgeDue(i, today))) {
      await db.$transaction((tx) => purgeIntern(tx, intern, now));
      purged += 1;
    }
    if (interns.length < BATCH) break;
  }
  log?.info({ purged }, "expired interns purged");
  return { purged };
}

/** Removes what identifies one intern, keeping the anonymous rows that feed counts. */
async function purgeIntern(tx: Prisma.TransactionClient, intern: { id: string; locale: "fr" | "en"; leftAt: Date | null }, now: Date): Promise<void> {
  const memberId = intern.id;
  const identities = await tx.platformIdentity.findMany({ where: { memberId }, select: { id: true, platform: true, externalId: true } });
  const localUsers = identities.filter((i) => i.platform === "local").map((i) => i.externalId);
  // Whatever the bot queued or sent to them names their account (and may quote their question).
  await tx.outboundMessage.deleteMany({
    where: { OR: [{ memberId }, ...identities.map((i) => ({ platform: i.platform, targetKind: "member", targetId: i.externalId }))] },
  });
  if (localUsers.length > 0) await tx.localInboxMessage.deleteMany({ where: { userId: { in: localUsers } } });
  // Conversations (forms half-way, drafts) go with their identity.
  await tx.conversation.deleteMany({ where: { identityId: { in: identities.map((i) => i.id) } } });
  await tx.platformIdentity.deleteMany({ where: { memberId } });
  await tx.linkCode.deleteMany({ where: { memberId } });
  await tx.roleRequest.deleteMany({ where: { memberId } });
  await tx.generatedFile.deleteMany({ where: { memberId } });
  // Registrations stay (participants and attendance count them); what they typed when registering goes.
  await tx.eventRegistration.updateMany({ where: { memberId }, data: { answers: {} } });
  // Requests keep counting for the mission accueil indicator, without who asked or what.
  await tx.welcomeRequest.updateMany({ where: { memberId }, data: { memberId: null, question: null, answer: null } });
  await tx.eventFeedback.updateMany({ where: { memberId }, data: { memberId: null } });
  await anonymiseAudit(tx, memberId);
  await tx.member.update({
    where: { id: memberId },
    data: {
      displayName: createTranslator(intern.locale)("leave.purgedName"),
      status: "LEFT",
      leftAt: intern.leftAt ?? now,
      placementSite: null,
      arrivesOn: null,
      mutedCategories: [],
    },
  });
}

/**
 * Audit lines the intern wrote keep their action (counts of what happened) but not their details
 * (a refused role's reason, a platform scope); lines about them written by others drop the reason.
 */
async function anonymiseAudit(tx: Prisma.TransactionClient, memberId: string): Promise<void> {
  await tx.auditLog.updateMany({ where: { actorMemberId: memberId }, data: { details: {} } });
  await tx.$executeRaw`update "AuditLog" set details = details - 'reason' where details->>'memberId' = ${memberId}`;
}
