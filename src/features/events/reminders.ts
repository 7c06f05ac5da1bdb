import type { Event } from "@prisma/client";
import { addDays, parisDay, parisInstant, parisMinuteOfDay } from "../../calendar/paris.ts";
import { pressId } from "../../core/actions.ts";
import type { MessageKey } from "../../core/i18n.ts";
import type { Platform } from "../../core/inbound.ts";
import type { Tx } from "../../db/database.ts";
import { cancelPending, enqueueMessages, type NewOutboundMessage } from "../../delivery/outbox.ts";
import type { Notice } from "../../delivery/payload.ts";
import { findRecipients } from "../../delivery/recipients.ts";
import { EVT } from "./actions.ts";
import { deleteWithdrawnMessages } from "./mutations.ts";

/** What reminders need to know about an event. */
export type RemindedEvent = Pick<Event, "id" | "networkId" | "title" | "startsAt" | "place" | "onlineUrl" | "sequence">;

/** One reminder of an event: `slot` names it in idempotency keys ("7d", "1d", "2h", "start"). */
export interface EventReminderTime {
  slot: "7d" | "1d" | "2h" | "start";
  at: Date;
  key: MessageKey;
}

const HOUR = 3_600_000;

/** `days` Paris calendar days before `at`, at the same wall-clock time: across a DST change it is not 24 h × days. */
function sameTimeDaysBefore(at: Date, days: number): Date {
  const seconds = at.getTime() % 60_000;
  return new Date(parisInstant(addDays(parisDay(at), -days), parisMinuteOfDay(at)).getTime() + seconds);
}

/**
 * When a registrant is reminded: 7 days and 1 day before at the event's wall-clock time, 2 hours
 * before, and for an online event when it starts. Only those strictly after `now` are kept.
 */
export function eventReminderTimes(event: Pick<Event, "startsAt" | "onlineUrl">, now: Date): EventReminderTime[] {
  const start = event.startsAt;
  const times: EventReminderTime[] = [
    { slot: "7d", at: sameTimeDaysBefore(start, 7), key: "events.reminders.week" },
    { slot: "1d", at: sameTimeDaysBefore(start, 1), key: "events.reminders.day" },
    { slot: "2h", at: new Date(start.getTime() - 2 * HOUR), key: "events.reminders.soon" },
    ...(event.onlineUrl ? [{ slot: "start" as const, at: start, key: "events.reminders.startingNow" as const }] : []),
  ];
  return times.filter((t) => t.at > now);
}

/** The reminder's sentence, rendered when sent in the member's language; a button to give up the place. */
export function eventReminderNotice(event: RemindedEvent, t: EventReminderTime): Notice {
  const cancel = [
    { id: pressId(EVT.unregister, event.id), label: "events.buttons.cancel" as const, style: "danger" as const },
  ];
  if (t.slot === "start")
    return { key: t.key, params: { title: event.title, link: event.onlineUrl ?? "—" }, choices: cancel };
  return {
    key: t.key,
    params: {
      title: event.title,
      start: { instant: event.startsAt.toISOString(), style: "datetime" },
      place: event.place ?? event.onlineUrl ?? "—",
    },
    choices: cancel,
  };
}

/** The idempotency key of one registration's reminder; the sequence makes a rescheduled event queue afresh. */
export function eventReminderKey(registrationId: string, slot: string, sequence: number): string {
  return `event-reminder:${registrationId}:${slot}:${sequence}`;
}

/**
 * Queues, in the caller's transaction, the reminders of members who just got a place (registered or
 * promoted). Returns how many rows were queued; unreachable members get nothing.
 */
export async function queueEventReminders(
  tx: Tx,
  event: RemindedEvent,
  registrations: readonly { id: string; memberId: string }[],
  platforms: readonly Platform[],
  now: Date,
): Promise<number> {
  const times = eventReminderTimes(event, now);
  if (times.length === 0 || registrations.length === 0) return 0;
  const recipients = await findRecipients(
    tx,
    registrations.map((r) => r.memberId),
    platforms,
  );
  const rows: NewOutboundMessage[] = registrations.flatMap((reg) => {
    const r = recipients.get(reg.memberId);
    if (!r) return [];
    return times.map((t) => ({
      networkId: event.networkId,
      idempotencyKey: eventReminderKey(reg.id, t.slot, event.sequence),
      platform: r.platform,
      target: { to: "member" as const, id: r.externalId },
      memberId: r.memberId,
      // Not "reminder": members mute working-group reminders, and would then miss events they chose to attend.
      category: "event",
      causeId: event.id,
      // No quiet hours: a 2-hour reminder for an 08:30 event held until 08:00 or later is useless,
      // and "starting now" must go at the start. The member asked for these by registering.
      notBefore: t.at,
      payload: { kind: "notice", notice: eventReminderNotice(event, t) },
    }));
  });
  // A member registering again after cancelling keeps the same registration id, so the same keys:
  // their withdrawn (never sent) reminders would block the new ones.
  await deleteWithdrawnMessages(
    tx,
    event.networkId,
    rows.map((m) => m.idempotencyKey),
  );
  return enqueueMessages(tx, rows);
}

/** Withdraws the unsent reminders (and other pending notices) of one member, or of everyone, for this event. */
export async function cancelEventReminders(
  tx: Tx,
  eventId: string,
  reason: string,
  memberId?: string,
): Promise<number> {
  return cancelPending(tx, eventId, reason, memberId);
}
