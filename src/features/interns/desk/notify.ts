import { afterQuietHours } from "../../../calendar/reminders.ts";
import { pressId } from "../../../core/actions.ts";
import type { Platform } from "../../../core/inbound.ts";
import type { Tx } from "../../../db/database.ts";
import { enqueueMessages } from "../../../delivery/outbox.ts";
import type { NoticeParam } from "../../../delivery/payload.ts";
import { findRecipients } from "../../../delivery/recipients.ts";
import { DESK } from "./actions.ts";
import { DESK_COORDINATORS } from "./schema.ts";

/** What both notices say about the request. */
export interface RequestFacts {
  id: string;
  networkId: string;
  number: number;
  question: string;
  internName: string;
  cohortName: string | null;
  site: string | null;
}

/**
 * Tells every active network coordinator (each on the platform they are reached on) in the asking
 * transaction: the question exists if and only if they are told. Quiet hours hold it until morning.
 */
export async function notifyCoordinators(
  tx: Tx,
  r: RequestFacts,
  platforms: readonly Platform[],
  now: Date,
): Promise<number> {
  const coordinators = await tx.member.findMany({
    where: { networkId: r.networkId, status: "ACTIVE", roles: { hasSome: [...DESK_COORDINATORS] } },
    select: { id: true },
  });
  const recipients = await findRecipients(
    tx,
    coordinators.map((c) => c.id),
    platforms,
  );
  const params: Record<string, NoticeParam> = {
    number: r.number,
    name: r.internName,
    cohort: r.cohortName ?? { phrase: "welcomeDesk.noCohort" },
    site: r.site ?? { phrase: "welcomeDesk.noSite" },
    question: r.question,
  };
  return enqueueMessages(
    tx,
    [...recipients.values()].map((c) => ({
      networkId: r.networkId,
      idempotencyKey: `welcome-question:${r.id}:${c.memberId}`,
      platform: c.platform,
      target: { to: "member" as const, id: c.externalId },
      memberId: c.memberId,
      category: "welcome-desk",
      // A question is work for the coordinator: it reaches them even if they muted this category.
      urgent: true,
      causeId: r.id,
      notBefore: afterQuietHours(now, { startMin: c.quietStartMin, endMin: c.quietEndMin }),
      payload: {
        kind: "notice",
        notice: {
          key: "welcomeDesk.notify.question",
          params,
          choices: [{ id: pressId(DESK.answer, r.id), label: "welcomeDesk.buttons.answer", style: "primary" }],
        },
      },
    })),
  );
}

/** Queues the answer to the intern who asked; false when they can no longer be reached (left, purged, no account). */
export async function relayAnswer(
  tx: Tx,
  r: { id: string; networkId: string; number: number; question: string; answer: string; memberId: string | null },
  platforms: readonly Platform[],
  now: Date,
): Promise<boolean> {
  if (!r.memberId) return false;
  const recipient = (await findRecipients(tx, [r.memberId], platforms)).get(r.memberId);
  if (!recipient) return false;
  await enqueueMessages(tx, [
    {
      networkId: r.networkId,
      idempotencyKey: `welcome-answer:${r.id}`,
      platform: recipient.platform,
      target: { to: "member", id: recipient.externalId },
      memberId: recipient.memberId,
      category: "welcome-desk",
      // The answer they are waiting for: never dropped by a muted category; quiet hours still apply.
      urgent: true,
      causeId: r.id,
      notBefore: afterQuietHours(now, { startMin: recipient.quietStartMin, endMin: recipient.quietEndMin }),
      payload: {
        kind: "notice",
        notice: {
          key: "welcomeDesk.notify.answer",
          params: { number: r.number, question: r.question, answer: r.answer },
          choices: [{ id: pressId(DESK.ask), label: "welcomeDesk.buttons.askAgain" }],
        },
      },
    },
  ]);
  return true;
}
