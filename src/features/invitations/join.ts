import type { Prisma } from "@prisma/client";
import { afterQuietHours } from "../../calendar/reminders.ts";
import type { Locale } from "../../core/i18n.ts";
import type { Platform } from "../../core/inbound.ts";
import { isRole, type Role } from "../../core/roles.ts";
import type { Db } from "../../db/database.ts";
import { enqueueMessages } from "../../delivery/outbox.ts";
import { findRecipients, type Recipient } from "../../delivery/recipients.ts";
import { recordAudit } from "../../services/audit/record.ts";
import { inviteIntoOnboarding } from "../onboarding/conversation.ts";
import { cleanInvitationCode } from "./codes.ts";

type Tx = Prisma.TransactionClient;

/** Who opens the invitation: an account no network knows yet, or a member the bot already knows. */
export type Joiner =
  | { kind: "new"; platform: Platform; externalId: string; displayName: string; localeHint: Locale | undefined }
  | {
      kind: "member";
      platform: Platform;
      memberId: string;
      identityId: string;
      networkId: string;
      status: "ONBOARDING" | "ACTIVE" | "LEFT";
      roles: Role[];
    };

export type JoinOutcome =
  /** A newcomer, now a member with the role; their remaining onboarding questions follow. */
  | {
      kind: "joined";
      networkId: string;
      memberId: string;
      displayName: string;
      locale: Locale;
      role: Role;
      network: string;
    }
  /** A member of the network who gets the role in addition to theirs. */
  | { kind: "role-added"; role: Role; network: string }
  | { kind: "already-has-role"; role: Role }
  | { kind: "other-network" | "unknown" | "expired" | "used-up" | "revoked" };

interface LockedInvitation {
  id: string;
  networkId: string;
  role: string;
  organisationId: string | null;
  maxUses: number;
  uses: number;
  expiresAt: Date;
  revokedAt: Date | null;
  createdById: string | null;
}

/**
 * Uses an invitation. The invitation's row is locked (`FOR UPDATE`) for the whole transaction, so
 * two people opening its last use at once cannot both get it: the second one reads it used up.
 */
export async function joinByInvitation(
  db: Db,
  input: { code: string; joiner: Joiner; now: Date; platforms: readonly Platform[] },
): Promise<JoinOutcome> {
  const code = cleanInvitationCode(input.code);
  if (!/^[A-Za-z0-9_-]{8,60}$/.test(code)) return { kind: "unknown" };
  // Who to tell is looked up first: the outbox row is written in the same transaction as the use.
  const issuer = await db.invitation.findUnique({ where: { code }, select: { createdById: true } });
  const inviter = issuer?.createdById
    ? (await findRecipients(db, [issuer.createdById], input.platforms)).get(issuer.createdById)
    : undefined;
  return db.$transaction(async (tx) => {
    const [invitation] = await tx.$queryRaw<LockedInvitation[]>`
      select id::text as id, "networkId"::text as "networkId", role::text as role, "organisationId"::text as "organisationId",
             "maxUses" as "maxUses", uses, "expiresAt" as "expiresAt", "revokedAt" as "revokedAt", "createdById"::text as "createdById"
      from "Invitation" where code = ${code} for update`;
    if (!invitation || !isRole(invitation.role)) return { kind: "unknown" } as const;
    if (invitation.revokedAt) return { kind: "revoked" } as const;
    if (new Date(invitation.expiresAt) <= input.now) return { kind: "expired" } as const;
    if (invitation.uses >= invitation.maxUses) return { kind: "used-up" } as const;
    const role = invitation.role;
    const network = await tx.network.findUniqueOrThrow({
      where: { id: invitation.networkId },
      select: { name: true, defaultLocale: true },
    });
    const outcome = await admit(tx, invitation, role, input.joiner, network.defaultLocale, input.now);
    if (outcome.kind === "already-has-role" || outcome.kind === "other-network") return outcome;
    await tx.invitation.update({ where: { id: invitation.id }, data: { uses: { increment: 1 } } });
    const use = await tx.invitationUse.create({
      data: {
        networkId: invitation.networkId,
        invitationId: invitation.id,
        memberId: outcome.memberId,
        platform: input.joiner.platform,
        createdAt: input.now,
      },
    });
    await recordAudit(tx, {
      networkId: invitation.networkId,
      actorMemberId: outcome.memberId,
      action: "invitation.use",
      outcome: "allowed",
      details: {
        invitationId: invitation.id,
        role,
        platform: input.joiner.platform,
        newcomer: outcome.kind === "joined",
      },
      at: input.now,
    });
    if (inviter && inviter.memberId !== outcome.memberId)
      await tellInviter(tx, inviter, {
        invitationId: invitation.id,
        useId: use.id,
        name: outcome.displayName,
        role,
        roleAdded: outcome.kind === "role-added",
        now: input.now,
        networkId: invitation.networkId,
      });
    return outcome.kind === "joined"
      ? {
          kind: "joined",
          networkId: invitation.networkId,
          memberId: outcome.memberId,
          displayName: outcome.displayName,
          locale: outcome.locale,
          role,
          network: network.name,
        }
      : { kind: "role-added", role, network: network.name };
  });
}

