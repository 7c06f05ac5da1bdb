import { randomUUID } from "node:crypto";
import { nextOccurrence } from "../../calendar/recurrence.ts";
import type { Platform } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";
import { dueRecurringDeadlines, recurringDeadline } from "./data.ts";
import { createNextOccurrence } from "./mutations.ts";
import { recipientsFor, type SchedulableDeadline } from "./schedule.ts";

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
  const due = await dueRecurringDeadlines(db, now);
  let created = 0;
  for (const { id } of due) {
    const current = await recurringDeadline(db, id);
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
    created += await createNextOccurrence(db, current, next, memberIds, recipients, now);
  }
  return created;
}
