import { normaliseWord } from "../../core/command-words.ts";
import { allows } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { LOCALES, type MessageKey, rawMessage } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import { eventTypeCounters } from "../indicators/counting.ts";
import { eventForm, saveEvent } from "./create.ts";
import { saveEventEdit } from "./edit.ts";
import { checkInWithCode, pressAttendance } from "./attendance.ts";
import { EVENT_COUNTERS } from "./counters.ts";
import { manageEvent, pressManage } from "./manage.ts";
import { listMyRegistrations, listUpcomingEvents, pressCancel, pressRegister, submitAnswers } from "./member.ts";
import { pressCalendar } from "./notify.ts";
import { EVENT_ORGANISERS } from "./schema.ts";
import type { FeatureModule } from "../module.ts";

const words = (key: MessageKey) => new Set(LOCALES.flatMap((l) => rawMessage(l, key).split(",").map(normaliseWord)));
const CREATE_WORDS = words("events.commands.createWords");
const MY_WORDS = words("commands.myRegistrations.words");

/** True for the word after "mes"/"my" that asks for one's registrations ("mes inscriptions"); "mes" is the activities' command. */
export function isMyRegistrationsWord(word: string): boolean {
  return MY_WORDS.has(normaliseWord(word));
}

/** `événement créer`: the form; `événement <n°|titre> inscrits|annuler`: one event's registrants or its cancellation. */
function eventCommand(ctx: Context, args: string): Promise<Reply[]> {
  if (args.trim() === "") return Promise.resolve([say(ctx.t("events.manage.help"))]);
  if (CREATE_WORDS.has(normaliseWord(args))) return eventForm(ctx);
  return manageEvent(ctx, args);
}

const organises = (ctx: Context) => allows(EVENT_ORGANISERS, ctx.actor);

// Buttons: evt:r:<id> register, evt:c:<id> cancel my registration; organisers: evt:l:<id> registrants,
// evt:x:<id> cancel the event?, evt:xx:<id> cancel it, evt:xs:<id> cancel it and the series' following dates,
// evt:e:<id> edit it; evt:cal:<id> the .ics of an event the member holds a place at.
function pressed(ctx: Context, [verb = "", id = "", ...rest]: string[]): Promise<Reply[]> {
  if (verb === "r") return pressRegister(ctx, id);
  if (verb === "c") return pressCancel(ctx, id);
  if (verb === "cal") return pressCalendar(ctx, id);
  if (["l", "x", "xx", "xs", "e"].includes(verb) && organises(ctx)) return pressManage(ctx, verb, id);
  // Attendance: evt:a:<id>[:<page>] check-in list, evt:p:<registrationId>:<page> toggle, evt:em:<id> émargement.
  if (["a", "p", "em"].includes(verb) && organises(ctx)) return pressAttendance(ctx, [verb, id, ...rest]);
  return Promise.resolve([say(ctx.t("errors.staleAction"))]);
}

/** Events members register for, and the organisers' side: creation, registrants, cancellation. */
export const eventsFeature: FeatureModule = {
  commands: [
    { name: "events", words: "commands.events.words", summary: "commands.events.summary", audience: "member", run: (ctx) => listUpcomingEvents(ctx) },
    { name: "myRegistrations", words: "commands.myRegistrations.words", summary: "commands.myRegistrations.summary", audience: "member", run: (ctx) => listMyRegistrations(ctx) },
    { name: "event", words: "commands.event.words", summary: "commands.event.summary", audience: EVENT_ORGANISERS, run: eventCommand },
    { name: "checkIn", words: "commands.checkIn.words", summary: "commands.checkIn.summary", audience: "member", run: checkInWithCode },
  ],
  actions: [{ prefix: "evt", audience: "member", run: pressed }],
  forms: [
    { formId: "evtreg", audience: "member", run: submitAnswers },
    { formId: "evtnew", audience: EVENT_ORGANISERS, run: saveEvent },
    { formId: "evtedit", audience: EVENT_ORGANISERS, run: saveEventEdit },
  ],
  counters: eventTypeCounters(EVENT_COUNTERS),
};
