import type { Prisma } from "@prisma/client";
import type { Logger } from "pino";
import { addDays, parisDay, parisInstant } from "../../calendar/paris.ts";
import { afterQuietHours } from "../../calendar/reminders.ts";
import { createTranslator } from "../../core/i18n.ts";
import type { Platform } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";
import { enqueueMessages } from "../../delivery/outbox.ts";
import { findRecipients } from "../../delivery/recipients.ts";
import { anonymiseMember, NOT_ANONYMISED } from "./anonymise.ts";
import { deleteUnfinishedMember } from "./delete-account.ts";
import { daysBefore, type RetentionDays, retentionOf } from "./retention.ts";

const BATCH = 200;

/** What one run removed or anonymised, summed over networks (the scheduler logs it; no names). */
export interface RetentionResult {
  unfinishedDeleted: number;
  silentWarned: number;
  silentAnonymised: number;
  leftAnonymised: number;
  auditDetailsCleared: number;
  linkCodes: number;
  invitations: number;
  files: number;
  sentMessages: number;
}

/**
 * Daily: applies each network's retention periods (its overrides over the defaults) to every kind
 * of row that names someone. Idempotent: what it anonymised or deleted is not selected again.
 */
export async function applyRetention(
  db: Db,
  now: Date,
  platforms: readonly Platform[],
  log?: Logger,
): Promise<RetentionResult> {
  const total: RetentionResult = {
    unfinishedDeleted: 0,
    silentWarned: 0,
    silentAnonymised: 0,
    leftAnonymised: 0,
    auditDetailsCleared: 0,
    linkCodes: 0,
    invitations: 0,
    files: 0,
    sentMessages: 0,
  };
  for (const network of await db.network.findMany({ select: { id: true, retentionDays: true } })) {
    const days = retentionOf(network.retentionDays);
    const one = await applyToNetwork(db, network.id, days, now, platforms);
    for (const key of Object.keys(total) as (keyof RetentionResult)[]) total[key] += one[key];
  }
  log?.info(total, "retention applied");
  return total;
}

async function applyToNetwork(
  db: Db,
  networkId: string,
  days: RetentionDays,
  now: Date,
  platforms: readonly Platform[],
): Promise<RetentionResult> {
  const unfinished = await db.member.findMany({
    where: { networkId, status: "ONBOARDING", ...silentSince(daysBefore(now, days.unfinishedOnboarding)) },
    select: { id: true },
  });
  for (const { id } of unfinished) await deleteUnfinishedMember(db, id);

  const silentWarned = await warnSilentMembers(db, networkId, days, now, platforms);
  const silent = silentSince(daysBefore(now, days.silentMember));
  // Silent coordinators stay when no other coordinator still writes: a network is never left without one.
  const talkingCoordinators = await db.member.count({
    where: { networkId, status: "ACTIVE", roles: { has: "NETWORK_COORDINATOR" }, NOT: silent },
  });
  const coordinators =
    talkingCoordinators === 0
      ? await db.member.findMany({
          where: { networkId, status: "ACTIVE", roles: { has: "NETWORK_COORDINATOR" } },
          select: { id: true },
        })
      : [];
  const keepCoordinators: Prisma.MemberWhereInput = { id: { notIn: coordinators.map((c) => c.id) } };
  const silentAnonymised = await anonymiseAll(
    db,
    networkId,
    { networkId, status: "ACTIVE", AND: [silent, keepCoordinators] },
    now,
  );
  // `arrêter` keeps a member's data for when they come back; past the retention it goes like the rest.
  const leftAnonymised = await anonymiseAll(
    db,
    networkId,
    { networkId, status: "LEFT", leftAt: { lt: daysBefore(now, days.leftMember) }, ...NOT_ANONYMISED },
    now,
  );

  const audit = await db.auditLog.updateMany({
    where: { networkId, createdAt: { lt: daysBefore(now, days.auditDetails) }, NOT: { details: { equals: {} } } },
    data: { details: {} },
  });
  const linkCodes = await db.linkCode.deleteMany({
    where: { networkId, expiresAt: { lt: daysBefore(now, days.linkCodes) } },
  });
  const invitationsBefore = daysBefore(now, days.invitations);
  const invitations = await db.invitation.deleteMany({
    where: {
      networkId,
      uses: 0,
      OR: [{ expiresAt: { lt: invitationsBefore } }, { revokedAt: { lt: invitationsBefore } }],
    },
  });
  const files = await db.generatedFile.deleteMany({
    where: { networkId, createdAt: { lt: daysBefore(now, days.files) } },
  });
  const sent = await db.outboundMessage.deleteMany({
    where: {
      networkId,
      status: { in: ["SENT", "FAILED", "CANCELLED"] },
      createdAt: { lt: daysBefore(now, days.sentMessages) },
    },
  });
  return {
    unfinishedDeleted: unfinished.length,
    silentWarned,
    silentAnonymised,
    leftAnonymised,
    auditDetailsCleared: audit.count,
    linkCodes: linkCodes.count,
    invitations: invitations.count,
    files: files.count,
    sentMessages: sent.count,
  };
}

