import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { createTranslator, LOCALES, type Translate } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import { ROLES } from "../../core/roles.ts";
import { listOrganisations, listWorkTerritories } from "../../services/directory/data.ts";
import { ONB } from "./actions.ts";
import type { OnboardingState } from "./conversation.ts";

/** The question of the current onboarding step, with its choices. */
export async function promptFor(ctx: Context, state: OnboardingState): Promise<Reply> {
  const t = ctx.t;
  switch (state.step) {
    case "language":
      return languageQuestion(t, ctx.actor.displayName);
    case "role":
      return say(
        t("onboarding.askRole"),
        ROLES.map((role) => ({ id: pressId(ONB.role, role), label: t(`roles.singular.${role}`) })),
      );
    case "organisation": {
      const organisations = await listOrganisations(ctx.db, ctx.actor.networkId);
      return say(t("onboarding.askOrganisation"), [
        ...organisations.map((o) => ({ id: pressId(ONB.organisation, o.id), label: o.name })),
        { id: pressId(ONB.organisation, "none"), label: t("onboarding.noOrganisation") },
      ]);
    }
    case "territory": {
      const territories = await listWorkTerritories(ctx.db, ctx.actor.networkId);
      return say(t("onboarding.askTerritory"), [
        ...territories.map((o) => ({ id: pressId(ONB.territory, o.id), label: o.name })),
        { id: pressId(ONB.territory, "none"), label: t("onboarding.skip") },
      ]);
    }
  }
}

/** The first question, also asked to someone who has just joined by an invitation (no Context yet). */
export function languageQuestion(t: Translate, name: string): Reply {
  return say(
    t("onboarding.askLanguage", { name }),
    LOCALES.map((l) => ({ id: pressId(ONB.language, l), label: createTranslator(l)("language.name") })),
  );
}
