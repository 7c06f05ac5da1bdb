import { on } from "../../../core/actions.ts";
import type { Feature } from "../../../core/commands.ts";
import type { Context } from "../../../core/context.ts";
import { type Reply, say } from "../../../core/reply.ts";
import { findCohortById } from "../../cohorts/data.ts";
import { ENR } from "./actions.ts";
import { answerEnrolButton } from "./flow.ts";
import { cohortLinkReply } from "./link.ts";

/** `enr.link:<cohortId>`: who manages cohorts (the organisers of their welcome evenings) gets the link. */
async function showLink(ctx: Context, cohortId: string): Promise<Reply[]> {
  const cohort = await findCohortById(ctx.db, ctx.actor.networkId, cohortId);
  if (!cohort) return [say(ctx.t("enrol.errors.cohortGone"))];
  return [await cohortLinkReply(ctx, cohort)];
}

/**
 * Interns' enrolment through their cohort's link (`start c-<code>`, wired in onboarding's `start`):
 * the questions' buttons, and the coordinators' link-and-QR button.
 */
export const enrolFeature: Feature = {
  actions: [
    on(ENR.answer, (ctx, [step, value]) => answerEnrolButton(ctx, step, value)),
    on(ENR.link, (ctx, [cohortId]) => showLink(ctx, cohortId)),
  ],
};

export { answerEnrolText as continueEnrolment, enrolFromLink, enrolOutsideNetwork } from "./flow.ts";
export { cohortCodeInPayload } from "./invite.ts";
export { cohortLinkAction, cohortLinkReply } from "./link.ts";
