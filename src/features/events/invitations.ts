import type { Event } from "@prisma/client";
import { afterQuietHours } from "../../calendar/reminders.ts";
import { pressId } from "../../core/actions.ts";
import type { Platform } from "../../core/inbound.ts";
import type { Tx } from "../../db/database.ts";
import { enqueueMessages } from "../../delivery/outbox.ts";
import type { Notice } from "../../delivery/payload.ts";
import { findRecipients } from "../../delivery/recipients.ts";
import { EVT } from "./actions.ts";
import { activeCohortInterns, comingCohortEvents } from "./data.ts";

type InvitedEvent = Pick<Event, "id" | "networkId" | "title" | "startsAt" | "place" | "onlineUrl">;

/** The key that makes an invitation queued once per event and member, whatever re-runs it. */
export const invitationKey = (eventId: string, memberId: string) => `event-invite:${eventId}:${memberId}`;

/**
 * Queues, in the caller's transaction, an invitation with a one-tap "register" button to each
 * reachable member. Not urgent: it waits for the end of quiet hours and respects a muted "event".
 */
export async function queueInvitations(
  tx: Tx,
  event: InvitedEvent,
  memberIds: readonly string[],
  now: Date,
  platforms: readonly Platform[],
): Promise<number> {
  const recipients = await findRecipients(tx, memberIds, platforms);
  const notice: Notice = {
    key: "cohorts.invite.notice",
    params: {
      title: event.title,
      start: { instant: event.startsAt.toISOString(), style: "datetime" },
      place: event.place ?? event.onlineUrl ?? "—",
    },
    choices: [{ id: pressId(EVT.register, event.id), label: "events.buttons.register", style: "primary" }],
  };
  return enqueueMessages(
    tx,
    [...recipients.values()].map((r) => ({
      networkId: event.networkId,
      idempotencyKey: invitationKey(event.id, r.memberId),
      platform: r.platform,
      target: { to: "member" as const, id: r.externalId },
      memberId: r.memberId,
      category: "event",
      causeId: event.id,
      notBefore: afterQuietHours(now, { startMin: r.quietStartMin, endMin: r.quietEndMin }),
      payload: { kind: "notice", notice },
    })),
  );
}

/** Invites every intern of the cohort to its new event (a welcome evening); returns how many were queued. */
export async function inviteCohort(
  tx: Tx,
  event: InvitedEvent & { cohortId: string | null },
  now: Date,
  platforms: readonly Platform[],
): Promise<number> {
  if (!event.cohortId) return 0;
  const interns = await activeCohortInterns(tx, event.cohortId, event.networkId);
  return queueInvitations(
    tx,
    event,
    interns.map((m) => m.id),
    now,
    platforms,
  );
}

/**
 * Invites a member who just joined a cohort to the cohort's events that are neither over nor
 * cancelled (a late arrival, or issue 7's deep link); returns how many invitations were queued.
 */
export async function inviteToCohortEvents(
  tx: Tx,
  memberId: string,
  cohortId: string,
  now: Date,
  platforms: readonly Platform[],
): Promise<number> {
  const events = await comingCohortEvents(tx, cohortId, now);
  let queued = 0;
  for (const event of events) queued += await queueInvitations(tx, event, [memberId], now, platforms);
  return queued;
}
