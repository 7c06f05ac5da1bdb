import type { Event, Prisma } from "@prisma/client";
import { DateTime } from "luxon";
import { PARIS } from "../../calendar/paris.ts";
import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { staleAction } from "../../core/errors.ts";
import type { MessageKey } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import { isUuid } from "../../shared/ids.ts";
import { EVT } from "./actions.ts";
import { check, type EventFormMode, eventColumns, eventForm, formLinks } from "./create.ts";
import { formatWhen, shortRef } from "./format.ts";
import { withdrawReminders } from "./mutations.ts";
import { notifyMembers } from "./notify.ts";
import { promoteWaiting } from "./registration.ts";
import { queueEventReminders } from "./reminders.ts";
import { eventFormSchema, readQuestions } from "./schema.ts";

type Values = Record<string, string | string[]>;
type Tx = Prisma.TransactionClient;

const editMode = (id: string): EventFormMode => ({
  formId: `evtedit:${id}`,
  title: "events.edit.title",
  submit: "events.edit.submit",
  intro: "events.edit.intro",
  refused: "events.edit.refused",
  repeat: false,
});

const paris = (at: Date) => DateTime.fromJSDate(at, { zone: PARIS });

/** The form's values for an event as it is now, so the organiser only changes what differs. */
export function valuesOf(event: Event): Values {
  return {
    title: event.title,
    description: event.description ?? "",
    type: event.type,
    date: paris(event.startsAt).toFormat("dd/MM/yyyy"),
    start: paris(event.startsAt).toFormat("HH:mm"),
    end: paris(event.endsAt).toFormat("HH:mm"),
    place: event.place ?? "",
    onlineUrl: event.onlineUrl ?? "",
    capacity: event.capacity === null ? "" : String(event.capacity),
    waitlist: event.waitlist ? "yes" : "no",
    // Registration closes at the midnight after the day typed (or at the start): that day is the one shown.
    closes: event.registrationClosesAt
      ? paris(new Date(event.registrationClosesAt.getTime() - 1)).toFormat("dd/MM/yyyy")
      : "",
    roles: [...event.audienceRoles],
    territories: [...event.audienceTerritoryIds],
    ficheActionId: event.ficheActionId ?? "",
    questions: readQuestions(event.questions)
      .map((q) => q.label)
      .join("\n"),
  };
}

/** `événement <n°> modifier` and the "Modifier" button: the creation form, filled in with the event. */
export async function editEventForm(ctx: Context, event: Event): Promise<Reply[]> {
  if (event.status !== "SCHEDULED") return [say(ctx.t("events.edit.notScheduled", { title: event.title }))];
  const replies = await eventForm(ctx, valuesOf(event), [], editMode(event.id));
  if (event.seriesId) replies.unshift(say(ctx.t("events.edit.oneOfSeries")));
  return replies;
}

type Saved =
  | { kind: "gone" }
  | { kind: "notScheduled"; title: string }
  | { kind: "belowRegistered"; registered: number }
  | { kind: "saved"; event: Event; told: number; promoted: number };

/** What changed for registrants' plans: the time, the place (or link), or both. */
function changeOf(before: Event, after: Event): MessageKey | null {
  const time =
    before.startsAt.getTime() !== after.startsAt.getTime() || before.endsAt.getTime() !== after.endsAt.getTime();
  const place = before.place !== after.place || before.onlineUrl !== after.onlineUrl;
  if (time && place) return "events.notify.what.timeAndPlace";
  if (time) return "events.notify.what.time";
  if (place) return "events.notify.what.place";
  return null;
}

/**
 * Saves the edited event under its row lock: refused like a creation, or when the capacity falls
 * below the members already registered. The calendar sequence goes up; a new time or place withdraws
 * the reminders, queues new ones and tells registrants (with the updated .ics a button away); a
 * larger capacity promotes the members waiting, in order.
 */
export async function saveEventEdit(ctx: Context, values: Values, [id = ""]: string[]): Promise<Reply[]> {
  if (!isUuid(id)) throw staleAction();
  const mode = editMode(id);
  const parsed = eventFormSchema.safeParse(values);
  if (!parsed.success)
    return eventForm(ctx, values, [...new Set(parsed.error.issues.map((i) => ctx.t(i.message as MessageKey)))], mode);
  const form = parsed.data;
  const checked = check(ctx, form);
  if (!checked.ok) return eventForm(ctx, values, checked.problems, mode);
  const links = await formLinks(ctx, form);
  if (!links.ok) return eventForm(ctx, values, links.problems, mode);
  const saved = await ctx.db.$transaction(async (tx): Promise<Saved> => {
    await tx.$queryRaw`select id from "Event" where id = ${id}::uuid for update`;
    const before = await tx.event.findFirst({ where: { id, networkId: ctx.actor.networkId } });
    if (!before) return { kind: "gone" };
    if (before.status !== "SCHEDULED") return { kind: "notScheduled", title: before.title };
    const registered = await tx.eventRegistration.findMany({
      where: { eventId: id, status: "REGISTERED" },
      select: { id: true, memberId: true },
    });
    if (checked.capacity !== null && checked.capacity < registered.length)
      return { kind: "belowRegistered", registered: registered.length };
    const event = await tx.event.update({
      where: { id },
      data: { ...eventColumns(form, checked, links.ficheActionId), sequence: { increment: 1 } },
    });
    const what = changeOf(before, event);
    let told = 0;
    if (what || before.title !== event.title) {
      // Before anything new is queued: the old reminders carry the old time, title and sequence.
      await withdrawReminders(tx, id);
      await queueEventReminders(tx, event, registered, ctx.platforms, ctx.now);
    }
    if (what) {
      const waiting = await tx.eventRegistration.findMany({
        where: { eventId: id, status: "WAITLISTED" },
        select: { memberId: true },
      });
      const notice = (calendar: boolean) => ({
        key: "events.notify.changed" as const,
        keyOf: (m: string) => `event-changed:${id}:${event.sequence}:${m}`,
        platforms: ctx.platforms,
        now: ctx.now,
        cancelButton: true,
        calendarButton: calendar,
        params: { what: { phrase: what }, end: { instant: event.endsAt.toISOString(), style: "time" as const } },
      });
      told += await notifyMembers(
        tx,
        event,
        registered.map((r) => r.memberId),
        notice(true),
      );
      told += await notifyMembers(
        tx,
        event,
        waiting.map((r) => r.memberId),
        notice(false),
      );
    }
    // Promoted after the change notices: the promotion notice already gives the new time and place.
    const promoted = await promoteWaiting(tx, event, ctx.platforms, ctx.now);
    return { kind: "saved", event, told, promoted: promoted.length };
  });
  if (saved.kind === "gone") throw staleAction();
  if (saved.kind === "notScheduled") return [say(ctx.t("events.edit.notScheduled", { title: saved.title }))];
  if (saved.kind === "belowRegistered")
    return eventForm(
      ctx,
      values,
      [ctx.t("events.edit.capacityBelow", { registered: saved.registered, ref: shortRef(id) })],
      mode,
    );
  const { event } = saved;
  return [
    say(
      ctx.t("events.edit.done", {
        title: event.title,
        when: formatWhen(event, ctx),
        told: saved.told,
        promoted: saved.promoted,
      }),
      [{ id: pressId(EVT.registrants, event.id), label: ctx.t("events.buttons.registrants") }],
    ),
  ];
}
