import { LINK_CODE_TTL_MS } from "../../config/retention.ts";
import type { Feature, OutsideNetworkContext } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { createTranslator } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import { recordAudit } from "../../services/audit/record.ts";
import { LINK_TRIES_PER_ACCOUNT, linkAccountKey } from "../budgets/limits.ts";
import { hasTriesLeft, recordAttempt } from "../budgets/store.ts";
import { linkedMember } from "./data.ts";
import { issueLinkCode, recentFailedAttempts, redeemForNewAccount, redeemLinkCode } from "./mutations.ts";

const MAX_FAILED_ATTEMPTS = 5;

/** What the member reads when a code does not link. */
const REFUSAL = {
  unknown: "link.unknown",
  expired: "link.expired",
  used: "link.used",
  "same-member": "link.sameMember",
  "already-member": "link.alreadyMember",
} as const;

async function link(ctx: Context, args: string): Promise<Reply[]> {
  const { db, actor, t, now } = ctx;
  const code = args.trim();
  if (!code) {
    if (actor.status !== "ACTIVE") return [say(t("link.needProfileFirst"))];
    const issued = await issueLinkCode(db, actor.networkId, actor.memberId, now);
    return [say(t("link.issued", { code: issued, minutes: LINK_CODE_TTL_MS / 60_000 }))];
  }
  const account = linkAccountKey(ctx.inbound.platform, ctx.inbound.externalUserId);
  if (
    (await recentFailedAttempts(db, actor.memberId, now, LINK_CODE_TTL_MS)) >= MAX_FAILED_ATTEMPTS ||
    !(await hasTriesLeft(db, account, LINK_TRIES_PER_ACCOUNT, now))
  ) {
    return [say(t("link.tooManyAttempts", { minutes: LINK_CODE_TTL_MS / 60_000 }))];
  }
  const outcome = await redeemLinkCode(db, {
    code,
    networkId: actor.networkId,
    identityId: actor.identityId,
    memberId: actor.memberId,
    memberActive: actor.status === "ACTIVE",
    now,
  });
  if (outcome.kind === "linked") {
    await recordAudit(db, {
      networkId: actor.networkId,
      actorMemberId: outcome.memberId,
      action: "identity.link",
      outcome: "allowed",
      details: { platform: ctx.inbound.platform },
      at: now,
    });
    const target = await linkedMember(db, outcome.memberId);
    const tt = createTranslator(target.locale);
    return [say(tt("link.linked", { name: outcome.displayName, platform: tt(`platforms.${ctx.inbound.platform}`) }))];
  }
  if (outcome.kind !== "same-member") {
    await recordAttempt(db, [account], now);
    await recordAudit(db, {
      networkId: actor.networkId,
      actorMemberId: actor.memberId,
      action: "identity.link",
      outcome: "failed",
      details: { reason: outcome.kind },
      at: now,
    });
  }
  return [say(t(REFUSAL[outcome.kind], { minutes: LINK_CODE_TTL_MS / 60_000 }))];
}

/** `lier <code>` from an account no network knows yet: the code says which member, hence which network. */
export async function linkNewAccount(ctx: OutsideNetworkContext, args: string): Promise<Reply[] | undefined> {
  const code = args.trim();
  if (!code) return undefined;
  const { inbound } = ctx;
  // No member yet to count against: the platform account carries the budget.
  const account = linkAccountKey(inbound.platform, inbound.externalUserId);
  if (!(await hasTriesLeft(ctx.db, account, LINK_TRIES_PER_ACCOUNT, ctx.now)))
    return [say(ctx.t("link.tooManyAttempts", { minutes: LINK_TRIES_PER_ACCOUNT.windowMs / 60_000 }))];
  const outcome = await redeemForNewAccount(ctx.db, {
    code,
    platform: inbound.platform,
    externalId: inbound.externalUserId,
    now: ctx.now,
  });
  if (outcome.kind !== "linked") {
    await recordAttempt(ctx.db, [account], ctx.now);
    return [say(ctx.t(REFUSAL[outcome.kind], { minutes: LINK_CODE_TTL_MS / 60_000 }))];
  }
  const member = await linkedMember(ctx.db, outcome.memberId);
  await recordAudit(ctx.db, {
    networkId: member.networkId,
    actorMemberId: outcome.memberId,
    action: "identity.link",
    outcome: "allowed",
    details: { platform: inbound.platform },
    at: ctx.now,
  });
  const t = createTranslator(member.locale);
  return [say(t("link.linked", { name: outcome.displayName, platform: t(`platforms.${inbound.platform}`) }))];
}

/** `lier` gives a one-time code; `lier <code>` on another platform attaches that account to the same member. */
export const linkFeature: Feature = {
  commands: [
    {
      name: "link",
      words: "commands.link.words",
      summary: "commands.link.summary",
      audience: "anyone",
      run: link,
      runOutsideNetwork: linkNewAccount,
    },
  ],
};

/** A deep-link payload such as `link-K7P4QX9M` (Telegram `t.me/<bot>?start=link-K7P4QX9M`), or undefined. */
export function linkCodeInPayload(payload: string): string | undefined {
  return /^link[-_]([A-Za-z0-9-]{8,9})$/.exec(payload.trim())?.[1];
}

export { link as linkAccount };
