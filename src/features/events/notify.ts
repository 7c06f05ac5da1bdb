import type { Event, Prisma } from "@prisma/client";
import { afterQuietHours } from "../../calendar/reminders.ts";
import type { MessageKey } from "../../core/i18n.ts";
import type { Platform } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";
import { enqueueMessages } from "../../delivery/outbox.ts";
import type { Notice } from "../../delivery/payload.ts";
import { findRecipients } from "../../delivery/recipients.ts";

/** How to tell members about a change to their registration. */
export interface EventNotice {
  key: MessageKey;
  keyOf: (memberId: string) => string;
  platforms: readonly Platform[];
  now: Date;
  /** Offers "cancel my registration" under the notice. */
  cancelButton?: boolean;
}

/**
 * Queues one notice per reachable member in the caller's transaction. Recipients are read through
 * the transaction too: who is promoted is only known once the event is locked.
 */
export async function notifyMembers(tx: Prisma.TransactionClient, event: Pick<Event, "id" | "networkId" | "title" | "startsAt" | "place" | "onlineUrl">, memberIds: readonly string[], n: EventNotice): Promise<number> {
  const recipients = await findRecipients(tx as unknown as Db, memberIds, n.platforms);
  const notice: Notice = {
    key: n.key,
    params: { title: event.title, start: { instant: event.startsAt.toISOString(), style: "datetime" }, place: event.place ?? event.onlineUrl ?? "—" },
    ...(n.cancelButton ? { choices: [{ id: `evt:c:${event.id}`, label: "events.buttons.cancel", style: "danger" as const }] } : {}),
  };
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
