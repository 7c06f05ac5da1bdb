import { randomUUID } from "node:crypto";
import type { DeadlineKind, ResponseStatus } from "@prisma/client";
import type { Platform } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";
import { cancelPending } from "../../delivery/outbox.ts";
import { recordAudit } from "../../services/audit/record.ts";
import type { RecurringDeadline } from "./data.ts";
import { type QueuedReminders, queueDeadlineMessages, recipientsFor, type SchedulableDeadline } from "./schedule.ts";

export interface NewDeadline {
  networkId: string;
  groupId: string;
  title: string;
  kind: DeadlineKind;
  dueAt: Date;
  reminderDays: number[];
  reminderMinute: number;
  /** Cron expression of a recurring series, or null. */
  recurrence: string | null;
  createdById: string;
}

export type CreatedDeadline =
  | { kind: "created"; id: string; group: string; queued: QueuedReminders }
  | { kind: "empty-group"; group: string };

/**
 * Creates a deadline and, in the same transaction, every reminder of every member of its group and
 * its follow-ups (escalation, news digest): what is due lives in the outbox from now on.
 */
export async function createDeadline(
  db: Db,
  input: NewDeadline,
  platforms: readonly Platform[],
  now: Date,
): Promise<CreatedDeadline> {
  const group = await db.workingGroup.findUniqueOrThrow({
    where: { id: input.groupId },
    select: { name: true, leadMemberId: true, members: { select: { memberId: true } } },
  });
  if (group.members.length === 0) return { kind: "empty-group", group: group.name };
  const id = randomUUID();
  const d: SchedulableDeadline = { ...input, id, group: { name: group.name, leadMemberId: group.leadMemberId } };
  const memberIds = group.members.map((m) => m.memberId);
  const recipients = await recipientsFor(db, d, memberIds, platforms);
  const queued = await db.$transaction(
    async (tx) => {
      await tx.deadline.create({
        data: {
          id,
          networkId: input.networkId,
          groupId: input.groupId,
          title: input.title,
          kind: input.kind,
          dueAt: input.dueAt,
          reminderDays: input.reminderDays,
          reminderMinute: input.reminderMinute,
          recurrence: input.recurrence,
          seriesId: input.recurrence ? id : null,
          createdById: input.createdById,
          createdAt: now,
        },
      });
      await recordAudit(tx, {
        networkId: input.networkId,
        actorMemberId: input.createdById,
        action: "deadline.create",
        outcome: "allowed",
        details: { deadlineId: id, groupId: input.groupId },
        at: now,
      });
      return queueDeadlineMessages(tx, d, memberIds, recipients, now);
      // A large group queues thousands of reminders here: more than Prisma's default 5 s on a busy machine.
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return { kind: "created", id, group: group.name, queued };
}

/** Records a member's answer and withdraws their pending reminders of the deadline, together. */
export async function recordAnswer(
  db: Db,
  input: {
    networkId: string;
    deadlineId: string;
    memberId: string;
    status: ResponseStatus;
    reason: string | null;
    now: Date;
  },
): Promise<void> {
  const { networkId, deadlineId, memberId, status, reason, now } = input;
  await db.$transaction(async (tx) => {
    await tx.deadlineResponse.upsert({
      where: { deadlineId_memberId: { deadlineId, memberId } },
      create: { deadlineId, memberId, networkId, status, reason, respondedAt: now },
      update: { status, reason, respondedAt: now },
    });
    await cancelPending(tx, deadlineId, "answered", memberId);
  });
}

/** Saves a news item; sending one counts as answering the collection (reminders stop). */
export async function saveCollectedItem(
  db: Db,
  input: { networkId: string; deadlineId: string; memberId: string; text: string; now: Date },
): Promise<void> {
  const { networkId, deadlineId, memberId, text, now } = input;
  await db.$transaction(async (tx) => {
    await tx.collectedItem.create({ data: { networkId, deadlineId, memberId, text, createdAt: now } });
    await tx.deadlineResponse.upsert({
      where: { deadlineId_memberId: { deadlineId, memberId } },
      create: { deadlineId, memberId, networkId, status: "DONE", respondedAt: now },
      update: { status: "DONE", reason: null, respondedAt: now },
    });
    await cancelPending(tx, deadlineId, "answered", memberId);
  });
}

/** Cancels a deadline and withdraws its pending reminders; null when it was already cancelled (two presses). */
export async function cancelDeadline(
  db: Db,
  input: { networkId: string; deadlineId: string; actorId: string; now: Date },
): Promise<number | null> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.deadline.updateMany({
      where: { id: input.deadlineId, networkId: input.networkId, cancelledAt: null },
      data: { cancelledAt: input.now },
    });
    if (count === 0) return null;
    const withdrawn = await cancelPending(tx, input.deadlineId, "cancelled");
    await recordAudit(tx, {
      networkId: input.networkId,
      actorMemberId: input.actorId,
      action: "deadline.cancel",
      outcome: "allowed",
      details: { deadlineId: input.deadlineId, withdrawn },
      at: input.now,
    });
    return withdrawn;
  });
}

/**
 * Creates `next`, the occurrence after `current`, with its reminders, in one transaction. The unique
 * (seriesId, dueAt) makes it idempotent: the process that finds it already there queues nothing.
 * Returns 1 when it created it, else 0.
 */
export function createNextOccurrence(
  db: Db,
  current: RecurringDeadline,
  next: SchedulableDeadline,
  memberIds: string[],
  recipients: Awaited<ReturnType<typeof recipientsFor>>,
  now: Date,
): Promise<number> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.deadline.createMany({
      data: [
        {
          id: next.id,
          networkId: current.networkId,
          groupId: current.groupId,
          title: current.title,
          kind: current.kind,
          dueAt: next.dueAt,
          reminderDays: current.reminderDays,
          reminderMinute: current.reminderMinute,
          recurrence: current.recurrence,
          seriesId: current.seriesId,
          createdById: current.createdById,
          createdAt: now,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 1) await queueDeadlineMessages(tx, next, memberIds, recipients, now);
    return count;
  });
}
