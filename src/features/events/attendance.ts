import { randomInt } from "node:crypto";
import { type Event, Prisma } from "@prisma/client";
import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { staleAction } from "../../core/errors.ts";
import { type Choice, type Reply, say } from "../../core/reply.ts";
import type { Db } from "../../db/database.ts";
import { isUuid } from "../../shared/ids.ts";
import { type Budget, hasTriesLeft, recordAttempt } from "../budgets/store.ts";
import { EVT } from "./actions.ts";
import { attendanceSheetReply, checkInTime } from "./attendance-sheet.ts";
import { inAudience } from "./audience.ts";
import { loadAudienceMember } from "./data.ts";
import { formatWhen } from "./format.ts";

/** Check-in buttons per page: with the page and export buttons, within the 25 buttons Slack and Discord show as buttons. */
export const CHECK_IN_PAGE = 20;
/** An event's code works from 2 hours before its start to 12 hours after its end. */
const CODE_OPENS_MS = 2 * 3600_000;
const CODE_CLOSES_MS = 12 * 3600_000;
/** Wrong check-in codes one member may type per quarter hour; then even a right one waits. */
export const CHECK_IN_TRIES_PER_MEMBER: Budget = { max: 5, windowMs: 15 * 60_000 };
/**
 * Wrong codes typed while an event's code is open, per quarter hour, before that event's places at
 * the door go through the organiser only (several accounts guessing together).
 */
export const CHECK_IN_TRIES_PER_EVENT: Budget = { max: 30, windowMs: 15 * 60_000 };

// Six digits: 900,000 codes, against 5 wrong tries per member per quarter hour. Events that got a
// 4-digit code before keep it, and it keeps working.
const drawCode = () => String(randomInt(100_000, 1_000_000));

/**
 * The event's check-in code, drawn at first need: 6 digits unique among the network's events. A
 * code another event holds fails on the unique index and another is drawn.
 */
export async function checkInCodeOf(
  db: Db,
  event: Pick<Event, "id" | "checkInCode">,
  draw: () => string = drawCode,
): Promise<string> {
  if (event.checkInCode) return event.checkInCode;
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      // Only while it has none: two organisers opening the list at once agree on one code.
      await db.event.update({ where: { id: event.id, checkInCode: null }, data: { checkInCode: draw() } });
      break;
    } catch (error) {
      // P2025: another organiser's view gave it a code first.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") break;
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const { checkInCode } = await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { checkInCode: true } });
  if (!checkInCode) throw new Error(`no free check-in code for event ${event.id}`);
  return checkInCode;
}

/** A unique index refused the row (P2002 on both databases, see src/db/pglite-array-params.ts). */
function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** The registered members, in alphabetical order so a page stays the same between presses. */
function registeredOf(db: Db, eventId: string) {
  return db.eventRegistration
    .findMany({
      where: { eventId, status: "REGISTERED" },
      select: {
        id: true,
        checkedInAt: true,
        member: { select: { displayName: true, organisation: { select: { name: true } } } },
      },
    })
    .then((rows) =>
      rows.sort((a, b) => a.member.displayName.localeCompare(b.member.displayName, "fr") || a.id.localeCompare(b.id)),
    );
}

/** The present / registered count, for the registrants view once the event has started. */
export async function presentCount(db: Db, eventId: string): Promise<number> {
  return db.eventRegistration.count({ where: { eventId, status: "REGISTERED", checkedInAt: { not: null } } });
}

/**
 * `événement <n°> présences`: the check-in code, present / registered, and a button per registrant
 * (✓ to check in, ↩ to undo), a page of 20 at a time.
 */
