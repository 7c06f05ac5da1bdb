import type { Event } from "@prisma/client";
import { afterQuietHours } from "../../calendar/reminders.ts";
import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { staleAction } from "../../core/errors.ts";
import type { MessageKey } from "../../core/i18n.ts";
import type { Platform } from "../../core/inbound.ts";
import { type Reply, say } from "../../core/reply.ts";
import type { Tx } from "../../db/database.ts";
import { enqueueMessages } from "../../delivery/outbox.ts";
import type { Notice, NoticeChoice } from "../../delivery/payload.ts";
import { findRecipients } from "../../delivery/recipients.ts";
import { networkName } from "../../services/directory/data.ts";
import { EVT } from "./actions.ts";
import { findNetworkEvent, registrationStatus } from "./data.ts";
import { type EventCalendarOptions, eventCalendar, eventCancellationCalendar } from "./ics.ts";

/** How to tell members about a change to their registration. */
export interface EventNotice {
  key: MessageKey;
  keyOf: (memberId: string) => string;
  platforms: readonly Platform[];
  now: Date;
  /** Offers "cancel my registration" under the notice. */
  cancelButton?: boolean;
  /**
   * Offers "📅 add to calendar" (evt:cal:<id>), which answers with the event's current .ics: notices
   * are rendered when sent and cannot carry files, so the file is made when the member asks.
   */
  calendarButton?: boolean;
  /** More parameters of the sentence (what changed). */
  params?: Notice["params"];
}

/**
 * Queues one notice per reachable member in the caller's transaction. Recipients are read through
 * the transaction too: who is promoted is only known once the event is locked.
 */
export async function notifyMembers(
  tx: Tx,
  event: Pick<Event, "id" | "networkId" | "title" | "startsAt" | "place" | "onlineUrl">,
  memberIds: readonly string[],
  n: EventNotice,
): Promise<number> {
  const recipients = await findRecipients(tx, memberIds, n.platforms);
  const notice: Notice = {
    key: n.key,
    params: {
      title: event.title,
      start: { instant: event.startsAt.toISOString(), style: "datetime" },
      place: event.place ?? event.onlineUrl ?? "—",
      ...n.params,
    },
  };
  const choices: NoticeChoice[] = [
    ...(n.calendarButton ? [{ id: pressId(EVT.calendar, event.id), label: "events.buttons.calendar" as const }] : []),
    ...(n.cancelButton
      ? [{ id: pressId(EVT.unregister, event.id), label: "events.buttons.cancel" as const, style: "danger" as const }]
      : []),
  ];
  if (choices.length > 0) notice.choices = choices;
  return enqueueMessages(
    tx,
    [...recipients.values()].map((r) => ({
      networkId: event.networkId,
      idempotencyKey: n.keyOf(r.memberId),
      platform: r.platform,
      target: { to: "member" as const, id: r.externalId },
      memberId: r.memberId,
      category: "event",
      // A freed place or a cancelled event changes the member's plans: sent even if they muted events.
      urgent: true,
      causeId: event.id,
      notBefore: afterQuietHours(n.now, { startMin: r.quietStartMin, endMin: r.quietEndMin }),
      payload: { kind: "notice", notice },
    })),
  );
}

/** The "📅 add to calendar" button: the event's .ics as it is now, for a member who holds a place. */
export async function pressCalendar(ctx: Context, id: string): Promise<Reply[]> {
  const event = await findNetworkEvent(ctx.db, ctx.actor.networkId, id);
  if (!event) throw staleAction();
  const mine = await registrationStatus(ctx.db, event.id, ctx.actor.memberId);
  if (mine?.status !== "REGISTERED") return [say(ctx.t("events.calendar.notRegistered", { title: event.title }))];
  const options = await calendarOptions(ctx);
  // A cancelled event's file removes it from the member's calendar (METHOD:CANCEL) rather than updating it.
  const file =
    event.status === "CANCELLED"
      ? eventCancellationCalendar(event, options)
      : eventCalendar(event, { ...options, method: "PUBLISH" });
  return [
    {
      ...say(
        ctx.t(event.status === "CANCELLED" ? "events.calendar.cancelled" : "events.calendar.file", {
          title: event.title,
        }),
      ),
      files: [file],
    },
  ];
}

/** What every calendar file of the network carries: the network's name as ORGANIZER, the bot as product. */
export async function calendarOptions(ctx: Context): Promise<Omit<EventCalendarOptions, "method">> {
  return {
    organizer: { name: await networkName(ctx.db, ctx.actor.networkId) },
    productName: "partner-network-bot",
    now: ctx.now,
  };
}
