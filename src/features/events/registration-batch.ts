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
  /** `position` is known for those the batch put on the waiting list (their row is written at the end). */
  members: Map<string, { status: RegistrationStatus; queuedAt: Date; position?: number }>;
}

/** What a press decided; the rows are written together once every press of the batch is decided. */
interface Decision {
  press: Press;
  status: RegistrationStatus;
  queuedAt: Date;
  /** The member had a row already (a cancelled registration): it is reused. */
  reuse: boolean;
  position: number;
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
      const decided: (Decision | AppError)[] = [];
      for (const press of presses) {
        try {
          decided.push(await decide(tx, locked, state, press));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          decided.push(error);
        }
      }
      const decisions = decided.filter((d): d is Decision => !(d instanceof AppError));
      const ids = await writeDecisions(tx, locked, decisions);
      await queueReminders(
        tx,
        locked,
        decisions.filter((d) => d.status === "REGISTERED"),
        ids,
      );
      return decided.map((d) =>
        d instanceof AppError ? { ok: false, error: d } : { ok: true, outcome: outcome(d, ids) },
      );
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

/** One press, with the event locked: the same checks and answers as a press on its own; writes nothing. */
async function decide(tx: Tx, locked: Event, state: BatchState, press: Press): Promise<Decision> {
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
      position: existing.position ?? (await waitlistPosition(tx, locked.id, existing.queuedAt)),
    });
  }
  // Someone already waiting means the places are taken: a newcomer never jumps the queue.
  const full = locked.capacity !== null && (state.registered >= locked.capacity || state.lastQueuedAt !== null);
  if (full && !locked.waitlist) throw new AppError("event_full", "events.errors.full", { title });
  const status: RegistrationStatus = full ? "WAITLISTED" : "REGISTERED";
  // Members queued by the same clock tick keep the order the lock gave them.
  const last = state.lastQueuedAt;
  const queuedAt = last && last >= now ? new Date(last.getTime() + 1) : now;
  const reuse = existing !== undefined;
  if (status === "REGISTERED") {
    state.registered++;
    state.members.set(member.id, { status, queuedAt });
    return { press, status, queuedAt, reuse, position: 0 };
  }
  // The new queuedAt is later than every other waiting member's: its place is the end of the queue.
  state.lastQueuedAt = queuedAt;
  state.waitlisted++;
  state.members.set(member.id, { status, queuedAt, position: state.waitlisted });
  return { press, status, queuedAt, reuse, position: state.waitlisted };
}

/** Writes the batch's rows: new ones in one insert, reused ones one by one; returns the ids by member. */
async function writeDecisions(tx: Tx, locked: Event, decisions: readonly Decision[]): Promise<Map<string, string>> {
  const data = (d: Decision) => ({
    status: d.status,
    answers: d.press.answers ?? {},
    queuedAt: d.queuedAt,
    cancelledAt: null,
    checkedInAt: null,
  });
  const fresh = decisions.filter((d) => !d.reuse);
  const created =
    fresh.length === 0
      ? []
      : await tx.eventRegistration.createManyAndReturn({
          data: fresh.map((d) => ({
            ...data(d),
            networkId: locked.networkId,
            eventId: locked.id,
            memberId: d.press.member.id,
          })),
          select: { id: true, memberId: true },
        });
  const ids = new Map(created.map((r) => [r.memberId, r.id]));
  for (const d of decisions.filter((d) => d.reuse)) {
    const memberId = d.press.member.id;
    const row = await tx.eventRegistration.update({
      where: { eventId_memberId: { eventId: locked.id, memberId } },
      data: data(d),
      select: { id: true },
    });
    ids.set(memberId, row.id);
  }
  return ids;
}

function outcome(d: Decision, ids: ReadonlyMap<string, string>): RegistrationOutcome {
  const registrationId = ids.get(d.press.member.id)!;
  return d.status === "REGISTERED"
    ? { status: "REGISTERED", registrationId }
    : { status: "WAITLISTED", registrationId, position: d.position };
}

/** Queues the batch's reminders, one call per set of presses that would queue the same reminder times. */
async function queueReminders(
  tx: Tx,
  locked: Event,
  registered: readonly Decision[],
  ids: ReadonlyMap<string, string>,
): Promise<void> {
  const groups = new Map<
    string,
    { platforms: readonly Platform[]; now: Date; regs: { id: string; memberId: string }[] }
  >();
  for (const { press } of registered) {
    // Without the platforms the bot runs on, reminders go to the member's last attached account.
    const platforms = press.platforms ?? PLATFORMS;
    const key = `${platforms.join(",")}|${eventReminderTimes(locked, press.now).map((t) => t.slot)}`;
    const group = groups.get(key) ?? { platforms, now: press.now, regs: [] };
    group.regs.push({ id: ids.get(press.member.id)!, memberId: press.member.id });
    groups.set(key, group);
  }
  for (const g of groups.values()) await queueEventReminders(tx, locked, g.regs, g.platforms, g.now);
}