export async function showAttendance(ctx: Context, event: Event, page = 0, notice?: string): Promise<Reply[]> {
  const { t } = ctx;
  const rows = await registeredOf(ctx.db, event.id);
  const pages = Math.max(1, Math.ceil(rows.length / CHECK_IN_PAGE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const shown = rows.slice(current * CHECK_IN_PAGE, (current + 1) * CHECK_IN_PAGE);
  const code = event.status === "SCHEDULED" ? await checkInCodeOf(ctx.db, event) : null;
  const lines = [
    ...(notice ? [notice] : []),
    t("events.attendance.heading", { title: event.title, when: formatWhen(event, ctx) }),
    code ? t("events.attendance.code", { code }) : t("events.attendance.noCode"),
    t("events.attendance.count", { present: rows.filter((r) => r.checkedInAt).length, registered: rows.length }),
    ...(pages > 1
      ? [
          t("events.attendance.page", {
            page: current + 1,
            pages,
            from: current * CHECK_IN_PAGE + 1,
            to: current * CHECK_IN_PAGE + shown.length,
          }),
        ]
      : []),
    ...shown.map((r) => {
      const who = r.member.organisation
        ? `${r.member.displayName} (${r.member.organisation.name})`
        : r.member.displayName;
      return r.checkedInAt ? t("events.attendance.presentLine", { who, time: checkInTime(r.checkedInAt) }) : `· ${who}`;
    }),
    t(rows.length === 0 ? "events.attendance.nobody" : "events.attendance.hint"),
  ];
  const choices: Choice[] = shown.map((r) => ({
    id: pressId(EVT.checkIn, r.id, current),
    label: `${r.checkedInAt ? "↩" : "✓"} ${r.member.displayName}`,
  }));
  if (current > 0)
    choices.push({ id: pressId(EVT.attendance, event.id, current - 1), label: t("events.buttons.previous") });
  if (current < pages - 1)
    choices.push({ id: pressId(EVT.attendance, event.id, current + 1), label: t("events.buttons.next") });
  choices.push({ id: pressId(EVT.sheet, event.id), label: t("events.buttons.sheet") });
  return [say(lines.join("\n"), choices)];
}

/** ✓ / ↩ on the check-in list: marks the registrant present now, or not present. */
export async function toggleCheckIn(ctx: Context, registrationId: string, page: number): Promise<Reply[]> {
  const found = await ctx.db.eventRegistration.findFirst({
    where: { id: registrationId, networkId: ctx.actor.networkId },
    include: { event: true, member: { select: { displayName: true } } },
  });
  if (!found || found.status !== "REGISTERED") throw staleAction();
  const checkedInAt = found.checkedInAt ? null : ctx.now;
  // Compare-and-set: two organisers pressing the same button at once toggle it once, not twice.
  const { count } = await ctx.db.eventRegistration.updateMany({
    where: { id: found.id, checkedInAt: found.checkedInAt },
    data: { checkedInAt },
  });
  const name = found.member.displayName;
  const notice =
    count === 0 ? undefined : ctx.t(checkedInAt ? "events.attendance.checkedIn" : "events.attendance.undone", { name });
  return showAttendance(ctx, found.event, page, notice);
}

const eventOf = async (ctx: Context, id: string) =>
  (await ctx.db.event.findFirst({ where: { id, networkId: ctx.actor.networkId } })) ?? Promise.reject(staleAction());

/** The check-in list of an event, at a page. */
export async function showAttendanceOf(ctx: Context, eventId: string, page: number): Promise<Reply[]> {
  return showAttendance(ctx, await eventOf(ctx, eventId), page);
}

/** The émargement sheet of an event. */
export async function pressSheet(ctx: Context, eventId: string): Promise<Reply[]> {
  return attendanceSheetReply(ctx, await eventOf(ctx, eventId));
}

type CheckInOutcome =
  | { kind: "checkedIn" | "walkIn" | "fromWaitlist" | "full" | "audience" | "askOrganiser" }
  | { kind: "already"; at: Date };

/**
 * `présent 482193`: a registrant is checked in; a member not registered (or waiting) gets a free
 * place at the door if the event has one and is open to them; otherwise they are sent to the organiser.
 * Wrong codes are counted (CHECK_IN_TRIES_*) and say nothing of the events they do not open.
 */
export async function checkInWithCode(ctx: Context, args: string): Promise<Reply[]> {
  const { t, now, db, actor } = ctx;
  const code = args.replace(/[\s.-]/g, "");
  if (!/^(\d{4}|\d{6})$/.test(code)) return [say(t("events.checkIn.help"))];
  const memberKey = `checkin:member:${actor.memberId}`;
  const eventKey = (id: string) => `checkin:event:${id}`;
  if (!(await hasTriesLeft(db, memberKey, CHECK_IN_TRIES_PER_MEMBER, now))) {
    return [say(t("events.checkIn.tooManyTries", { minutes: CHECK_IN_TRIES_PER_MEMBER.windowMs / 60_000 }))];
  }
  const wrong = async () => {
    // A wrong code may be a guess at any code open now: it counts against each of those events.
    const open = await db.event.findMany({
      where: {
        networkId: actor.networkId,
        status: "SCHEDULED",
        checkInCode: { not: null },
        startsAt: { lte: new Date(now.getTime() + CODE_OPENS_MS) },
        endsAt: { gte: new Date(now.getTime() - CODE_CLOSES_MS) },
      },
      select: { id: true },
    });
    await recordAttempt(db, [memberKey, ...open.map((e) => eventKey(e.id))], now);
    return [say(t("events.checkIn.unknownCode", { code }))];
  };
  const event = await db.event.findFirst({ where: { networkId: actor.networkId, checkInCode: code } });
  if (!event || event.status !== "SCHEDULED") return wrong();
  const title = event.title;
  const allowed = await inAudience(db, event, await loadAudienceMember(db, actor.memberId));
  const registration = await db.eventRegistration.findUnique({
    where: { eventId_memberId: { eventId: event.id, memberId: actor.memberId } },
    select: { status: true },
  });
  // Only a member who may see the event (in its audience, or registered) learns it exists from its code.
  const known = allowed || registration !== null;
  if (now.getTime() < event.startsAt.getTime() - CODE_OPENS_MS)
    return known ? [say(t("events.checkIn.tooEarly", { title, code, when: formatWhen(event, ctx) }))] : wrong();
  if (now.getTime() > event.endsAt.getTime() + CODE_CLOSES_MS)
    return known ? [say(t("events.checkIn.over", { title }))] : wrong();
  // Many wrong codes while this code is open (someone trying them all, from several accounts):
  // registrants still check in, but a place at the door is given by the organiser only.
  const walkInsOpen = await hasTriesLeft(db, eventKey(event.id), CHECK_IN_TRIES_PER_EVENT, now);
  const outcome = await ctx.db.$transaction(async (tx): Promise<CheckInOutcome> => {
    // The same row lock as registration: the last free place goes to one member.
    await tx.$queryRaw`select id from "Event" where id = ${event.id}::uuid for update`;
    const key = { eventId_memberId: { eventId: event.id, memberId: ctx.actor.memberId } };
    const existing = await tx.eventRegistration.findUnique({ where: key });
    if (existing?.status === "REGISTERED") {
      if (existing.checkedInAt) return { kind: "already", at: existing.checkedInAt };
      await tx.eventRegistration.update({ where: { id: existing.id }, data: { checkedInAt: now } });
      return { kind: "checkedIn" };
    }
    if (!allowed) return { kind: "audience" };
    if (!walkInsOpen) return { kind: "askOrganiser" };
    const { capacity } = await tx.event.findUniqueOrThrow({ where: { id: event.id }, select: { capacity: true } });
    if (
      capacity !== null &&
      (await tx.eventRegistration.count({ where: { eventId: event.id, status: "REGISTERED" } })) >= capacity
    )
      return { kind: "full" };
    const data = { status: "REGISTERED" as const, checkedInAt: now, cancelledAt: null };
    await tx.eventRegistration.upsert({
      where: key,
      create: { ...data, networkId: event.networkId, eventId: event.id, memberId: ctx.actor.memberId, queuedAt: now },
      update: data,
    });
    return { kind: existing?.status === "WAITLISTED" ? "fromWaitlist" : "walkIn" };
  });
  ctx.log.info({ eventId: event.id, outcome: outcome.kind }, "check-in with code");
  if (outcome.kind === "already") return [say(t("events.checkIn.already", { title, time: checkInTime(outcome.at) }))];
  return [say(t(`events.checkIn.${outcome.kind}`, { title }))];
}
