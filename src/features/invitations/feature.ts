import { on, pressId } from "../../core/actions.ts";
import type { Feature, OutsideNetworkContext } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { createTranslator, type MessageKey, type Translate, toLocale } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import { loadOnboarding } from "../onboarding/conversation.ts";
import { languageQuestion, promptFor } from "../onboarding/prompts.ts";
import { COORDINATORS, INV } from "./actions.ts";
import { issueInvitation, listOpenInvitations, revokeInvitation } from "./issue.ts";
import { type JoinOutcome, joinByInvitation } from "./join.ts";
import { formatExpiry, invitationReply } from "./links.ts";
import { readInviteRequest } from "./options.ts";

/** `inviter <rôle> [structure] [N utilisations] [D jours]`: a new invitation, its links and QR code. */
async function invite(ctx: Context, args: string): Promise<Reply[]> {
  const request = await readInviteRequest(ctx, args);
  const issued = await issueInvitation(ctx.db, {
    networkId: ctx.actor.networkId,
    role: request.role,
    organisationId: request.organisation?.id,
    maxUses: request.maxUses,
    days: request.days,
    createdById: ctx.actor.memberId,
    now: ctx.now,
  });
  return [
    await invitationReply(ctx, issued, {
      role: ctx.t(`roles.singular.${request.role}`),
      organisation: request.organisation?.name,
    }),
  ];
}

/** `invitations`: the open ones, each with a Revoke button. */
async function openInvitations(ctx: Context): Promise<Reply[]> {
  const { t } = ctx;
  const open = await listOpenInvitations(ctx.db, ctx.actor.networkId, ctx.now);
  if (open.length === 0) return [say(t("invitations.list.none"))];
  return [
    say(t("invitations.list.header", { count: open.length })),
    ...open.map((i) =>
      say(
        t("invitations.list.line", {
          role: t(`roles.singular.${i.role}`),
          organisation: i.organisation ? t("invitations.list.organisation", { name: i.organisation.name }) : "",
          used: i.uses,
          uses: i.maxUses,
          date: formatExpiry(i.expiresAt, ctx.actor.locale),
          by: i.createdBy?.displayName ?? t("invitations.list.byAdmin"),
          code: i.code,
        }),
        [{ id: pressId(INV.revoke, i.id), label: t("invitations.buttons.revoke"), style: "danger" }],
      ),
    ),
  ];
}

/** The Revoke button: only an invitation of the coordinator's own network (the audience checks the role). */
async function revoke(ctx: Context, id: string): Promise<Reply[]> {
  const done = await revokeInvitation(ctx.db, {
    networkId: ctx.actor.networkId,
    invitationId: id,
    memberId: ctx.actor.memberId,
    now: ctx.now,
  });
  const key: MessageKey =
    done.kind === "revoked"
      ? "invitations.revoked"
      : done.kind === "unknown"
        ? "invitations.revokeUnknown"
        : "invitations.alreadyClosed";
  return [say(ctx.t(key))];
}

const REFUSALS = {
  unknown: "invitations.join.unknown",
  expired: "invitations.join.expired",
  "used-up": "invitations.join.usedUp",
  revoked: "invitations.join.revoked",
  "other-network": "invitations.join.otherNetwork",
} as const;

/** The sentence for every outcome but a newcomer's welcome. */
function outcomeSentence(t: Translate, outcome: Exclude<JoinOutcome, { kind: "joined" }>): string {
  if (outcome.kind === "role-added")
    return t("invitations.join.roleAdded", { role: t(`roles.singular.${outcome.role}`), network: outcome.network });
  if (outcome.kind === "already-has-role")
    return t("invitations.join.alreadyHasRole", { role: t(`roles.singular.${outcome.role}`) });
  return t(REFUSALS[outcome.kind]);
}

/** `rejoindre <code>` or `start inv-<code>` from someone the bot knows (a member, or someone onboarding). */
export async function joinWithCode(ctx: Context, code: string): Promise<Reply[]> {
  if (!code.trim()) return [say(ctx.t("invitations.join.usage"))];
  const { actor } = ctx;
  const joiner = {
    kind: "member" as const,
    platform: ctx.inbound.platform,
    memberId: actor.memberId,
    identityId: actor.identityId,
    networkId: actor.networkId,
    status: actor.status,
    roles: actor.roles,
  };
  const outcome = await joinByInvitation(ctx.db, { code, joiner, now: ctx.now, platforms: ctx.platforms });
  if (outcome.kind !== "joined") return [say(outcomeSentence(ctx.t, outcome))];
  const t = createTranslator(outcome.locale);
  const welcome = say(
    t("invitations.join.welcome", { network: outcome.network, role: t(`roles.singular.${outcome.role}`) }),
  );
  if (outcome.memberId !== actor.memberId) return [welcome, languageQuestion(t, outcome.displayName)];
  // Someone who had started onboarding here goes on from where they were, the role no longer asked.
  const joined: Context = { ...ctx, actor: { ...actor, roles: [...actor.roles, outcome.role] } };
  return [welcome, await promptFor(joined, await loadOnboarding(ctx.db, actor.networkId, actor.identityId))];
}

/** The same from an account no network knows yet: the invitation says which network. */
export async function joinOutsideNetwork(ctx: OutsideNetworkContext, code: string): Promise<Reply[] | undefined> {
  if (!code.trim()) return [say(ctx.t("invitations.join.usage"))];
  const { inbound } = ctx;
  const hint = inbound.localeHint ? toLocale(inbound.localeHint) : undefined;
  const joiner = {
    kind: "new" as const,
    platform: inbound.platform,
    externalId: inbound.externalUserId,
    displayName: inbound.displayName,
    localeHint: hint,
  };
  const outcome = await joinByInvitation(ctx.db, { code, joiner, now: ctx.now, platforms: ctx.platforms });
  if (outcome.kind !== "joined") return [say(outcomeSentence(ctx.t, outcome))];
  const t = createTranslator(outcome.locale);
  return [
    say(t("invitations.join.welcome", { network: outcome.network, role: t(`roles.singular.${outcome.role}`) })),
    languageQuestion(t, outcome.displayName),
  ];
}

/** Invitations: coordinators issue and revoke them; anyone joins with one (`rejoindre <code>`, `start inv-<code>`). */
export const invitationsFeature: Feature = {
  commands: [
    {
      name: "invite",
      words: "commands.invite.words",
      summary: "commands.invite.summary",
      audience: COORDINATORS,
      run: invite,
    },
    {
      name: "invitations",
      words: "commands.invitations.words",
      summary: "commands.invitations.summary",
      audience: COORDINATORS,
      run: openInvitations,
    },
    {
      name: "join",
      words: "commands.join.words",
      summary: "commands.join.summary",
      audience: "anyone",
      run: joinWithCode,
      runOutsideNetwork: joinOutsideNetwork,
    },
  ],
  actions: [on(INV.revoke, (ctx, [id]) => revoke(ctx, id))],
};
