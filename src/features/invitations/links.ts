import type { Context } from "../../core/context.ts";
import type { Locale, Translate } from "../../core/i18n.ts";
import type { Platform } from "../../core/inbound.ts";
import { type Reply, say } from "../../core/reply.ts";
import { qrPng } from "../interns/enrol/link.ts";
import { invitationDeepLink } from "./codes.ts";
import type { IssuedInvitation } from "./issue.ts";

/** Where the invitation can be used: the platforms the deployment runs, and Telegram's bot username when known. */
export interface JoinChannels {
  platforms: readonly Platform[];
  telegramBot?: string | undefined;
}

/** One line per platform saying how to use the code there (deep link, slash command, typed word). */
export function howToJoin(t: Translate, code: string, channels: JoinChannels): string[] {
  const lines: string[] = [];
  for (const platform of channels.platforms) {
    if (platform === "telegram")
      lines.push(
        channels.telegramBot
          ? t("invitations.how.telegramLink", { link: invitationDeepLink(channels.telegramBot, code) })
          : t("invitations.how.telegramTyped", { code }),
      );
    if (platform === "slack") lines.push(t("invitations.how.slack", { code }));
    if (platform === "discord") lines.push(t("invitations.how.discord", { code }));
    if (platform === "local") lines.push(t("invitations.how.local", { code }));
  }
  return [t("invitations.howIntro"), ...lines, t("invitations.code", { code })];
}

/** "14 décembre 2026 à 10:15", Paris time. */
export function formatExpiry(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Paris",
  }).format(date);
}

/** What a coordinator gets for a new invitation: what it gives, until when, how to use it, and the Telegram link's QR code. */
export async function invitationReply(
  ctx: Context,
  invitation: IssuedInvitation,
  described: { role: string; organisation?: string | undefined },
): Promise<Reply> {
  const { t } = ctx;
  const params = {
    role: described.role,
    uses: invitation.maxUses,
    date: formatExpiry(invitation.expiresAt, ctx.actor.locale),
  };
  const head = described.organisation
    ? t("invitations.createdForOrganisation", { ...params, organisation: described.organisation })
    : t("invitations.created", params);
  const telegramBot = ctx.platforms.includes("telegram") ? ctx.botUsername?.("telegram") : undefined;
  const reply = say([head, ...howToJoin(t, invitation.code, { platforms: ctx.platforms, telegramBot })].join("\n"));
  if (!telegramBot) return reply;
  const png = await qrPng(invitationDeepLink(telegramBot, invitation.code));
  return { ...reply, files: [{ name: t("invitations.qrFileName"), mediaType: "image/png", content: png }] };
}
