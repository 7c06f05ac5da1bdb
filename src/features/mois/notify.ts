import type { Event } from "@prisma/client";
import { afterQuietHours } from "../../calendar/reminders.ts";
import { pressId } from "../../core/actions.ts";
import type { Platform } from "../../core/inbound.ts";
import type { Tx } from "../../db/database.ts";
import { enqueueMessages } from "../../delivery/outbox.ts";
import type { Notice } from "../../delivery/payload.ts";
import { findRecipients } from "../../delivery/recipients.ts";
import { MDN } from "./actions.ts";
import { reviewersOf } from "./data.ts";
import { isTheme, publicOf } from "./schema.ts";

type Animation = Pick<Event, "id" | "networkId" | "title" | "startsAt" | "place" | "topic" | "intendedPublic">;

async function queue(
  tx: Tx,
  event: Animation,
  memberIds: readonly string[],
  notice: Notice,
  keyOf: (memberId: string) => string,
  platforms: readonly Platform[],
  now: Date,
): Promise<number> {
  const recipients = await findRecipients(tx, memberIds, platforms);
  return enqueueMessages(
    tx,
    [...recipients.values()].map((r) => ({
      networkId: event.networkId,
      idempotencyKey: keyOf(r.memberId),
      platform: r.platform,
      target: { to: "member" as const, id: r.externalId },
      memberId: r.memberId,
      category: "event",
      // Not the event's causeId: cancelling its reminders must not withdraw a decision.
      notBefore: afterQuietHours(now, { startMin: r.quietStartMin, endMin: r.quietEndMin }),
      payload: { kind: "notice", notice },
    })),
  );
}

const baseParams = (event: Animation) => ({
  title: event.title,
  start: { instant: event.startsAt.toISOString(), style: "datetime" as const },
  place: event.place ?? "—",
});

/** Tells the network coordinators (but the proposer) a proposal awaits them, with Approve and Decline buttons. */
export async function notifyReviewers(
  tx: Tx,
  event: Animation,
  proposer: { memberId: string; organisation: string },
  platforms: readonly Platform[],
  now: Date,
): Promise<number> {
  const reviewers = await reviewersOf(tx, event.networkId, proposer.memberId);
  const notice: Notice = {
    key: "mois.notify.proposed",
    params: {
      ...baseParams(event),
      organisation: proposer.organisation,
      theme: { phrase: isTheme(event.topic) ? `mois.themes.${event.topic}` : "mois.themes.OTHER" },
      public: { phrase: `mois.publics.${publicOf(event)}` },
    },
    choices: [
      { id: pressId(MDN.approve, event.id), label: "mois.buttons.approve", style: "primary" },
      { id: pressId(MDN.decline, event.id), label: "mois.buttons.decline", style: "danger" },
    ],
  };
  return queue(
    tx,
    event,
    reviewers.map((r) => r.id),
    notice,
    (m) => `mdn-proposed:${event.id}:${m}`,
    platforms,
    now,
  );
}

/** Tells the proposer their animation was approved (it is in the programme) or declined, with the reason. */
export async function notifyProposer(
  tx: Tx,
  event: Animation & { createdById: string | null },
  decision: { approved: boolean; note?: string },
  platforms: readonly Platform[],
  now: Date,
): Promise<number> {
  if (!event.createdById) return 0;
  const notice: Notice = decision.approved
    ? { key: "mois.notify.approved", params: baseParams(event) }
    : { key: "mois.notify.declined", params: { ...baseParams(event), reason: decision.note ?? "—" } };
  return queue(
    tx,
    event,
    [event.createdById],
    notice,
    () => `mdn-${decision.approved ? "approved" : "declined"}:${event.id}`,
    platforms,
    now,
  );
}
