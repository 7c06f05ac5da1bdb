import type { Event } from "@prisma/client";
import { normaliseWord } from "../../core/command-words.ts";
import type { Context } from "../../core/context.ts";
import { LOCALES, type MessageKey, rawMessage } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import { findEvents, registrantsOf } from "./data.ts";
import { eventBlock, formatWhen, shortRef } from "./format.ts";
import { notifyMembers } from "./notify.ts";
import { cancelEventReminders } from "./reminders.ts";
import { readQuestions } from "./schema.ts";

const words = (key: MessageKey) => new Set(LOCALES.flatMap((l) => rawMessage(l, key).split(",").map(normaliseWord)));
const REGISTRANTS_WORDS = words("events.commands.registrantsWords");
const CANCEL_WORDS = words("events.commands.cancelWords");

/** `événement <n°|titre> inscrits|annuler`: finds the one event meant, or says how to name it. */
export async function manageEvent(ctx: Context, args: string): Promise<Reply[]> {
  const parts = args.trim().split(/\s+/);
  const verb = normaliseWord(parts.at(-1) ?? "");
  const reference = parts.slice(0, -1).join(" ");
  const run = REGISTRANTS_WORDS.has(verb) ? showRegistrants : CANCEL_WORDS.has(verb) ? askCancelEvent : undefined;
  if (!run || reference === "") return [say(ctx.t("events.manage.help"))];
  const found = await findEvents(ctx.db, ctx.actor.networkId, reference);
  if (found.length === 0) return [say(ctx.t("events.manage.notFound", { reference }))];
  if (found.length > 1) return [say([ctx.t("events.manage.several", { reference }), ...found.map((e) => `• ${e.title} (n° ${shortRef(e.id)}, ${formatWhen(e, ctx)})`)].join("\n"))];
  return run(ctx, found[0]!);
}

async function eventById(ctx: Context, id: string): Promise<Event | null> {
  return /^[0-9a-f-]{36}$/i.test(id) ? ctx.db.event.findFirst({ where: { id, networkId: ctx.actor.networkId } }) : null;
}

/** Registrants, then the waiting list in order, with their answers to the questions. */
export async function showRegistrants(ctx: Context, event: Event): Promise<Reply[]> {
  const rows = await registrantsOf(ctx.db, event.id);
  const questions = readQuestions(event.questions);
  const line = (r: (typeof rows)[number], prefix: string) => {
    const answers = r.answers as Record<string, string>;
    const said = questions.flatMap((q) => (answers[q.id] ? [`${q.label} : ${answers[q.id]}`] : []));
    const who = r.member.organisation ? `${r.member.displayName} (${r.member.organisation.name})` : r.member.displayName;
    return `${prefix} ${who}${said.length ? ` — ${said.join(" ; ")}` : ""}`;
  };
  const registered = rows.filter((r) => r.status === "REGISTERED");
  const waiting = rows.filter((r) => r.status === "WAITLISTED");
  const lines = [
    eventBlock(event, registered.length, ctx),
    ...(event.status === "CANCELLED" ? [ctx.t("events.manage.isCancelled")] : []),
    ctx.t("events.manage.registered", { count: registered.length }),
    ...registered.map((r) => line(r, "•")),
    ...(waiting.length ? [ctx.t("events.manage.waiting", { count: waiting.length }), ...waiting.map((r, i) => line(r, `${i + 1}.`))] : []),
  ];
  const choices = event.status === "CANCELLED" ? [] : [{ id: `evt:x:${event.id}`, label: ctx.t("events.buttons.cancelEvent"), style: "danger" as const }];
  return [say(lines.join("\n"), choices)];
}

/** Asks before cancelling: every registrant will be told. */
export async function askCancelEvent(ctx: Context, event: Event): Promise<Reply[]> {
  if (event.status === "CANCELLED") return [say(ctx.t("events.manage.alreadyCancelled", { title: event.title }))];
  const count = await ctx.db.eventRegistration.count({ where: { eventId: event.id, status: { in: ["REGISTERED", "WAITLISTED"] } } });
  return [
    say(ctx.t("events.manage.confirmCancel", { title: event.title, count }), [
      { id: `evt:xx:${event.id}`, label: ctx.t("events.buttons.confirmCancel"), style: "danger" },
      { id: `evt:l:${event.id}`, label: ctx.t("events.buttons.keep") },
    ]),
  ];
}

/** Cancels the event, bumps its calendar sequence, and tells every registrant and waiting member in the same transaction. */
export async function cancelEvent(ctx: Context, id: string): Promise<Reply[]> {
  const found = await eventById(ctx, id);
  if (!found) return [say(ctx.t("errors.staleAction"))];
  const told = await ctx.db.$transaction(async (tx) => {
    await tx.$queryRaw`select id from "Event" where id = ${found.id}::uuid for update`;
    const event = await tx.event.findUniqueOrThrow({ where: { id: found.id } });
    if (event.status === "CANCELLED") return null;
    await tx.event.update({ where: { id: event.id }, data: { status: "CANCELLED", cancelledAt: ctx.now, sequence: { increment: 1 } } });
    // Before the cancellation notices are queued: they share the event as cause.
    await cancelEventReminders(tx, event.id, "event cancelled");
    const members = await tx.eventRegistration.findMany({ where: { eventId: event.id, status: { in: ["REGISTERED", "WAITLISTED"] } }, select: { memberId: true } });
    await notifyMembers(tx, event, members.map((m) => m.memberId), { key: "events.notify.cancelled", keyOf: (m) => `event-cancelled:${event.id}:${m}`, platforms: ctx.platforms, now: ctx.now });
    return members.length;
  });
  if (told === null) return [say(ctx.t("events.manage.alreadyCancelled", { title: found.title }))];
  return [say(ctx.t("events.manage.cancelled", { title: found.title, count: told }))];
}

/** The buttons of a coordinator's event: registrants, cancel?, cancel. */
export async function pressManage(ctx: Context, verb: string, id: string): Promise<Reply[]> {
  if (verb === "xx") return cancelEvent(ctx, id);
  const event = await eventById(ctx, id);
  if (!event) return [say(ctx.t("errors.staleAction"))];
  return verb === "x" ? askCancelEvent(ctx, event) : showRegistrants(ctx, event);
}
