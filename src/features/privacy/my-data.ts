import { parisDay } from "../../calendar/paris.ts";
import type { Context } from "../../core/context.ts";
import type { Reply } from "../../core/reply.ts";
import type { Db } from "../../db/database.ts";
import { isoDay } from "../../shared/dates.ts";

const JSON_TYPE = "application/json; charset=utf-8";

/**
 * Everything the bot keeps about one member, read from every table that names them (the right of
 * access, GDPR article 15). Secrets are left out: a link code's hash, a file's bytes.
 */
export async function collectMemberData(db: Db, memberId: string) {
  const member = await db.member.findUniqueOrThrow({
    where: { id: memberId },
    include: {
      organisation: { select: { name: true } },
      territory: { select: { name: true } },
      cohort: { select: { name: true } },
      network: { select: { name: true } },
    },
  });
  const identities = await db.platformIdentity.findMany({ where: { memberId }, orderBy: { createdAt: "asc" } });
  const localUsers = identities.filter((i) => i.platform === "local").map((i) => i.externalId);
  const byMember = { where: { memberId } };
  const [conversations, roleRequests, linkCodes, registrations, feedback, activities, progress, welcomeRequests] =
    await Promise.all([
      db.conversation.findMany({
        where: { identity: { memberId } },
        select: { flow: true, step: true, data: true, updatedAt: true },
      }),
      db.roleRequest.findMany(byMember),
      db.linkCode.findMany({ ...byMember, select: { createdAt: true, expiresAt: true, usedAt: true } }),
      db.eventRegistration.findMany({
        ...byMember,
        include: { event: { select: { title: true, startsAt: true } } },
        orderBy: { createdAt: "asc" },
      }),
      db.eventFeedback.findMany(byMember),
      db.activityReport.findMany({ ...byMember, orderBy: { date: "asc" } }),
      db.progressReport.findMany({ ...byMember, orderBy: { date: "asc" } }),
      db.welcomeRequest.findMany({ ...byMember, orderBy: { createdAt: "asc" } }),
    ]);
  const [
    groups,
    deadlineResponses,
    collectedItems,
    broadcasts,
    eventsCreated,
    invitationUses,
    invitationsIssued,
    messages,
    localInbox,
    files,
    audit,
  ] = await Promise.all([
    db.workingGroupMember.findMany({ ...byMember, include: { group: { select: { name: true } } } }),
    db.deadlineResponse.findMany(byMember),
    db.collectedItem.findMany(byMember),
    db.broadcast.findMany({ where: { senderMemberId: memberId } }),
    db.event.findMany({
      where: { createdById: memberId },
      select: { id: true, title: true, startsAt: true, status: true, createdAt: true },
    }),
    db.invitationUse.findMany(byMember),
    db.invitation.findMany({
      where: { createdById: memberId },
      select: { id: true, role: true, maxUses: true, uses: true, expiresAt: true, revokedAt: true, createdAt: true },
    }),
    db.outboundMessage.findMany({
      where: {
        OR: [
          { memberId },
          ...identities.map((i) => ({ platform: i.platform, targetKind: "member", targetId: i.externalId })),
        ],
      },
      select: {
        category: true,
        platform: true,
        status: true,
        payload: true,
        notBefore: true,
        sentAt: true,
        createdAt: true,
      },
      orderBy: { createdAt: "asc" },
    }),
    localUsers.length > 0
      ? db.localInboxMessage.findMany({
          where: { userId: { in: localUsers } },
          select: { payload: true, createdAt: true },
        })
      : [],
    db.generatedFile.findMany({ ...byMember, select: { name: true, mediaType: true, createdAt: true } }),
    db.auditLog.findMany({
      where: { OR: [{ actorMemberId: memberId }, { details: { path: ["memberId"], equals: memberId } }] },
      select: { action: true, outcome: true, details: true, actorMemberId: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return {
    profile: member,
    identities,
    conversations,
    roleRequests,
    linkCodes,
    registrations,
    eventFeedback: feedback,
    activityReports: activities,
    progressReports: progress,
    welcomeRequests,
    workingGroups: groups,
    deadlineResponses,
    collectedItems,
    broadcastsSent: broadcasts,
    eventsCreated,
    invitationUses,
    invitationsIssued,
    messages,
    localInbox,
    files,
    audit,
  };
}

/** `mes données` / `my data`: a pretty-printed UTF-8 JSON file of everything the bot keeps about the member. */
export async function sendMyData(ctx: Context): Promise<Reply[]> {
  const data = await collectMemberData(ctx.db, ctx.actor.memberId);
  const document = { exportedAt: ctx.now.toISOString(), ...data };
  const text = JSON.stringify(
    document,
    (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value),
    2,
  );
  const name = `${ctx.t("privacy.myData.fileName")}-${isoDay(parisDay(ctx.now))}.json`;
  return [
    {
      text: ctx.t("privacy.myData.sent"),
      files: [{ name, mediaType: JSON_TYPE, content: new TextEncoder().encode(`${text}\n`) }],
      visibility: "private",
    },
  ];
}
