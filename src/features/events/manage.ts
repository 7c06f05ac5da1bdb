import type { Event, Prisma } from "@prisma/client";
import { ruleFrequency } from "../../calendar/rrule.ts";
import { pressId } from "../../core/actions.ts";
import { normaliseWord } from "../../core/command-words.ts";
import type { Context } from "../../core/context.ts";
import { staleAction } from "../../core/errors.ts";
import { LOCALES, type MessageKey, rawMessage } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import { showFeedback } from "../interns/schedule/feedback.ts";
import { EVT } from "./actions.ts";
import { presentCount, showAttendance } from "./attendance.ts";
import { attendanceSheetReply } from "./attendance-sheet.ts";
import { cancellationReach, findEvents, findNetworkEvent, registrantsOf } from "./data.ts";
import { editEventForm } from "./edit.ts";
import { eventBlock, formatWhen, shortRef } from "./format.ts";
import { notifyMembers } from "./notify.ts";
import { cancelEventReminders } from "./reminders.ts";
import { readQuestions } from "./schema.ts";

type Tx = Prisma.TransactionClient;

const words = (key: MessageKey) => new Set(LOCALES.flatMap((l) => rawMessage(l, key).split(",").map(normaliseWord)));
const REGISTRANTS_WORDS = words("events.commands.registrantsWords");
const CANCEL_WORDS = words("events.commands.cancelWords");
const EDIT_WORDS = words("events.commands.editWords");
const ATTENDANCE_WORDS = words("events.commands.attendanceWords");
const SHEET_WORDS = words("events.commands.sheetWords");
const FEEDBACK_WORDS = words("internSchedule.commands.feedbackWords");

/** `événement <n°|titre> inscrits|annuler|modifier`: finds the one event meant, or says how to name it. */
export async function manageEvent(ctx: Context, args: string): Promise<Reply[]> {
  const parts = args.trim().split(/\s+/);
  const verb = normaliseWord(parts.at(-1) ?? "");
  const reference = parts.slice(0, -1).join(" ");
  const run = REGISTRANTS_WORDS.has(verb)
    ? showRegistrants
    : CANCEL_WORDS.has(verb)
      ? askCancelEvent
      : EDIT_WORDS.has(verb)
        ? editEventForm
        : undefined;
  const attendance = ATTENDANCE_WORDS.has(verb)
    ? showAttendance
    : SHEET_WORDS.has(verb)
      ? attendanceSheetReply
      : undefined;
  return manageWith(ctx, reference, run ?? attendance ?? (FEEDBACK_WORDS.has(verb) ? showFeedback : undefined));
}

async function manageWith(
  ctx: Context,
  reference: string,
  run: ((ctx: Context, event: Event) => Promise<Reply[]>) | undefined,
): Promise<Reply[]> {
  if (!run || reference === "") return [say(ctx.t("events.manage.help"))];
  const found = await findEvents(ctx.db, ctx.actor.networkId, reference);
  if (found.length === 0) return [say(ctx.t("events.manage.notFound", { reference }))];
  if (found.length > 1)
    return [
      say(
        [
          ctx.t("events.manage.several", { reference }),
          ...found.map((e) => `• ${e.title} (n° ${shortRef(e.id)}, ${formatWhen(e, ctx)})`),
        ].join("\n"),
      ),
    ];
  return run(ctx, found[0]!);
}

async function eventById(ctx: Context, id: string): Promise<Event | null> {
  return findNetworkEvent(ctx.db, ctx.actor.networkId, id);
}

/** Registrants, then the waiting list in order, with their answers to the questions. */
export async function showRegistrants(ctx: Context, event: Event): Promise<Reply[]> {
  const rows = await registrantsOf(ctx.db, event.id);
  const questions = readQuestions(event.questions);
  const line = (r: (typeof rows)[number], prefix: string) => {
    const answers = r.answers as Record<string, string>;
    const said = questions.flatMap((q) => (answers[q.id] ? [`${q.label} : ${answers[q.id]}`] : []));
    const who = r.member.organisation
      ? `${r.member.displayName} (${r.member.organisation.name})`
      : r.member.displayName;
    return `${prefix} ${who}${said.length ? ` — ${said.join(" ; ")}` : ""}`;
  };
  const registered = rows.filter((r) => r.status === "REGISTERED");
  const waiting = rows.filter((r) => r.status === "WAITLISTED");
  const repeats = ruleFrequency(event.recurrence);
  const lines = [
    eventBlock(event, registered.length, ctx) + (repeats ? `\n${ctx.t(`events.series.${repeats}`)}` : ""),
    ...(event.status === "CANCELLED" ? [ctx.t("events.manage.isCancelled")] : []),
    ctx.t("events.manage.registered", { count: registered.length }),
    ...registered.map((r) => line(r, "•")),
    ...(waiting.length
      ? [ctx.t("events.manage.waiting", { count: waiting.length }), ...waiting.map((r, i) => line(r, `${i + 1}.`))]
      : []),
    ...(ctx.now >= event.startsAt && event.status !== "CANCELLED"
      ? [
          ctx.t("events.attendance.presentCount", {
            present: await presentCount(ctx.db, event.id),
            registered: registered.length,
          }),
        ]
      : []),
  ];
  const choices =
    event.status === "CANCELLED"
      ? []
      : [
          { id: pressId(EVT.edit, event.id), label: ctx.t("events.buttons.edit") },
          { id: pressId(EVT.attendance, event.id), label: ctx.t("events.buttons.attendance") },
          { id: pressId(EVT.sheet, event.id), label: ctx.t("events.buttons.sheet") },
          {
            id: pressId(EVT.askCancel, event.id),
            label: ctx.t("events.buttons.cancelEvent"),
            style: "danger" as const,
          },
        ];
  return [say(lines.join("\n"), choices)];
}

