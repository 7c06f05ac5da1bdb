import type { Prisma } from "@prisma/client";
import type { Db } from "../../db/database.ts";

export const ONBOARDING_STEPS = ["language", "role", "organisation", "territory"] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

export interface OnboardingState {
  step: OnboardingStep;
  role?: string;
}

/** The onboarding in progress for this identity, started at the first step if there is none. */
export async function loadOnboarding(db: Db, networkId: string, identityId: string): Promise<OnboardingState> {
  const row = await db.conversation.upsert({
    where: { identityId },
    create: { networkId, identityId, flow: "onboarding", step: "language" },
    update: {},
  });
  const data = row.data as { role?: string };
  const step = (ONBOARDING_STEPS as readonly string[]).includes(row.step) ? (row.step as OnboardingStep) : "language";
  return data.role ? { step, role: data.role } : { step };
}

/** Moves the onboarding to `step`, keeping what was answered so far. */
export async function saveOnboarding(db: Db | Prisma.TransactionClient, identityId: string, state: OnboardingState): Promise<void> {
  await db.conversation.update({ where: { identityId }, data: { step: state.step, data: state.role ? { role: state.role } : {} } });
}

/** Ends the onboarding conversation. */
export async function endOnboarding(db: Db | Prisma.TransactionClient, identityId: string): Promise<void> {
  await db.conversation.deleteMany({ where: { identityId } });
}
