import { LINK_CODE_TTL_MS } from "../../config/retention.ts";
import type { Db } from "../../db/database.ts";
import { hashLinkCode, newLinkCode } from "./codes.ts";

/** Issues a new code for the member; earlier unused codes stop working. */
export async function issueLinkCode(db: Db, networkId: string, memberId: string, now: Date): Promise<string> {
  const code = newLinkCode();
  await db.$transaction([
    db.linkCode.deleteMany({ where: { memberId, usedAt: null } }),
    db.linkCode.create({
      data: {
        networkId,
        memberId,
        codeHash: hashLinkCode(code),
        expiresAt: new Date(now.getTime() + LINK_CODE_TTL_MS),
      },
    }),
  ]);
  return code;
}

export type RedeemOutcome =
  | { kind: "linked"; memberId: string; displayName: string }
  | { kind: "unknown" | "expired" | "used" | "same-member" | "already-member" };

/**
 * Attaches the identity to the member who issued the code. Single use even under concurrency:
 * the code is claimed by a conditional update before anything moves. A person still onboarding on
 * this platform is folded into the member; an identity of another finished member is refused.
 */
export async function redeemLinkCode(
  db: Db,
  input: { code: string; networkId: string; identityId: string; memberId: string; memberActive: boolean; now: Date },
): Promise<RedeemOutcome> {
  const link = await db.linkCode.findUnique({
    where: { codeHash: hashLinkCode(input.code) },
    include: { member: { select: { displayName: true } } },
  });
  if (!link || link.networkId !== input.networkId) return { kind: "unknown" };
  if (link.usedAt) return { kind: "used" };
  if (link.expiresAt <= input.now) return { kind: "expired" };
  if (link.memberId === input.memberId) return { kind: "same-member" };
  if (input.memberActive) return { kind: "already-member" };
  return db.$transaction(async (tx) => {
    const claimed = await tx.linkCode.updateMany({
      where: { id: link.id, usedAt: null, expiresAt: { gt: input.now } },
      data: { usedAt: input.now },
    });
    if (claimed.count !== 1) return { kind: "used" } as const;
    await tx.conversation.deleteMany({ where: { identityId: input.identityId } });
    await tx.platformIdentity.update({ where: { id: input.identityId }, data: { memberId: link.memberId } });
    // The placeholder member created at first contact has nothing else attached: remove it.
    await tx.member.deleteMany({ where: { id: input.memberId, status: "ONBOARDING", identities: { none: {} } } });
    return { kind: "linked", memberId: link.memberId, displayName: link.member.displayName } as const;
  });
}

/**
 * Attaches an account the bot has never seen (a private chat on a new platform, bound to no
 * network) to the member who issued the code; the code's network is the account's network.
 */
export async function redeemForNewAccount(
  db: Db,
  input: { code: string; platform: string; externalId: string; now: Date },
): Promise<RedeemOutcome> {
  const link = await db.linkCode.findUnique({
    where: { codeHash: hashLinkCode(input.code) },
    include: { member: { select: { displayName: true } } },
  });
  if (!link) return { kind: "unknown" };
  if (link.usedAt) return { kind: "used" };
  if (link.expiresAt <= input.now) return { kind: "expired" };
  return db.$transaction(async (tx) => {
    const claimed = await tx.linkCode.updateMany({
      where: { id: link.id, usedAt: null, expiresAt: { gt: input.now } },
      data: { usedAt: input.now },
    });
    if (claimed.count !== 1) return { kind: "used" } as const;
    await tx.platformIdentity.create({
      data: {
        networkId: link.networkId,
        memberId: link.memberId,
        platform: input.platform,
        externalId: input.externalId,
      },
    });
    return { kind: "linked", memberId: link.memberId, displayName: link.member.displayName } as const;
  });
}

/** Failed attempts by this member in the last `windowMs`, to slow down code guessing. */
export async function recentFailedAttempts(db: Db, memberId: string, now: Date, windowMs: number): Promise<number> {
  return db.auditLog.count({
    where: {
      actorMemberId: memberId,
      action: "identity.link",
      outcome: "failed",
      createdAt: { gt: new Date(now.getTime() - windowMs) },
    },
  });
}
