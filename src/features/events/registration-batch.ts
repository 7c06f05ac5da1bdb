import type { Event, Prisma, RegistrationStatus } from "@prisma/client";
import { AppError } from "../../core/errors.ts";
import { PLATFORMS, type Platform } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";
import type { AudienceMember } from "./audience.ts";
import { EVENT_TRANSACTION, oneAtATime } from "./event-queue.ts";
import { eventReminderTimes, queueEventReminders } from "./reminders.ts";

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

/** One member's press, waiting for its batch. */
interface Press {
  member: AudienceMember;
  answers?: Record<string, string>;
  now: Date;
  platforms?: readonly Platform[];
  resolve: (outcome: RegistrationOutcome) => void;
  reject: (error: unknown) => void;
}

/** The event's registrations as the batch changes them, so each press sees the ones before it. */
interface BatchState {
  registered: number;
  waitlisted: number;
  lastQueuedAt: Date | null;
  members: Map<string, { status: RegistrationStatus; queuedAt: Date }>;
}

/** A registered press whose reminders are queued once the batch's presses are applied. */
interface Reminded {
  registration: { id: string; memberId: string };
  platforms: readonly Platform[];
  now: Date;
}

// Per database, the presses of each event not yet taken by a batch.
const pendingByDb = new WeakMap<Db, Map<string, Press[]>>();

/**
 * Locks the event row until the transaction ends: registrations and cancellations of one event run
 * one after the other, so the last place goes to exactly one member (works on PGlite and PostgreSQL).
 */
