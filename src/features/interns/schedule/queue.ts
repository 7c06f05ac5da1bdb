import { type CalendarDay, parisDay } from "../../../calendar/paris.ts";
import { afterQuietHours } from "../../../calendar/reminders.ts";
import { pressId } from "../../../core/actions.ts";
import type { Platform } from "../../../core/inbound.ts";
import type { Db } from "../../../db/database.ts";
import { enqueueMessages, type NewOutboundMessage } from "../../../delivery/outbox.ts";
import type { Notice, OutboundPayload } from "../../../delivery/payload.ts";
import { findRecipients } from "../../../delivery/recipients.ts";
import { EVT } from "../../events/actions.ts";
import { GUIDE } from "../../guide/actions.ts";
import { LEAVE } from "../leave/actions.ts";
import { ISCH } from "./actions.ts";
import type { SeasonalUpdate } from "./seasonal.ts";
import {
  arrivalDay,
  arrivalRange,
  CHECKIN_DAYS_AFTER,
  checkInDueAt,
  feedbackDueAt,
  isDueNow,
  semesterRunning,
  tenOClock,
  WELCOME_DAYS_BEFORE,
  welcomeDueAt,
} from "./timing.ts";

/** What one run queued (messages already queued by an earlier run are not counted again). */
export interface QueuedInternSchedule {
  welcomes: number;
  checkIns: number;
  seasonal: number;
  feedback: number;
}

/** Not a mutable category (src/features/mute): the welcome, check-in and seasonal updates always come; feedback belongs to the event. */
export const INTERN_CATEGORY = "intern";
/** The live view that renders a seasonal update in the recipient's language when sent. */
export const SEASONAL_VIEW = "guide-season";

/** Buttons and actions shared with other features (agreed by id). */
export const ACTIONS = {
  guide: pressId(GUIDE.contents),
  ask: pressId(GUIDE.ask),
  keepInTouch: pressId(LEAVE.keepInTouch),
  fine: pressId(ISCH.fine),
  register: (eventId: string) => pressId(EVT.register, eventId),
  rate: (eventId: string, rating: number) => pressId(ISCH.rate, eventId, rating),
} as const;

type Item = {
  networkId: string;
  memberId: string;
  key: string;
  payload: OutboundPayload;
  category: string;
  causeId?: string;
};

/** One message per reachable member (ACTIVE only, see findRecipients), after their quiet hours. */
async function enqueue(db: Db, items: Item[], now: Date, platforms: readonly Platform[]): Promise<number> {
  if (items.length === 0) return 0;
  const recipients = await findRecipients(db, [...new Set(items.map((i) => i.memberId))], platforms);
  const messages: NewOutboundMessage[] = items.flatMap((i) => {
    const r = recipients.get(i.memberId);
    if (!r) return [];
    return [
      {
        networkId: i.networkId,
        idempotencyKey: i.key,
        platform: r.platform,
        target: { to: "member" as const, id: r.externalId },
        memberId: i.memberId,
        category: i.category,
        causeId: i.causeId,
        notBefore: afterQuietHours(now, { startMin: r.quietStartMin, endMin: r.quietEndMin }),
        payload: i.payload,
      },
    ];
  });
  return enqueueMessages(db, messages);
}

const internSelect = {
  id: true,
  networkId: true,
  createdAt: true,
  arrivesOn: true,
  cohortId: true,
  cohort: { select: { arrivesOn: true } },
} as const;

/** Active interns whose arrival day (their own, else their cohort's) is in the range. */
function internsArriving(db: Db, range: { from: Date; to: Date }) {
  const on = { gte: range.from, lte: range.to };
  return db.member.findMany({
    where: {
      status: "ACTIVE",
      roles: { has: "INTERN" },
      OR: [{ arrivesOn: on }, { arrivesOn: null, cohort: { arrivesOn: on } }],
    },
    select: internSelect,
  });
}

const notice = (n: Notice): OutboundPayload => ({ kind: "notice", notice: n });

/**
 * Two weeks before arrival, 10:00 Paris: the welcome, with the guide and the cohort's welcome
 * evening. Only to interns who joined before that moment: onboarding welcomes those who join later.
 */
async function queueWelcomes(db: Db, now: Date, platforms: readonly Platform[]): Promise<number> {
  const interns = (await internsArriving(db, arrivalRange(now, -WELCOME_DAYS_BEFORE))).flatMap((m) => {
    const arrival = arrivalDay(m);
    if (!arrival) return [];
    const dueAt = welcomeDueAt(arrival);
    return isDueNow(dueAt, now) && m.createdAt < dueAt ? [{ ...m, arrival }] : [];
  });
  const cohortIds = [...new Set(interns.flatMap((m) => (m.cohortId ? [m.cohortId] : [])))];
  const evenings = cohortIds.length
    ? await db.event.findMany({
        where: { cohortId: { in: cohortIds }, type: "WELCOME_EVENING", status: "SCHEDULED", startsAt: { gt: now } },
        orderBy: { startsAt: "asc" },
      })
    : [];
  const items = interns.map((m): Item => {
    const evening = evenings.find((e) => e.cohortId === m.cohortId);
    const arrives = { instant: tenOClock(m.arrival).toISOString(), style: "date" as const };
    const n: Notice = evening
      ? {
          key: "internSchedule.welcome.withEvening",
          params: {
            arrives,
            title: evening.title,
            start: { instant: evening.startsAt.toISOString(), style: "datetime" },
            place: evening.place ?? evening.onlineUrl ?? "—",
          },
          choices: [
            { id: ACTIONS.guide, label: "internSchedule.buttons.guide" },
            { id: ACTIONS.register(evening.id), label: "internSchedule.buttons.register", style: "primary" },
          ],
        }
      : {
          key: "internSchedule.welcome.notice",
          params: { arrives },
          choices: [{ id: ACTIONS.guide, label: "internSchedule.buttons.guide" }],
        };
    return {
      networkId: m.networkId,
      memberId: m.id,
      key: `intern-welcome:${m.id}`,
      payload: notice(n),
      category: INTERN_CATEGORY,
    };
  });
  return enqueue(db, items, now, platforms);
}

