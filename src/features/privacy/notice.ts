import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Context } from "../../core/context.ts";
import { createTranslator, LOCALES, type Locale } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import type { Db } from "../../db/database.ts";
import { SHIPPED_LOCALES_DIR } from "../guide/load.ts";
import { retentionOf } from "./retention.ts";

/** The shipped notice of each language (`locales/<lang>/privacy-notice.md`), read once at start-up. */
const SHIPPED: Record<Locale, string> = Object.fromEntries(
  LOCALES.map((l) => [l, readFileSync(join(SHIPPED_LOCALES_DIR, l, "privacy-notice.md"), "utf8").trim()]),
) as Record<Locale, string>;

/**
 * The short information notice (GDPR articles 13–14, the CNIL's guidance on chat-bots): the
 * network's own Markdown when it set one, else the shipped text, with the network's controller,
 * DPO contact, full-text link and retention periods filled in (sensible fallbacks when unset).
 */
export async function privacyNotice(ctx: Context): Promise<string> {
  return networkPrivacyNotice(ctx.db, ctx.actor.networkId, ctx.actor.locale);
}

/** `privacyNotice` for a network and a language, before the reader is a member (an intern's first message creates them). */
export async function networkPrivacyNotice(db: Db, networkId: string, locale: Locale): Promise<string> {
  const t = createTranslator(locale);
  const network = await db.network.findUniqueOrThrow({
    where: { id: networkId },
    select: {
      name: true,
      privacyController: true,
      privacyDpoContact: true,
      privacyNoticeUrl: true,
      privacyNotice: true,
      retentionDays: true,
    },
  });
  const days = retentionOf(network.retentionDays);
  const values: Record<string, string> = {
    controller: network.privacyController ?? network.name,
    dpo: network.privacyDpoContact ?? t("privacy.notice.noDpo"),
    url: network.privacyNoticeUrl ?? t("privacy.notice.noUrl"),
    unfinishedDays: String(days.unfinishedOnboarding),
    silentYears: String(Math.round((days.silentMember / 365) * 10) / 10),
    leftDays: String(days.leftMember),
  };
  const template = network.privacyNotice ?? SHIPPED[locale];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** `confidentialité` / `privacy`: the notice again, whenever asked. */
export async function showPrivacyNotice(ctx: Context): Promise<Reply[]> {
  return [say(await privacyNotice(ctx))];
}
