import type { Event, Prisma, RegistrationStatus } from "@prisma/client";
import { AppError } from "../../core/errors.ts";
import { PLATFORMS, type Platform } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";
import { type AudienceMember, inAudience } from "./audience.ts";
import { EVENT_TRANSACTION, oneAtATime } from "./event-queue.ts";
import { notifyMembers } from "./notify.ts";
import { cancelEventReminders, queueEventReminders } from "./reminders.ts";

type Tx = Prisma.TransactionClient;

/** The event as the engine needs it; it is read again under the lock. */
export interface EventRef {
  id: string;
  networkId: string;
  audienceRoles: readonly string[];
  audienceTerritoryIds: readonly string[];
}

export type RegistrationOutcome =
  | { status: "REGISTERED"; registrationId: string }
  | { status: "WAITLISTED"; registrationId: string; position: number };

/**
 * Locks the event row until the transaction ends: registrations and cancellations of one event run
 * one after the other, so the last place goes to exactly one member (works on PGlite and PostgreSQL).
 */
async function lockEvent(tx: Tx, event: EventRef) {
  await tx.$queryRaw`select id from "Event" where id = ${event.id}::uuid for update`;
  const row = await tx.event.findFirst({ where: { id: event.id, networkId: event.networkId } });
  if (!row) throw new AppError("event_not_found", "events.errors.notFound");
  return row;
}

/** The 1-based place of a waiting registration in its event's queue. */
export async function waitlistPosition(db: Db | Tx, eventId: string, queuedAt: Date): Promise<number> {
  return (
    1 + (await db.eventRegistration.count({ where: { eventId, status: "WAITLISTED", queuedAt: { lt: queuedAt } } }))
  );
}

/**
 * Registers the member, or puts them on the waiting list when the event is full; refuses with a
 * sentence when registration is closed, the event cancelled or started, the member already in, or
 * outside the audience. Re-registering after a cancellation reuses the row.
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
  const { event, member, now } = input;
  if (!(await inAudience(db, event, member))) throw new AppError("event_audience", "events.errors.audience");
  return oneAtATime(event.id, () =>
    db.$transaction(async (tx) => {
      const locked = await lockEvent(tx, event);
      const title = locked.title;
      if (locked.status === "CANCELLED") throw new AppError("event_cancelled", "events.errors.cancelled", { title });
      // A proposed or declined animation is not open to registration (nor shown to members).
      if (locked.status !== "SCHEDULED") throw new AppError("event_not_found", "events.errors.notFound");
      if (now >= locked.startsAt) throw new AppError("event_started", "events.errors.started", { title });
      if (locked.registrationClosesAt && now >= locked.registrationClosesAt)
        throw new AppError("event_closed", "events.errors.closed", { title });
      const key = { eventId_memberId: { eventId: locked.id, memberId: member.id } };
      const existing = await tx.eventRegistration.findUnique({ where: key });
      if (existing?.status === "REGISTERED")
        throw new AppError("event_already_registered", "events.errors.alreadyRegistered", { title });
      if (existing?.status === "WAITLISTED") {
        throw new AppError("event_already_waitlisted", "events.errors.alreadyWaitlisted", {
          title,
          position: await waitlistPosition(tx, locked.id, existing.queuedAt),
        });
      }
      const [registered, lastQueued] = await Promise.all([
        tx.eventRegistration.count({ where: { eventId: locked.id, status: "REGISTERED" } }),
        tx.eventRegistration.findFirst({
          where: { eventId: locked.id, status: "WAITLISTED" },
          orderBy: { queuedAt: "desc" },
          select: { queuedAt: true },
        }),
      ]);
      // Someone already waiting means the places are taken: a newcomer never jumps the queue.
      const full = locked.capacity !== null && (registered >= locked.capacity || lastQueued !== null);
      if (full && !locked.waitlist) throw new AppError("event_full", "events.errors.full", { title });
      const status: RegistrationStatus = full ? "WAITLISTED" : "REGISTERED";
      // Members queued by the same clock tick keep the order the lock gave them.
      const queuedAt = lastQueued && lastQueued.queuedAt >= now ? new Date(lastQueued.queuedAt.getTime() + 1) : now;
      const data = { status, answers: input.answers ?? {}, queuedAt, cancelledAt: null, checkedInAt: null };
      const row = await tx.eventRegistration.upsert({
        where: key,
        create: { ...data, networkId: locked.networkId, eventId: locked.id, memberId: member.id },
        update: data,
        select: { id: true },
      });
      if (status === "REGISTERED") {
        // Without the platforms the bot runs on, reminders go to the member's last attached account.
        await queueEventReminders(tx, locked, [{ id: row.id, memberId: member.id }], input.platforms ?? PLATFORMS, now);
        return { status, registrationId: row.id };
      }
      return { status, registrationId: row.id, position: await waitlistPosition(tx, locked.id, queuedAt) };
    }, EVENT_TRANSACTION),
  );
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
