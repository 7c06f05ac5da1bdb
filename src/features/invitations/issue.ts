import { Prisma } from "@prisma/client";
import type { Role } from "../../core/roles.ts";
import type { Db } from "../../db/database.ts";
import { recordAudit } from "../../services/audit/record.ts";
import { newInvitationCode } from "./codes.ts";

const MAX_TRIES = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What an invitation is made of, whoever issues it (a coordinator in the chat, the command line). */
export interface NewInvitation {
  networkId: string;
  role: Role;
  organisationId?: string | undefined;
  maxUses: number;
  days: number;
  /** The coordinator issuing it; undefined for the administration command line. */
  createdById?: string | undefined;
  now: Date;
}

export interface IssuedInvitation {
  id: string;
  code: string;
  maxUses: number;
  expiresAt: Date;
}

/** Creates an invitation with a fresh random code (a collision, however unlikely, is retried) and audits it. */
export async function issueInvitation(db: Db, input: NewInvitation): Promise<IssuedInvitation> {
  const expiresAt = new Date(input.now.getTime() + input.days * DAY_MS);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const row = await tx.invitation.create({
          data: {
            networkId: input.networkId,
            role: input.role,
            organisationId: input.organisationId ?? null,
            code: newInvitationCode(),
            maxUses: input.maxUses,
            expiresAt,
            createdById: input.createdById ?? null,
            createdVia: input.createdById ? "member" : "admin-cli",
            createdAt: input.now,
          },
          select: { id: true, code: true, maxUses: true, expiresAt: true },
        });
        const details = {
          invitationId: row.id,
          role: input.role,
          maxUses: input.maxUses,
          expiresAt: expiresAt.toISOString(),
          via: input.createdById ? "chat" : "admin-cli",
        };
        await recordAudit(tx, {
          networkId: input.networkId,
          actorMemberId: input.createdById ?? null,
          action: "invitation.create",
          outcome: "allowed",
          details,
          at: input.now,
        });
        return row;
      });
    } catch (error) {
      const collision = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!collision || attempt >= MAX_TRIES) throw error;
    }
  }
}

/** Open invitations of the network (not revoked, not expired, uses left), newest first. */
export async function listOpenInvitations(db: Db, networkId: string, now: Date) {
  const rows = await db.invitation.findMany({
    where: { networkId, revokedAt: null, expiresAt: { gt: now } },
    select: {
      id: true,
      code: true,
      role: true,
      maxUses: true,
      uses: true,
      expiresAt: true,
      createdAt: true,
      organisation: { select: { name: true } },
      createdBy: { select: { displayName: true } },
    },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  return rows.filter((r) => r.uses < r.maxUses);
}

export type Revocation = { kind: "revoked"; role: Role } | { kind: "unknown" | "already-closed" };

/** Revokes an open invitation of the network; conditional, so two coordinators pressing at once revoke it once. */
export async function revokeInvitation(
  db: Db,
  input: { networkId: string; invitationId: string; memberId: string; now: Date },
): Promise<Revocation> {
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: { id: input.invitationId, networkId: input.networkId },
      select: { role: true },
    });
    if (!invitation) return { kind: "unknown" } as const;
    const changed = await tx.invitation.updateMany({
      where: { id: input.invitationId, revokedAt: null },
      data: { revokedAt: input.now, revokedById: input.memberId },
    });
    if (changed.count !== 1) return { kind: "already-closed" } as const;
    await recordAudit(tx, {
      networkId: input.networkId,
      actorMemberId: input.memberId,
      action: "invitation.revoke",
      outcome: "allowed",
      details: { invitationId: input.invitationId },
      at: input.now,
    });
    return { kind: "revoked", role: invitation.role } as const;
  });
}
