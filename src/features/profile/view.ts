import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { createTranslator } from "../../core/i18n.ts";
import { isPlatform } from "../../core/inbound.ts";
import type { Reply } from "../../core/reply.ts";
import { formatClock } from "../../shared/dates.ts";
import { PROFILE } from "./actions.ts";
import { loadProfile } from "./data.ts";

/** The member's profile, with a button to edit it. */
export async function showProfile(ctx: Context): Promise<Reply[]> {
  const p = await loadProfile(ctx.db, ctx.actor.memberId);
  const t = ctx.t;
  const none = t("profile.none");
  const list = (items: string[]) => (items.length ? new Intl.ListFormat(ctx.actor.locale).format(items) : none);
  const lines = [
    t("profile.title", { name: p.displayName }),
    t("profile.roles", { roles: list(p.roles.map((r) => t(`roles.singular.${r}`))) }),
    ...p.roleRequests.map((r) => t("profile.pendingRole", { role: t(`roles.singular.${r.role}`) })),
    t("profile.organisation", { organisation: p.organisation?.name ?? none }),
    t("profile.territory", { territory: p.territory?.name ?? none }),
    t("profile.language", { language: createTranslator(p.locale)("language.name") }),
    t("profile.quietHours", { start: formatClock(p.quietStartMin), end: formatClock(p.quietEndMin) }),
    t("profile.platforms", {
      platforms: list(
        [...new Set(p.identities.map((i) => i.platform).filter(isPlatform))].map((pl) => t(`platforms.${pl}`)),
      ),
    }),
  ];
  return [
    {
      text: lines.join("\n"),
      choices: [{ id: pressId(PROFILE.edit), label: t("profile.edit"), style: "primary" }],
      visibility: "private",
    },
  ];
}