type Admitted =
  | { kind: "joined" | "role-added"; memberId: string; displayName: string; locale: Locale }
  | { kind: "already-has-role"; role: Role }
  | { kind: "other-network" };

/** Makes the joiner a member of the invitation's network with its role, or says why not. */
async function admit(
  tx: Tx,
  invitation: LockedInvitation,
  role: Role,
  joiner: Joiner,
  networkLocale: Locale,
  now: Date,
): Promise<Admitted> {
  if (joiner.kind === "member" && joiner.networkId !== invitation.networkId) {
    // Someone who only wrote a first message in another network's conversation has nothing there yet: they move.
    if (joiner.status !== "ONBOARDING" || joiner.roles.length > 0) return { kind: "other-network" };
    const placeholder = await tx.member.findUniqueOrThrow({
      where: { id: joiner.memberId },
      select: {
        displayName: true,
        locale: true,
        identities: { where: { id: joiner.identityId }, select: { externalId: true } },
      },
    });
    await tx.member.delete({ where: { id: joiner.memberId } });
    const externalId = placeholder.identities[0]?.externalId ?? "";
    return createMember(tx, invitation, role, {
      kind: "new",
      platform: joiner.platform,
      externalId,
      displayName: placeholder.displayName,
      localeHint: placeholder.locale,
    });
  }
  if (joiner.kind === "new") return createMember(tx, invitation, role, joiner, networkLocale);
  const member = await tx.member.findUniqueOrThrow({
    where: { id: joiner.memberId },
    select: { displayName: true, locale: true, roles: true, organisationId: true, status: true },
  });
  if (member.roles.includes(role)) return { kind: "already-has-role", role };
  const organisationId = member.organisationId ?? invitation.organisationId;
  await tx.member.update({ where: { id: joiner.memberId }, data: { roles: { push: role }, organisationId } });
  // The role was given: a request for it no longer waits for a coordinator.
  await tx.roleRequest.updateMany({
    where: { memberId: joiner.memberId, role, status: "PENDING" },
    data: { status: "APPROVED", decidedAt: now, reason: "invitation" },
  });
  if (member.status === "ONBOARDING") {
    await inviteIntoOnboarding(tx, invitation.networkId, joiner.identityId, organisationId !== null);
    return { kind: "joined", memberId: joiner.memberId, displayName: member.displayName, locale: member.locale };
  }
  return { kind: "role-added", memberId: joiner.memberId, displayName: member.displayName, locale: member.locale };
}

async function createMember(
  tx: Tx,
  invitation: LockedInvitation,
  role: Role,
  joiner: Extract<Joiner, { kind: "new" }>,
  networkLocale: Locale = "fr",
): Promise<Admitted> {
  const locale = joiner.localeHint ?? networkLocale;
  const displayName = joiner.displayName.trim().slice(0, 80) || joiner.externalId;
  const member = await tx.member.create({
    data: {
      networkId: invitation.networkId,
      displayName,
      locale,
      roles: [role],
      organisationId: invitation.organisationId,
      identities: {
        create: { networkId: invitation.networkId, platform: joiner.platform, externalId: joiner.externalId },
      },
    },
    select: { id: true, identities: { select: { id: true } } },
  });
  await inviteIntoOnboarding(tx, invitation.networkId, member.identities[0]!.id, invitation.organisationId !== null);
  return { kind: "joined", memberId: member.id, displayName, locale };
}

/** The coordinator who issued the invitation hears who used it, in their language when it is sent. */
async function tellInviter(
  tx: Tx,
  inviter: Recipient,
  use: {
    invitationId: string;
    useId: string;
    name: string;
    role: Role;
    roleAdded: boolean;
    now: Date;
    networkId: string;
  },
): Promise<void> {
  await enqueueMessages(tx, [
    {
      networkId: use.networkId,
      idempotencyKey: `invitation:${use.invitationId}:use:${use.useId}`,
      platform: inviter.platform,
      target: { to: "member", id: inviter.externalId },
      memberId: inviter.memberId,
      category: "account",
      notBefore: afterQuietHours(use.now, { startMin: inviter.quietStartMin, endMin: inviter.quietEndMin }),
      payload: {
        kind: "notice",
        notice: {
          key: use.roleAdded ? "invitations.notify.roleAdded" : "invitations.notify.joined",
          params: { name: use.name, role: { phrase: `roles.singular.${use.role}` } },
        },
      },
    },
  ]);
}
