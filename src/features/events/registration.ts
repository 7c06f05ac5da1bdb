import type { Event, Prisma } from "@prisma/client";
import { AppError } from "../../core/errors.ts";
import type { Platform } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";
import { type AudienceMember, inAudience } from "./audience.ts";
import { EVENT_TRANSACTION, oneAtATime } from "./event-queue.ts";
import { notifyMembers } from "./notify.ts";
import { type EventRef, lockEvent, pressRegister, type RegistrationOutcome } from "./registration-batch.ts";
import { cancelEventReminders, queueEventReminders } from "./reminders.ts";

type Tx = Prisma.TransactionClient;

/**
 * Registers the member, or puts them on the waiting list when the event is full; refuses with a
 * sentence when registration is closed, the event cancelled or started, the member already in, or
 * outside the audience. Re-registering after a cancellation reuses the row. Presses on one event
 * are written in batches, in the order they arrived (`registration-batch.ts`).
 */
export async function registerForEvent(
  db: Db,
  input: {
    event: EventRef;
    member: AudienceMember;
    answers?: Record<string, string>;
    now: Date;
    platforms?: readonly Platform[];
  },
): Promise<RegistrationOutcome> {
  const { event, member } = input;
  if (!(await inAudience(db, event, member))) throw new AppError("event_audience", "events.errors.audience");
  return pressRegister(db, event, { member, answers: input.answers, now: input.now, platforms: input.platforms });
}

/** What a cancellation did: the place given up, and the member promoted from the waiting list, if any. */
export interface CancellationOutcome {
  was: "REGISTERED" | "WAITLISTED";
  promotedMemberId: string | null;
}

/**
 * Cancels the member's registration or leaves the waiting list. A freed place goes to the first
 * member waiting, who is told through the outbox in the same transaction.
 */
export async function cancelRegistration(
  db: Db,
  input: { event: EventRef; memberId: string; now: Date; platforms: readonly Platform[] },
): Promise<CancellationOutcome> {
  const { event, memberId, now } = input;
  return oneAtATime(event.id, () =>
    db.$transaction(async (tx) => {
      const locked = await lockEvent(tx, event);
      const existing = await tx.eventRegistration.findUnique({
        where: { eventId_memberId: { eventId: locked.id, memberId } },
      });
      if (!existing || existing.status === "CANCELLED")
        throw new AppError("event_not_registered", "events.errors.notRegistered", { title: locked.title });
      const was = existing.status;
      await tx.eventRegistration.update({
        where: { id: existing.id },
        data: { status: "CANCELLED", cancelledAt: now },
      });
      await cancelEventReminders(tx, locked.id, "registration cancelled", memberId);
      if (was !== "REGISTERED" || locked.status === "CANCELLED" || locked.startsAt <= now)
        return { was, promotedMemberId: null };
      const [promoted] = await promoteWaiting(tx, locked, input.platforms, now, 1);
      return { was, promotedMemberId: promoted ?? null };
    }, EVENT_TRANSACTION),
  );
}

/**
 * Gives free places to the members waiting, in queue order, inside the caller's transaction with the
 * event row locked: each is told (with a button for the calendar file) and gets their reminders.
 * Returns the promoted members' ids. `max` bounds how many (a cancellation frees one place).
 */
export async function promoteWaiting(
  tx: Tx,
  locked: Event,
  platforms: readonly Platform[],
  now: Date,
  max = Number.POSITIVE_INFINITY,
): Promise<string[]> {
  if (locked.status !== "SCHEDULED" || locked.startsAt <= now) return [];
  const registered = await tx.eventRegistration.count({ where: { eventId: locked.id, status: "REGISTERED" } });
  const free = Math.min(max, locked.capacity === null ? Number.POSITIVE_INFINITY : locked.capacity - registered);
  if (free <= 0) return [];
  const next = await tx.eventRegistration.findMany({
    where: { eventId: locked.id, status: "WAITLISTED" },
    orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
    ...(Number.isFinite(free) ? { take: free } : {}),
  });
  if (next.length === 0) return [];
  await tx.eventRegistration.updateMany({
    where: { id: { in: next.map((r) => r.id) } },
    data: { status: "REGISTERED" },
  });
  for (const reg of next) {
    await notifyMembers(tx, locked, [reg.memberId], {
      key: "events.notify.promoted",
      keyOf: () => `event-promoted:${reg.id}:${reg.queuedAt.getTime()}`,
      platforms,
      now,
      cancelButton: true,
      calendarButton: true,
    });
  }
  await queueEventReminders(
    tx,
    locked,
    next.map((r) => ({ id: r.id, memberId: r.memberId })),
    platforms,
    now,
  );
  return next.map((r) => r.memberId);
}
