import type { DeadlineKind, Prisma } from "@prisma/client";
import { afterQuietHours, reminderTimes } from "../../calendar/reminders.ts";
import { pressId } from "../../core/actions.ts";
import type { Platform } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";
import { enqueueMessages, type NewOutboundMessage } from "../../delivery/outbox.ts";
import type { Notice, NoticeChoice } from "../../delivery/payload.ts";
import { findRecipients, type Recipient } from "../../delivery/recipients.ts";
import { DL } from "./actions.ts";

/** What scheduling a deadline's messages needs to know about it. */
export interface SchedulableDeadline {
  id: string;
  networkId: string;
  title: string;
  kind: DeadlineKind;
  dueAt: Date;
  reminderDays: number[];
  reminderMinute: number;
  createdById: string | null;
  group: { name: string; leadMemberId: string | null };
}

/** How many reminders were queued now, and when the first of them goes. */
export interface QueuedReminders {
  count: number;
  first: Date | null;
  /** Members with no account the bot can write to: they get nothing. */
  unreachable: string[];
}

export const DEADLINE_VIEWS = { overdue: "deadline-overdue", digest: "news-digest" } as const;

/** The answers a reminder offers, by kind of deadline. */
export function answerChoices(kind: DeadlineKind, id: string): NoticeChoice[] {
  const snooze: NoticeChoice = { id: pressId(DL.snooze, id), label: "deadlines.buttons.snooze" };
  if (kind === "MEETING")
    return [
      { id: pressId(DL.attend, id), label: "deadlines.buttons.attend", style: "primary" },
      snooze,
      { id: pressId(DL.cant, id), label: "deadlines.buttons.cantMeeting", style: "danger" },
    ];
  if (kind === "NEWS_COLLECTION")
    return [
      { id: pressId(DL.item, id), label: "deadlines.buttons.sendItem", style: "primary" },
      snooze,
      { id: pressId(DL.nothing, id), label: "deadlines.buttons.nothing" },
    ];
  return [
    { id: pressId(DL.done, id), label: "deadlines.buttons.done", style: "primary" },
    snooze,
    { id: pressId(DL.cant, id), label: "deadlines.buttons.cant", style: "danger" },
  ];
}

/** The reminder's sentence and buttons, rendered when sent in the member's language of the moment. */
export function reminderNotice(d: SchedulableDeadline): Notice {
  return {
    key: `deadlines.reminder.${d.kind}`,
    params: { title: d.title, group: d.group.name, due: { instant: d.dueAt.toISOString(), style: "datetime" } },
    choices: answerChoices(d.kind, d.id),
  };
}

/** `afterQuietHours`, worked out once per instant and window: a group's members share a few windows. */
function heldUntil(cache: Map<string, Date>, at: Date, r: Recipient): Date {
  const key = `${at.getTime()}:${r.quietStartMin}-${r.quietEndMin}`;
  let held = cache.get(key);
  if (!held) cache.set(key, (held = afterQuietHours(at, { startMin: r.quietStartMin, endMin: r.quietEndMin })));
  return held;
}

/** One reminder to one member, held until their quiet hours end. */
export function reminderMessage(
  d: SchedulableDeadline,
  r: Recipient,
  at: Date,
  key: string,
  cache = new Map<string, Date>(),
): NewOutboundMessage {
  return {
    networkId: d.networkId,
    idempotencyKey: key,
    platform: r.platform,
    target: { to: "member", id: r.externalId },
    memberId: r.memberId,
    // Calls for newsletter items are the "news" members may mute; the rest are working-group reminders.
    category: d.kind === "NEWS_COLLECTION" ? "news" : "reminder",
    causeId: d.id,
    notBefore: heldUntil(cache, at, r),
    payload: { kind: "notice", notice: reminderNotice(d) },
  };
}

/** Every reminder still ahead for these members: one per member and reminder day, none at or after the due time. */
export function memberReminders(d: SchedulableDeadline, recipients: Recipient[], now: Date): NewOutboundMessage[] {
  const times = reminderTimes(d.dueAt, { days: d.reminderDays, minute: d.reminderMinute }, now);
  const cache = new Map<string, Date>();
  return recipients.flatMap((r) =>
    times
      .map((t) => reminderMessage(d, r, t.at, `dl:${d.id}:${t.slot}:${r.memberId}`, cache))
      .filter((m) => m.notBefore < d.dueAt),
  );
}

/**
 * What follows the due time: the lead hears once who has not answered (not for a meeting, whose
 * answers the lead reads in the status view); the creator and the lead get the collected news.
 * These rows carry no causeId: a member answering withdraws their own reminders by cause, and must
 * not withdraw these; a view with nothing left to say (everyone answered, deadline cancelled) drops them.
 */
export function followUps(d: SchedulableDeadline, recipients: Map<string, Recipient>): NewOutboundMessage[] {
  const out: NewOutboundMessage[] = [];
  const to = (memberId: string | null, view: string, key: string) => {
    const r = memberId ? recipients.get(memberId) : undefined;
    if (!r) return;
    out.push({
      networkId: d.networkId,
      idempotencyKey: key,
      platform: r.platform,
      target: { to: "member", id: r.externalId },
      memberId: r.memberId,
      category: "reminder",
      notBefore: afterQuietHours(d.dueAt, { startMin: r.quietStartMin, endMin: r.quietEndMin }),
      payload: { kind: "live", view, id: d.id },
    });
  };
  if (d.kind !== "MEETING") to(d.group.leadMemberId, DEADLINE_VIEWS.overdue, `dl:${d.id}:overdue`);
  if (d.kind === "NEWS_COLLECTION") {
    for (const id of new Set([d.createdById, d.group.leadMemberId]))
      if (id) to(id, DEADLINE_VIEWS.digest, `dl:${d.id}:digest:${id}`);
  }
  return out;
}

/** Finds how to reach the members and the people followed up; read before the transaction that queues. */
export async function recipientsFor(
  db: Db,
  d: SchedulableDeadline,
  memberIds: readonly string[],
  platforms: readonly Platform[],
): Promise<Map<string, Recipient>> {
  const ids = [
    ...new Set([
      ...memberIds,
      ...(d.group.leadMemberId ? [d.group.leadMemberId] : []),
      ...(d.createdById ? [d.createdById] : []),
    ]),
  ];
  return findRecipients(db, ids, platforms);
}

/**
 * Queues, in the caller's transaction, the reminders of `memberIds` and the deadline's follow-ups.
 * Idempotency keys make a re-run harmless (members added to a group, a retried rollover).
 */
export async function queueDeadlineMessages(
  tx: Prisma.TransactionClient,
  d: SchedulableDeadline,
  memberIds: readonly string[],
  recipients: Map<string, Recipient>,
  now: Date,
): Promise<QueuedReminders> {
  const reachable = memberIds.flatMap((id) => recipients.get(id) ?? []);
  const reminders = memberReminders(d, reachable, now);
  const count = await enqueueMessages(tx, reminders);
  await enqueueMessages(tx, followUps(d, recipients));
  const first = reminders.reduce<Date | null>(
    (min, m) => (min === null || m.notBefore < min ? m.notBefore : min),
    null,
  );
  return { count, first, unreachable: memberIds.filter((id) => !recipients.has(id)) };
}