/** Members whose last message (else their arrival, for rows older than lastSeenAt) is before `instant`. */
function silentSince(instant: Date): Prisma.MemberWhereInput {
  return { OR: [{ lastSeenAt: { lt: instant } }, { lastSeenAt: null, createdAt: { lt: instant } }] };
}

/** Anonymises every member the filter selects, one transaction each, named in their own language. */
async function anonymiseAll(db: Db, networkId: string, where: Prisma.MemberWhereInput, now: Date): Promise<number> {
  let count = 0;
  for (;;) {
    const members = await db.member.findMany({
      where,
      select: { id: true, locale: true, leftAt: true, roles: true },
      take: BATCH,
      orderBy: { id: "asc" },
    });
    if (members.length === 0) return count;
    for (const m of members) {
      const name = createTranslator(m.locale)(
        m.roles.length === 1 && m.roles[0] === "INTERN" ? "leave.purgedName" : "privacy.delete.formerName",
      );
      await db.$transaction(async (tx) => {
        await anonymiseMember(tx, { id: m.id, leftAt: m.leftAt, anonymousName: name }, now);
        await tx.auditLog.create({
          data: { networkId, actorMemberId: m.id, action: "member.anonymised", outcome: "retention", createdAt: now },
        });
      });
      count += 1;
    }
    if (members.length < BATCH) return count;
  }
}

/**
 * Tells each active member silent for the retention minus the notice days that their data will be
 * anonymised on a given day unless they write (any message counts). One notice per silence: the key
 * names the day they were last seen.
 */
async function warnSilentMembers(
  db: Db,
  networkId: string,
  days: RetentionDays,
  now: Date,
  platforms: readonly Platform[],
): Promise<number> {
  const warnSince = daysBefore(now, days.silentMember - days.silentNotice);
  const silent = await db.member.findMany({
    where: { networkId, status: "ACTIVE", ...silentSince(warnSince) },
    select: { id: true, lastSeenAt: true, createdAt: true },
  });
  if (silent.length === 0) return 0;
  const recipients = await findRecipients(
    db,
    silent.map((m) => m.id),
    platforms,
  );
  return enqueueMessages(
    db,
    silent.flatMap((m) => {
      const r = recipients.get(m.id);
      if (!r) return [];
      const seen = m.lastSeenAt ?? m.createdAt;
      const day = addDays(parisDay(seen), days.silentMember);
      return [
        {
          networkId,
          idempotencyKey: `silent-notice:${m.id}:${seen.toISOString().slice(0, 10)}`,
          platform: r.platform,
          target: { to: "member" as const, id: r.externalId },
          memberId: m.id,
          category: "privacy",
          // About their own data: sent even if they muted the network's news.
          urgent: true,
          notBefore: afterQuietHours(now, { startMin: r.quietStartMin, endMin: r.quietEndMin }),
          payload: {
            kind: "notice" as const,
            notice: {
              key: "privacy.silent.notice" as const,
              params: { date: { instant: parisInstant(day, 12 * 60).toISOString(), style: "date" as const } },
            },
          },
        },
      ];
    }),
  );
}
