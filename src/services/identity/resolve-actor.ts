import { Prisma } from "@prisma/client";
import type { Actor } from "../../core/context.ts";
import { AppError } from "../../core/errors.ts";
import { toLocale } from "../../core/i18n.ts";
import type { InboundCommand } from "../../core/inbound.ts";
import { storableText } from "../../core/inbound-text.ts";
import type { Db } from "../../db/database.ts";
import { NEW_MEMBERS_PER_SCOPE, newMemberKey } from "../../features/budgets/limits.ts";
import { hasTriesLeft, recordAttempt } from "../../features/budgets/store.ts";

const memberFields = { id: true, networkId: true, displayName: true, roles: true, status: true, locale: true } as const;

/**
 * Finds the member behind a platform identity. Someone seen for the first time gets a member in
 * the network their conversation is bound to (or, in a private chat, the deployment's default
 * network), in ONBOARDING status, and is asked to introduce themselves.
 */
export function createActorResolver(options: { defaultNetwork?: string | undefined } = {}) {
  return async function resolveActor(db: Db, inbound: InboundCommand): Promise<Actor> {
    const known = await findActor(db, inbound);
    if (known) {
      await noteSeen(db, known.memberId, inbound.receivedAt);
      return known;
    }
    const network = await networkFor(db, inbound, options.defaultNetwork);
    // A private chat no network binds: only an invitation (or a link code) brings someone in.
    if (!network)
      throw new AppError(
        "channel_not_bound",
        inbound.conversation === "private" ? "errors.privateChatNoNetwork" : "errors.channelNotBound",
      );
    await spendNewMemberBudget(db, inbound);
    return createNewcomer(db, inbound, network);
  };
}

/** Counts a newcomer against their platform scope's budget; refuses them with a sentence when it is spent. */
export async function spendNewMemberBudget(
  db: Db,
  inbound: Pick<InboundCommand, "platform" | "scopeId" | "receivedAt">,
): Promise<void> {
  const key = newMemberKey(inbound.platform, inbound.scopeId);
  if (!(await hasTriesLeft(db, key, NEW_MEMBERS_PER_SCOPE, inbound.receivedAt)))
    throw new AppError("too_many_newcomers", "errors.tooManyNewcomers");
  await recordAttempt(db, [key], inbound.receivedAt);
}

/** Records when the member last wrote, at most once a day (the retention of silent members counts from it). */
async function noteSeen(db: Db, memberId: string, at: Date): Promise<void> {
  const dayAgo = new Date(at.getTime() - 24 * 60 * 60 * 1000);
  await db.member.updateMany({
    where: { id: memberId, OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: dayAgo } }] },
    data: { lastSeenAt: at },
  });
}

async function networkFor(db: Db, inbound: InboundCommand, defaultNetwork: string | undefined) {
  const binding = await db.channelBinding.findUnique({
    where: { platform_scopeId: { platform: inbound.platform, scopeId: inbound.scopeId } },
    select: { network: { select: { id: true, defaultLocale: true } } },
  });
  if (binding) return binding.network;
  if (inbound.conversation !== "private" || !defaultNetwork) return null;
  return db.network.findUnique({ where: { slug: defaultNetwork }, select: { id: true, defaultLocale: true } });
}

async function createNewcomer(
  db: Db,
  inbound: InboundCommand,
  network: { id: string; defaultLocale: Actor["locale"] },
): Promise<Actor> {
  try {
    const member = await db.member.create({
      data: {
        networkId: network.id,
        displayName: storableText(inbound.displayName.trim().slice(0, 80)) || inbound.externalUserId,
        locale: toLocale(inbound.localeHint, network.defaultLocale),
        lastSeenAt: inbound.receivedAt,
        identities: {
          create: { networkId: network.id, platform: inbound.platform, externalId: inbound.externalUserId },
        },
      },
      select: { ...memberFields, identities: { select: { id: true } } },
    });
    return toActor(member, member.identities[0]!.id);
  } catch (error) {
    // Two first messages at once: the other one created the identity; use it.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const raced = await findActor(db, inbound);
      if (raced) return raced;
    }
    throw error;
  }
}

async function findActor(db: Db, inbound: InboundCommand): Promise<Actor | undefined> {
  const identity = await db.platformIdentity.findUnique({
    where: { platform_externalId: { platform: inbound.platform, externalId: inbound.externalUserId } },
    select: { id: true, member: { select: memberFields } },
  });
  return identity ? toActor(identity.member, identity.id) : undefined;
}

function toActor(
  member: {
    id: string;
    networkId: string;
    displayName: string;
    roles: Actor["roles"];
    status: Actor["status"];
    locale: Actor["locale"];
  },
  identityId: string,
): Actor {
  return {
    networkId: member.networkId,
    memberId: member.id,
    identityId,
    displayName: member.displayName,
    roles: member.roles,
    status: member.status,
    locale: member.locale,
  };
}
