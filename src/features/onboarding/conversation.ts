import type { Prisma } from "@prisma/client";
import type { Db, Tx } from "../../db/database.ts";

export const ONBOARDING_STEPS = ["language", "role", "organisation", "territory"] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

export interface OnboardingState {
  step: OnboardingStep;
  role?: string;
  /** Came through an invitation: the role is given, not asked (and the organisation too when the invitation names one). */
  invited?: { organisationSet: boolean };
  /** The privacy notice was shown (once, at the start of onboarding). */
  noticeShown?: boolean;
}

function toData(state: OnboardingState): Prisma.InputJsonObject {
  return {
    ...(state.role ? { role: state.role } : {}),
    ...(state.invited ? { invited: state.invited } : {}),
    ...(state.noticeShown ? { noticeShown: true } : {}),
  };
}

/** The onboarding in progress for this identity, started at the first step if there is none. */
export async function loadOnboarding(db: Db, networkId: string, identityId: string): Promise<OnboardingState> {
  const row = await db.conversation.upsert({
    where: { identityId },
    create: { networkId, identityId, flow: "onboarding", step: "language" },
    update: {},
  });
  const data = row.data as { role?: string; invited?: { organisationSet?: boolean }; noticeShown?: boolean };
  const step = (ONBOARDING_STEPS as readonly string[]).includes(row.step) ? (row.step as OnboardingStep) : "language";
  return {
    step,
    ...(data.role ? { role: data.role } : {}),
    ...(data.invited ? { invited: { organisationSet: data.invited.organisationSet === true } } : {}),
    ...(data.noticeShown === true ? { noticeShown: true } : {}),
  };
}

/** `step`, or the first step after it that is still to answer (an invited member is not asked the role, nor a given organisation). */
export function openStep(step: OnboardingStep, state: Pick<OnboardingState, "invited">): OnboardingStep {
  const skipped = (s: OnboardingStep) =>
    !!state.invited && (s === "role" || (s === "organisation" && state.invited.organisationSet));
  let at = ONBOARDING_STEPS.indexOf(step);
  while (skipped(ONBOARDING_STEPS[at]!) && at < ONBOARDING_STEPS.length - 1) at++;
  return ONBOARDING_STEPS[at]!;
}

/** The step after `step` that is still to answer. */
export function nextStep(
  step: Exclude<OnboardingStep, "territory">,
  state: Pick<OnboardingState, "invited">,
): OnboardingStep {
  return openStep(ONBOARDING_STEPS[ONBOARDING_STEPS.indexOf(step) + 1]!, state);
}

/** Moves the onboarding to `step`, keeping what was answered so far. */
export async function saveOnboarding(db: Tx, identityId: string, state: OnboardingState): Promise<void> {
  await db.conversation.update({ where: { identityId }, data: { step: state.step, data: toData(state) } });
}

/**
 * Marks the onboarding as coming from an invitation (created at its first step, or kept where it
 * was), so the role and a given organisation are no longer asked; returns the step to ask now.
 */
export async function inviteIntoOnboarding(
  db: Tx,
  networkId: string,
  identityId: string,
  organisationSet: boolean,
): Promise<OnboardingStep> {
  const row = await db.conversation.findUnique({ where: { identityId } });
  const invited = { organisationSet };
  const noticeShown = row?.flow === "onboarding" && (row.data as { noticeShown?: boolean }).noticeShown === true;
  const current =
    row?.flow === "onboarding" && (ONBOARDING_STEPS as readonly string[]).includes(row.step)
      ? (row.step as OnboardingStep)
      : "language";
  const step = openStep(current, { invited });
  const data = toData({ step, invited, noticeShown });
  await db.conversation.upsert({
    where: { identityId },
    create: { networkId, identityId, flow: "onboarding", step, data },
    update: { networkId, flow: "onboarding", step, data },
  });
  return step;
}

/** Ends the onboarding conversation. */
export async function endOnboarding(db: Tx, identityId: string): Promise<void> {
  await db.conversation.deleteMany({ where: { identityId } });
}