export async function lockEvent(tx: Tx, event: EventRef) {
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
 * Queues a press on "register" for the event's next batch: presses arriving while a batch is written
 * join the next one, which takes the event's lock once and applies them in the order they arrived.
 */
export function pressRegister(db: Db, event: EventRef, press: Omit<Press, "resolve" | "reject">) {
  return new Promise<RegistrationOutcome>((resolve, reject) => {
    let pending = pendingByDb.get(db);
    if (!pending) pendingByDb.set(db, (pending = new Map()));
    const waiting = pending.get(event.id);
    if (waiting) return void waiting.push({ ...press, resolve, reject });
    const batch: Press[] = [{ ...press, resolve, reject }];
    pending.set(event.id, batch);
    void oneAtATime(event.id, () => {
      // From here on, new presses start the next batch (behind this one, and any cancellation queued).
      if (pending.get(event.id) === batch) pending.delete(event.id);
      return writeBatch(db, event, batch);
    });
  });
}

/** Writes a batch in one transaction and answers each press; never rejects. */
async function writeBatch(db: Db, event: EventRef, presses: readonly Press[]): Promise<void> {
  let settled: ({ ok: true; outcome: RegistrationOutcome } | { ok: false; error: AppError })[];
  try {
    settled = await db.$transaction(async (tx) => {
      const locked = await lockEvent(tx, event);
      const state = await readState(tx, locked.id, presses);
      const reminded: Reminded[] = [];
      const results: typeof settled = [];
      for (const press of presses) {
        try {
          results.push({ ok: true, outcome: await applyPress(tx, locked, state, press, reminded) });
        } catch (error) {
          // Refusals are decided before a press writes anything; anything else fails the batch.
          if (!(error instanceof AppError)) throw error;
          results.push({ ok: false, error });
        }
      }
      await queueReminders(tx, locked, reminded);
      return results;
    }, EVENT_TRANSACTION);
  } catch (error) {
    if (presses.length === 1) return presses[0]!.reject(error);
    // One press's unexpected failure must not fail the others: each is tried again on its own.
    for (const press of presses) await writeBatch(db, event, [press]);
    return;
  }
  for (const [i, s] of settled.entries()) {
    if (s.ok) presses[i]!.resolve(s.outcome);
    else presses[i]!.reject(s.error);
  }
}

async function readState(tx: Tx, eventId: string, presses: readonly Press[]): Promise<BatchState> {
  const [registered, waitlisted, lastQueued, existing] = await Promise.all([
    tx.eventRegistration.count({ where: { eventId, status: "REGISTERED" } }),
    tx.eventRegistration.count({ where: { eventId, status: "WAITLISTED" } }),
    tx.eventRegistration.findFirst({
      where: { eventId, status: "WAITLISTED" },
      orderBy: { queuedAt: "desc" },
      select: { queuedAt: true },
    }),
    tx.eventRegistration.findMany({
      where: { eventId, memberId: { in: [...new Set(presses.map((p) => p.member.id))] } },
      select: { memberId: true, status: true, queuedAt: true },
    }),
  ]);
  return {
    registered,
    waitlisted,
    lastQueuedAt: lastQueued?.queuedAt ?? null,
    members: new Map(existing.map((r) => [r.memberId, { status: r.status, queuedAt: r.queuedAt }])),
  };
}

/** One press, with the event locked: the same checks and answers as a press on its own. */
async function applyPress(
  tx: Tx,
  locked: Event,
  state: BatchState,
  press: Press,
  reminded: Reminded[],
): Promise<RegistrationOutcome> {
  const { member, now } = press;
  const title = locked.title;
  if (locked.status === "CANCELLED") throw new AppError("event_cancelled", "events.errors.cancelled", { title });
  // A proposed or declined animation is not open to registration (nor shown to members).
  if (locked.status !== "SCHEDULED") throw new AppError("event_not_found", "events.errors.notFound");
  if (now >= locked.startsAt) throw new AppError("event_started", "events.errors.started", { title });
  if (locked.registrationClosesAt && now >= locked.registrationClosesAt)
    throw new AppError("event_closed", "events.errors.closed", { title });
  const existing = state.members.get(member.id);
  if (existing?.status === "REGISTERED")
    throw new AppError("event_already_registered", "events.errors.alreadyRegistered", { title });
  if (existing?.status === "WAITLISTED") {
    throw new AppError("event_already_waitlisted", "events.errors.alreadyWaitlisted", {
      title,
      position: await waitlistPosition(tx, locked.id, existing.queuedAt),
    });
  }
  // Someone already waiting means the places are taken: a newcomer never jumps the queue.
  const full = locked.capacity !== null && (state.registered >= locked.capacity || state.lastQueuedAt !== null);
  if (full && !locked.waitlist) throw new AppError("event_full", "events.errors.full", { title });
  const status: RegistrationStatus = full ? "WAITLISTED" : "REGISTERED";
  // Members queued by the same clock tick keep the order the lock gave them.
  const last = state.lastQueuedAt;
  const queuedAt = last && last >= now ? new Date(last.getTime() + 1) : now;
  const data = { status, answers: press.answers ?? {}, queuedAt, cancelledAt: null, checkedInAt: null };
  const row = await tx.eventRegistration.upsert({
    where: { eventId_memberId: { eventId: locked.id, memberId: member.id } },
    create: { ...data, networkId: locked.networkId, eventId: locked.id, memberId: member.id },
    update: data,
    select: { id: true },
  });
  state.members.set(member.id, { status, queuedAt });
  if (status === "REGISTERED") {
    state.registered++;
    // Without the platforms the bot runs on, reminders go to the member's last attached account.
    reminded.push({ registration: { id: row.id, memberId: member.id }, platforms: press.platforms ?? PLATFORMS, now });
    return { status, registrationId: row.id };
  }
  // The new queuedAt is later than every other waiting member's: its place is the end of the queue.
  state.lastQueuedAt = queuedAt;
  state.waitlisted++;
  return { status, registrationId: row.id, position: state.waitlisted };
}

/** Queues the batch's reminders, one call per set of presses that would queue the same reminder times. */
async function queueReminders(tx: Tx, locked: Event, reminded: readonly Reminded[]): Promise<void> {
  const groups = new Map<string, Reminded[]>();
  for (const r of reminded) {
    const times = eventReminderTimes(locked, r.now).map((t) => t.slot);
    const key = `${r.platforms.join(",")}|${times.join(",")}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    await queueEventReminders(
      tx,
      locked,
      group.map((r) => r.registration),
      first.platforms,
      first.now,
    );
  }
}
