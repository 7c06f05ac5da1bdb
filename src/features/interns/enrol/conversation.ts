import type { Tx } from "../../../db/database.ts";

/** The questions asked after an intern opens their cohort's link, in order; `site-typed` waits for a site typed after "Autre". */
export const ENROL_STEPS = ["language", "site", "site-typed", "arrival"] as const;
export type EnrolStep = (typeof ENROL_STEPS)[number];

const FLOW = "enrol";

/** Where an intern is in their enrolment questions, kept in the database so a restart loses nothing. */
export interface EnrolState {
  step: EnrolStep;
  cohortId: string;
}

/** True when the conversation the enrolment is about to replace is an onboarding that already showed the privacy notice. */
export async function noticeShownInOnboarding(db: Tx, identityId: string): Promise<boolean> {
  const row = await db.conversation.findUnique({ where: { identityId }, select: { flow: true, data: true } });
  return row?.flow === "onboarding" && (row.data as { noticeShown?: boolean } | null)?.noticeShown === true;
}

/** Starts (or restarts) the questions, replacing any other conversation in progress (an unfinished onboarding). */
export async function startEnrolment(
  db: Tx,
  networkId: string,
  identityId: string,
  cohortId: string,
): Promise<EnrolState> {
  const data = { cohortId };
  await db.conversation.upsert({
    where: { identityId },
    create: { networkId, identityId, flow: FLOW, step: "language", data },
    update: { networkId, flow: FLOW, step: "language", data },
  });
  return { step: "language", cohortId };
}

/** The enrolment in progress for this identity, or undefined (none, or another conversation). */
export async function loadEnrolment(db: Tx, identityId: string): Promise<EnrolState | undefined> {
  const row = await db.conversation.findUnique({ where: { identityId } });
  if (!row || row.flow !== FLOW) return undefined;
  const { cohortId } = row.data as { cohortId?: string };
  const step = (ENROL_STEPS as readonly string[]).includes(row.step) ? (row.step as EnrolStep) : "language";
  return cohortId ? { step, cohortId } : undefined;
}

/** Moves to the next question. */
export async function saveEnrolment(db: Tx, identityId: string, state: EnrolState): Promise<void> {
  await db.conversation.updateMany({
    where: { identityId, flow: FLOW },
    data: { step: state.step, data: { cohortId: state.cohortId } },
  });
}

/** Ends the questions. */
export async function endEnrolment(db: Tx, identityId: string): Promise<void> {
  await db.conversation.deleteMany({ where: { identityId, flow: FLOW } });
}