/** Asks before cancelling: every registrant will be told. */
export async function askCancelEvent(ctx: Context, event: Event): Promise<Reply[]> {
  if (event.status === "CANCELLED") return [say(ctx.t("events.manage.alreadyCancelled", { title: event.title }))];
  const { count, following } = await cancellationReach(ctx.db, event);
  if (following > 0) {
    // One date of a recurring meeting: this one, or this one and the following.
    return [
      say(
        ctx.t("events.series.confirmCancel", { title: event.title, when: formatWhen(event, ctx), count, following }),
        [
          { id: pressId(EVT.cancelEvent, event.id), label: ctx.t("events.buttons.cancelThisOne"), style: "danger" },
          {
            id: pressId(EVT.cancelFollowing, event.id),
            label: ctx.t("events.buttons.cancelFollowing", { count: following + 1 }),
            style: "danger",
          },
          { id: pressId(EVT.registrants, event.id), label: ctx.t("events.buttons.keep") },
        ],
      ),
    ];
  }
  return [
    say(ctx.t("events.manage.confirmCancel", { title: event.title, count }), [
      { id: pressId(EVT.cancelEvent, event.id), label: ctx.t("events.buttons.confirmCancel"), style: "danger" },
      { id: pressId(EVT.registrants, event.id), label: ctx.t("events.buttons.keep") },
    ]),
  ];
}

/** Cancels one event under its row lock, bumps its calendar sequence and tells its registrants and waiting members; null if already cancelled. */
async function cancelOne(tx: Tx, ctx: Context, id: string): Promise<number | null> {
  await tx.$queryRaw`select id from "Event" where id = ${id}::uuid for update`;
  const event = await tx.event.findUniqueOrThrow({ where: { id } });
  if (event.status === "CANCELLED") return null;
  await tx.event.update({
    where: { id: event.id },
    data: { status: "CANCELLED", cancelledAt: ctx.now, sequence: { increment: 1 } },
  });
  // Before the cancellation notices are queued: they share the event as cause.
  await cancelEventReminders(tx, event.id, "event cancelled");
  const members = await tx.eventRegistration.findMany({
    where: { eventId: event.id, status: { in: ["REGISTERED", "WAITLISTED"] } },
    select: { memberId: true },
  });
  await notifyMembers(
    tx,
    event,
    members.map((m) => m.memberId),
    {
      key: "events.notify.cancelled",
      keyOf: (m) => `event-cancelled:${event.id}:${m}`,
      platforms: ctx.platforms,
      now: ctx.now,
    },
  );
  return members.length;
}

/** Cancels the event, bumps its calendar sequence, and tells every registrant and waiting member in the same transaction. */
export async function cancelEvent(ctx: Context, id: string): Promise<Reply[]> {
  const found = await eventById(ctx, id);
  if (!found) throw staleAction();
  const told = await ctx.db.$transaction((tx) => cancelOne(tx, ctx, found.id));
  if (told === null) return [say(ctx.t("events.manage.alreadyCancelled", { title: found.title }))];
  return [say(ctx.t("events.manage.cancelled", { title: found.title, count: told }))];
}

/** Cancels this date of a recurring meeting and every later one still scheduled, in one transaction. */
export async function cancelFollowing(ctx: Context, id: string): Promise<Reply[]> {
  const found = await eventById(ctx, id);
  if (!found) throw staleAction();
  if (!found.seriesId) return cancelEvent(ctx, id);
  const seriesId = found.seriesId;
  const result = await ctx.db.$transaction(async (tx) => {
    const dates = await tx.event.findMany({
      where: { seriesId, status: "SCHEDULED", startsAt: { gte: found.startsAt } },
      orderBy: { startsAt: "asc" },
      select: { id: true },
    });
    let told = 0;
    let cancelled = 0;
    for (const d of dates) {
      const n = await cancelOne(tx, ctx, d.id);
      if (n !== null) {
        cancelled++;
        told += n;
      }
    }
    return { cancelled, told };
  });
  if (result.cancelled === 0) return [say(ctx.t("events.manage.alreadyCancelled", { title: found.title }))];
  return [say(ctx.t("events.series.cancelled", { title: found.title, dates: result.cancelled, count: result.told }))];
}

/** The buttons of a coordinator's event: registrants, edit, cancel?, cancel (this date / and the following). */
export async function pressManage(ctx: Context, verb: string, id: string): Promise<Reply[]> {
  if (verb === "xx") return cancelEvent(ctx, id);
  if (verb === "xs") return cancelFollowing(ctx, id);
  const event = await eventById(ctx, id);
  if (!event) throw staleAction();
  if (verb === "e") return editEventForm(ctx, event);
  return verb === "x" ? askCancelEvent(ctx, event) : showRegistrants(ctx, event);
}
