import { randomUUID } from "node:crypto";
import { nextOccurrence } from "../../calendar/recurrence.ts";
import type { Platform } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";
import { queueDeadlineMessages, recipientsFor, type SchedulableDeadline } from "./schedule.ts";

/** The next occurrence after `dueAt` that is still ahead of `now` (a bot stopped for months skips the ones it missed). */
function nextAhead(cron: string, dueAt: Date, now: Date): Date | null {
  let next = nextOccurrence(cron, dueAt);
  while (next && next <= now) next = nextOccurrence(cron, next);
  return next;
}

/**
 * For every recurring series whose latest occurrence is due (and not cancelled: cancelling an
 * occurrence ends its series), creates the next occurrence with its reminders, in one transaction
 * each. The unique (seriesId, dueAt) makes it idempotent: two processes running it at once create
 * one occurrence, and the one that finds it already there queues nothing. Returns how many it created.
 */
export async function rollOverRecurringDeadlines(db: Db, now: Date, platforms: readonly Platform[]): Promise<number> {
  const due = await db.$queryRaw<{ id: string }[]>`
    select d."id"::text as "id" from "Deadline" d
    join "WorkingGroup" g on g."id" = d."groupId"
    where d."recurrence" is not null and d."seriesId" is not null and d."cancelledAt" is null and d."dueAt" <= ${now}
      and g."archivedAt" is null
      and not exists (select 1 from "Deadline" later where later."seriesId" = d."seriesId" and later."dueAt" > d."dueAt")`;
  let created = 0;
  for (const { id } of due) {
    const current = await db.deadline.findUniqueOrThrow({
      where: { id },
      select: {
        networkId: true,
        groupId: true,
        title: true,
        kind: true,
        dueAt: true,
        reminderDays: true,
        reminderMinute: true,
        recurrence: true,
        seriesId: true,
        createdById: true,
        group: { select: { name: true, leadMemberId: true, members: { select: { memberId: true } } } },
      },
    });
    const dueAt = nextAhead(current.recurrence!, current.dueAt, now);
    if (!dueAt) continue;
    const next: SchedulableDeadline = {
      ...current,
      id: randomUUID(),
      dueAt,
      group: { name: current.group.name, leadMemberId: current.group.leadMemberId },
    };
    const memberIds = current.group.members.map((m) => m.memberId);
    const recipients = await recipientsFor(db, next, memberIds, platforms);
    created += await db.$transaction(async (tx) => {
      const { count } = await tx.deadline.createMany({
        data: [
          {
            id: next.id,
            networkId: current.networkId,
            groupId: current.groupId,
            title: current.title,
            kind: current.kind,
            dueAt,
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
  return created;
}
