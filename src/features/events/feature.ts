import { on } from "../../core/actions.ts";
import { normaliseWord } from "../../core/command-words.ts";
import type { Context } from "../../core/context.ts";
import { LOCALES, type MessageKey, rawMessage } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import { eventTypeCounters } from "../indicators/counting.ts";
import type { FeatureModule } from "../module.ts";
import { EVT } from "./actions.ts";
import { checkInWithCode, pressSheet, showAttendanceOf, toggleCheckIn } from "./attendance.ts";
import { EVENT_COUNTERS } from "./counters.ts";
import { eventForm, saveEvent } from "./create.ts";
import { saveEventEdit } from "./edit.ts";
import { manageEvent, pressManage } from "./manage.ts";
import { listMyRegistrations, listUpcomingEvents, pressCancel, pressRegister, submitAnswers } from "./member.ts";
import { pressCalendar } from "./notify.ts";
import { EVENT_ORGANISERS } from "./schema.ts";

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

/** Events members register for, and the organisers' side: creation, registrants, cancellation. */
export const eventsFeature: FeatureModule = {
  commands: [
    {
      name: "events",
      words: "commands.events.words",
      summary: "commands.events.summary",
      audience: "member",
      run: (ctx) => listUpcomingEvents(ctx),
    },
    {
      name: "myRegistrations",
      words: "commands.myRegistrations.words",
      summary: "commands.myRegistrations.summary",
      audience: "member",
      run: (ctx) => listMyRegistrations(ctx),
    },
    {
      name: "event",
      words: "commands.event.words",
      summary: "commands.event.summary",
      audience: EVENT_ORGANISERS,
      run: eventCommand,
    },
    {
      name: "checkIn",
      words: "commands.checkIn.words",
      summary: "commands.checkIn.summary",
      audience: "member",
      run: checkInWithCode,
    },
  ],
  actions: [
    on(EVT.register, (ctx, [id]) => pressRegister(ctx, id)),
    on(EVT.unregister, (ctx, [id]) => pressCancel(ctx, id)),
    on(EVT.calendar, (ctx, [id]) => pressCalendar(ctx, id)),
    on(EVT.registrants, (ctx, [id]) => pressManage(ctx, "l", id)),
    on(EVT.edit, (ctx, [id]) => pressManage(ctx, "e", id)),
    on(EVT.askCancel, (ctx, [id]) => pressManage(ctx, "x", id)),
    on(EVT.cancelEvent, (ctx, [id]) => pressManage(ctx, "xx", id)),
    on(EVT.cancelFollowing, (ctx, [id]) => pressManage(ctx, "xs", id)),
    on(EVT.attendance, (ctx, [id, page]) => showAttendanceOf(ctx, id, page ?? 0)),
    on(EVT.checkIn, (ctx, [registrationId, page]) => toggleCheckIn(ctx, registrationId, page)),
    on(EVT.sheet, (ctx, [id]) => pressSheet(ctx, id)),
  ],
  forms: [
    { formId: "evtreg", audience: "member", run: submitAnswers },
    { formId: "evtnew", audience: EVENT_ORGANISERS, run: saveEvent },
    { formId: "evtedit", audience: EVENT_ORGANISERS, run: saveEventEdit },
  ],
  counters: eventTypeCounters(EVENT_COUNTERS),
};
