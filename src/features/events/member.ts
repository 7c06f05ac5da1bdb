import type { Event } from "@prisma/client";
import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { staleAction } from "../../core/errors.ts";
import { type Reply, say } from "../../core/reply.ts";
import { EVT } from "./actions.ts";
import {
  findNetworkEvent,
  loadAudienceMember,
  memberStatusIn,
  myRegistrations,
  registeredCounts,
  upcomingEventsFor,
} from "./data.ts";
import { eventBlock, formatWhen, formatWhere } from "./format.ts";
import { eventCalendar } from "./ics.ts";
import { calendarOptions } from "./notify.ts";
import { cancelRegistration, registerForEvent } from "./registration.ts";
import { type RegistrationOutcome, waitlistPosition } from "./registration-batch.ts";
import { readQuestions } from "./schema.ts";

const registerButton = (ctx: Context, id: string) => ({
  id: pressId(EVT.register, id),
  label: ctx.t("events.buttons.register"),
  style: "primary" as const,
});
const cancelButton = (ctx: Context, id: string) => ({
  id: pressId(EVT.unregister, id),
  label: ctx.t("events.buttons.cancel"),
  style: "danger" as const,
});

/** `événements`: the upcoming events the member may register for, each with its button. */
export async function listUpcomingEvents(ctx: Context): Promise<Reply[]> {
  const member = await loadAudienceMember(ctx.db, ctx.actor.memberId);
  const events = await upcomingEventsFor(ctx.db, ctx.actor.networkId, member, ctx.now);
  if (events.length === 0) return [say(ctx.t("events.list.none"))];
  const counts = await registeredCounts(
    ctx.db,
    events.map((e) => e.id),
  );
  const mine = await memberStatusIn(
    ctx.db,
    member.id,
    events.map((e) => e.id),
  );
  const status = new Map(mine.map((r) => [r.eventId, r.status]));
  return [
    say(ctx.t("events.list.intro", { count: events.length })),
    ...events.map((e) => {
      const s = status.get(e.id);
      const line =
        eventBlock(e, counts.get(e.id) ?? 0, ctx) +
        (s ? `\n${ctx.t(s === "REGISTERED" ? "events.list.youAreIn" : "events.list.youWait")}` : "");
      return say(line, [s ? cancelButton(ctx, e.id) : registerButton(ctx, e.id)]);
    }),
  ];
}

async function eventOf(ctx: Context, id: string): Promise<Event | null> {
  return findNetworkEvent(ctx.db, ctx.actor.networkId, id);
}

/** The registration questions as a form, before registering. */
function questionsForm(ctx: Context, event: Event): Reply[] {
  const questions = readQuestions(event.questions);
  return [
    {
      text: ctx.t("events.register.questionsIntro", { title: event.title }),
      visibility: "private",
      form: {
        id: `evtreg:${event.id}`,
        title: ctx.t("events.register.formTitle"),
        submitLabel: ctx.t("events.buttons.register"),
        fields: questions.map((q) => ({
          name: q.id,
          label: q.label,
          type: "text" as const,
          required: false,
          maxLength: 300,
        })),
      },
    },
  ];
}

async function confirmation(ctx: Context, event: Event, outcome: RegistrationOutcome): Promise<Reply[]> {
  const params = { title: event.title, when: formatWhen(event, ctx), where: formatWhere(event, ctx) };
  if (outcome.status !== "REGISTERED")
    return [
      say(ctx.t("events.register.waitlisted", { ...params, position: outcome.position }), [
        cancelButton(ctx, event.id),
      ]),
    ];
  // The place is the member's: the event goes into their calendar app (PUBLISH: imported, not an invitation to answer).
  const calendar = eventCalendar(event, { ...(await calendarOptions(ctx)), method: "PUBLISH" });
  return [{ ...say(ctx.t("events.register.done", params), [cancelButton(ctx, event.id)]), files: [calendar] }];
}

/** The Register button: the questions first if the event asks any, else registration at once. */
export async function pressRegister(ctx: Context, id: string): Promise<Reply[]> {
  const event = await eventOf(ctx, id);
  if (!event) throw staleAction();
  if (readQuestions(event.questions).length > 0) return questionsForm(ctx, event);
  return register(ctx, event, {});
}

/** The questions form submitted: registers with the answers. */
export async function submitAnswers(
  ctx: Context,
  values: Record<string, string | string[]>,
  [id = ""]: string[],
): Promise<Reply[]> {
  const event = await eventOf(ctx, id);
  if (!event) throw staleAction();
  const answers: Record<string, string> = {};
  for (const q of readQuestions(event.questions)) {
    const v = values[q.id];
    const text = (Array.isArray(v) ? v.join(", ") : (v ?? "")).trim().slice(0, 300);
    if (text) answers[q.id] = text;
  }
  return register(ctx, event, answers);
}

async function register(ctx: Context, event: Event, answers: Record<string, string>): Promise<Reply[]> {
  const member = await loadAudienceMember(ctx.db, ctx.actor.memberId);
  const outcome = await registerForEvent(ctx.db, { event, member, answers, now: ctx.now, platforms: ctx.platforms });
  return confirmation(ctx, event, outcome);
}

/** The Cancel button: gives up the place or leaves the waiting list. */
export async function pressCancel(ctx: Context, id: string): Promise<Reply[]> {
  const event = await eventOf(ctx, id);
  if (!event) throw staleAction();
  const outcome = await cancelRegistration(ctx.db, {
    event,
    memberId: ctx.actor.memberId,
    now: ctx.now,
    platforms: ctx.platforms,
  });
  return [
    say(
      ctx.t(outcome.was === "REGISTERED" ? "events.cancel.done" : "events.cancel.leftWaitlist", { title: event.title }),
      [registerButton(ctx, event.id)],
    ),
  ];
}

/** `mes inscriptions`: registrations and waiting-list places, each with its cancel button. */
export async function listMyRegistrations(ctx: Context): Promise<Reply[]> {
  const rows = await myRegistrations(ctx.db, ctx.actor.memberId, ctx.now);
  if (rows.length === 0) return [say(ctx.t("events.mine.none"))];
  const replies = [say(ctx.t("events.mine.intro", { count: rows.length }))];
  for (const r of rows) {
    const base = { title: r.event.title, when: formatWhen(r.event, ctx), where: formatWhere(r.event, ctx) };
    const text =
      r.status === "REGISTERED"
        ? ctx.t("events.mine.registered", base)
        : ctx.t("events.mine.waitlisted", { ...base, position: await waitlistPosition(ctx.db, r.eventId, r.queuedAt) });
    replies.push(say(text, [cancelButton(ctx, r.eventId)]));
  }
  return replies;
}
