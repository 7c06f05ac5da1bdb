import { on } from "../../core/actions.ts";
import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { createTranslator, toLocale } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import { isRole } from "../../core/roles.ts";
import { isOrganisationOf, isTerritoryOf } from "../../services/directory/data.ts";
import { cohortCodeInPayload, enrolFromLink, enrolOutsideNetwork } from "../interns/enrol/feature.ts";
import { invitationCodeInPayload } from "../invitations/codes.ts";
import { joinOutsideNetwork, joinWithCode } from "../invitations/feature.ts";
import { setMemberLocale } from "../language/mutations.ts";
import { linkAccount, linkCodeInPayload, linkNewAccount } from "../link/feature.ts";
import { privacyNotice } from "../privacy/notice.ts";
import { ONB } from "./actions.ts";
import { askAgain, offerToAskAgain } from "./ask-again.ts";
import { loadOnboarding, nextStep, type OnboardingState, type OnboardingStep, saveOnboarding } from "./conversation.ts";
import { completeOnboarding, setMemberOrganisation } from "./mutations.ts";
import { promptFor } from "./prompts.ts";

/** Re-asks the current question; what onboarding answers to anything that is not a command. */
export async function continueOnboarding(ctx: Context): Promise<Reply[]> {
  const state = await loadOnboarding(ctx.db, ctx.actor.networkId, ctx.actor.identityId);
  if (state.noticeShown) return [await promptFor(ctx, state)];
  // First contact: the information notice comes with the first question, once (GDPR art. 13).
  await saveOnboarding(ctx.db, ctx.actor.identityId, { ...state, noticeShown: true });
  return [await promptFor(ctx, state), say(await privacyNotice(ctx))];
}

async function start(ctx: Context, args: string): Promise<Reply[]> {
  // A deep link carrying a link code ("start link-K7P4QX9M") links instead of onboarding.
  const code = linkCodeInPayload(args);
  if (code) return linkAccount(ctx, code);
  // A cohort's link ("start c-Xb3k9Q2mN1zT") enrols an intern instead.
  const cohortCode = cohortCodeInPayload(args);
  if (cohortCode) return enrolFromLink(ctx, cohortCode);
  // An invitation's link ("start inv-Xb3k9Q2mN1zT4aQ") joins the network with its role.
  const invitationCode = invitationCodeInPayload(args);
  if (invitationCode) return joinWithCode(ctx, invitationCode);
  if (ctx.actor.status === "ACTIVE")
    return (await offerToAskAgain(ctx)) ?? [say(ctx.t("onboarding.alreadyDone", { name: ctx.actor.displayName }))];
  return [say(ctx.t("onboarding.welcome")), ...(await continueOnboarding(ctx))];
}

/** One answer to `step`. An answer to another step than the current one is stale. */
async function answer(ctx: Context, step: OnboardingStep, value: string): Promise<Reply[]> {
  if (ctx.actor.status === "ACTIVE") return [say(ctx.t("onboarding.alreadyDone", { name: ctx.actor.displayName }))];
  const state = await loadOnboarding(ctx.db, ctx.actor.networkId, ctx.actor.identityId);
  if (step !== state.step) return [say(ctx.t("errors.staleAction")), await promptFor(ctx, state)];
  const { db, actor } = ctx;
  let next: OnboardingState;
  switch (state.step) {
    case "language": {
      const locale = toLocale(value, actor.locale);
      await setMemberLocale(db, actor.memberId, locale);
      // Everything from here on is in the language just chosen.
      ctx = { ...ctx, actor: { ...actor, locale }, t: createTranslator(locale) };
      next = { ...state, step: nextStep("language", state) };
      break;
    }
    case "role":
      if (!isRole(value)) return [say(ctx.t("errors.staleAction")), await promptFor(ctx, state)];
      next = { ...state, step: nextStep("role", state), role: value };
      break;
    case "organisation": {
      const organisationId = value === "none" ? null : value;
      if (organisationId && !(await isOrganisationOf(db, actor.networkId, organisationId)))
        return [say(ctx.t("errors.staleAction")), await promptFor(ctx, state)];
      await setMemberOrganisation(db, actor.memberId, organisationId);
      next = { ...state, step: nextStep("organisation", state) };
      break;
    }
    case "territory": {
      const territoryId = value === "none" ? null : value;
      if (territoryId && !(await isTerritoryOf(db, actor.networkId, territoryId)))
        return [say(ctx.t("errors.staleAction")), await promptFor(ctx, state)];
      return finish(ctx, state, territoryId);
    }
  }
  await saveOnboarding(db, actor.identityId, next);
  return [await promptFor(ctx, next)];
}

async function finish(ctx: Context, state: OnboardingState, territoryId: string | null): Promise<Reply[]> {
  const { actor } = ctx;
  const role = state.role && isRole(state.role) ? state.role : undefined;
  await completeOnboarding(ctx.db, {
    networkId: actor.networkId,
    memberId: actor.memberId,
    identityId: actor.identityId,
    territoryId,
    role,
    at: ctx.now,
    platforms: ctx.platforms,
  });
  const roleName = role ? ctx.t(`roles.singular.${role}`) : "";
  if (state.invited && actor.roles.length > 0) {
    return [
      say(
        ctx.t("invitations.onboardingDone", { roles: actor.roles.map((r) => ctx.t(`roles.singular.${r}`)).join(", ") }),
      ),
    ];
  }
  return [say(role ? ctx.t("onboarding.doneWithRequest", { role: roleName }) : ctx.t("onboarding.done"))];
}

/** First contact: language, the role asked for, organisation and territory; a coordinator approves the role. */
export const onboardingFeature: Feature = {
  commands: [
    {
      name: "start",
      words: "commands.start.words",
      summary: "commands.start.summary",
      audience: "anyone",
      run: start,
      runOutsideNetwork: (ctx, args) => {
        const code = linkCodeInPayload(args);
        if (code) return linkNewAccount(ctx, code);
        const cohortCode = cohortCodeInPayload(args);
        if (cohortCode) return enrolOutsideNetwork(ctx, cohortCode);
        const invitationCode = invitationCodeInPayload(args);
        return invitationCode ? joinOutsideNetwork(ctx, invitationCode) : Promise.resolve(undefined);
      },
    },
  ],
  actions: [
    on(ONB.language, (ctx, [value]) => answer(ctx, "language", value)),
    on(ONB.role, (ctx, [value]) => answer(ctx, "role", value)),
    on(ONB.organisation, (ctx, [value]) => answer(ctx, "organisation", value)),
    on(ONB.territory, (ctx, [value]) => answer(ctx, "territory", value)),
    on(ONB.askAgain, (ctx, [role]) => askAgain(ctx, role)),
  ],
};