/** One week after arrival, 10:00 Paris: "found housing? need anything?". */
async function queueCheckIns(db: Db, now: Date, platforms: readonly Platform[]): Promise<number> {
  const interns = await internsArriving(db, arrivalRange(now, CHECKIN_DAYS_AFTER));
  const items = interns.flatMap((m): Item[] => {
    const arrival = arrivalDay(m);
    if (!arrival || !isDueNow(checkInDueAt(arrival), now)) return [];
    const n: Notice = {
      key: "internSchedule.checkIn.notice",
      choices: [
        { id: ACTIONS.fine, label: "internSchedule.buttons.fine", style: "primary" },
        { id: ACTIONS.ask, label: "internSchedule.buttons.help" },
        { id: ACTIONS.keepInTouch, label: "internSchedule.buttons.keepInTouch" },
      ],
    };
    return [
      {
        networkId: m.networkId,
        memberId: m.id,
        key: `intern-checkin:${m.id}`,
        payload: notice(n),
        category: INTERN_CATEGORY,
      },
    ];
  });
  return enqueue(db, items, now, platforms);
}

/** The seasonal updates due now, with the day they are due (this year's, or last year's just after New Year). */
export function dueSeasonalUpdates(
  updates: readonly SeasonalUpdate[],
  now: Date,
): { update: SeasonalUpdate; day: CalendarDay }[] {
  const year = parisDay(now).year;
  return updates.flatMap((update) =>
    [year - 1, year].flatMap((y) => {
      const day = { year: y, ...update.send };
      return isDueNow(tenOClock(day), now) ? [{ update, day }] : [];
    }),
  );
}

/** On each update's day, 10:00 Paris: to every active intern whose semester is running that day. */
async function queueSeasonal(
  db: Db,
  now: Date,
  platforms: readonly Platform[],
  updates: readonly SeasonalUpdate[],
): Promise<number> {
  const due = dueSeasonalUpdates(updates, now);
  if (due.length === 0) return 0;
  const interns = await db.member.findMany({
    where: { status: "ACTIVE", roles: { has: "INTERN" } },
    select: internSelect,
  });
  const items = due.flatMap(({ update, day }) =>
    interns.flatMap((m): Item[] => {
      const arrival = arrivalDay(m);
      if (!arrival || !semesterRunning(arrival, day)) return [];
      return [
        {
          networkId: m.networkId,
          memberId: m.id,
          key: `guide-season:${update.id}:${day.year}:${m.id}`,
          payload: { kind: "live", view: SEASONAL_VIEW, id: update.id },
          category: INTERN_CATEGORY,
        },
      ];
    }),
  );
  return enqueue(db, items, now, platforms);
}

/**
 * The morning after a welcome evening, 10:00 Paris: the three questions, to those checked in (or,
 * when no one was checked in, to those registered).
 */
async function queueFeedback(db: Db, now: Date, platforms: readonly Platform[]): Promise<number> {
  const events = (
    await db.event.findMany({
      where: {
        type: "WELCOME_EVENING",
        status: "SCHEDULED",
        endsAt: { gte: new Date(now.getTime() - 5 * 86_400_000), lte: now },
      },
      select: {
        id: true,
        networkId: true,
        title: true,
        endsAt: true,
        registrations: {
          where: { OR: [{ status: "REGISTERED" }, { checkedInAt: { not: null } }] },
          select: { memberId: true, checkedInAt: true },
        },
      },
    })
  ).filter((e) => isDueNow(feedbackDueAt(e.endsAt), now));
  const items = events.flatMap((e) => {
    const present = e.registrations.filter((r) => r.checkedInAt);
    const asked = present.length > 0 ? present : e.registrations;
    const n: Notice = {
      key: "internSchedule.feedback.notice",
      params: { title: e.title },
      choices: ([1, 2, 3, 4, 5] as const).map((rating) => ({
        id: ACTIONS.rate(e.id, rating),
        label: `internSchedule.feedback.rating${rating}` as const,
      })),
    };
    return asked.map(
      (r): Item => ({
        networkId: e.networkId,
        memberId: r.memberId,
        key: `event-feedback:${e.id}:${r.memberId}`,
        payload: notice(n),
        category: "event",
        causeId: e.id,
      }),
    );
  });
  return enqueue(db, items, now, platforms);
}

/**
 * The "intern-schedule" job, every 15 minutes: whatever is due at 10:00 Paris (welcome, check-in,
 * seasonal updates, feedback) is queued on the first run after it, or caught up within two days;
 * idempotency keys make later runs and concurrent processes queue each message once.
 */
export async function queueInternSchedule(
  db: Db,
  now: Date,
  platforms: readonly Platform[],
  updates: readonly SeasonalUpdate[],
): Promise<QueuedInternSchedule> {
  return {
    welcomes: await queueWelcomes(db, now, platforms),
    checkIns: await queueCheckIns(db, now, platforms),
    seasonal: await queueSeasonal(db, now, platforms, updates),
    feedback: await queueFeedback(db, now, platforms),
  };
}
