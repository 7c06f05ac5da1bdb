import { addDays, parisDay, parisInstant, parseInstant, readTypedDay } from "../../calendar/paris.ts";
import type { Context } from "../../core/context.ts";
import type { MessageKey } from "../../core/i18n.ts";
import { ROLES } from "../../core/roles.ts";
import { type Reply, say } from "../../core/reply.ts";
import { formatWhen, shortRef } from "./format.ts";
import { EVENT_TYPES, type EventFormValues, eventFormSchema, MAX_CAPACITY, questionsFromText } from "./schema.ts";

type Values = Record<string, string | string[]>;

/** The creation form, pre-filled with what was typed when a refusal sends it back. */
export async function eventForm(ctx: Context, values: Values = {}, problems: string[] = []): Promise<Reply[]> {
  const { t } = ctx;
  const fiches = await ctx.db.ficheAction.findMany({ where: { networkId: ctx.actor.networkId }, select: { id: true, code: true, title: true }, orderBy: { code: "asc" } });
  const v = (name: string, fallback = "") => {
    const value = values[name];
    return Array.isArray(value) ? value.join(" ") : (value ?? fallback);
  };
  const roles = values.roles === undefined ? [] : Array.isArray(values.roles) ? values.roles : values.roles.split(",").filter(Boolean);
  return [
    {
      text: problems.length ? [t("events.create.refused"), ...problems].join("\n") : t("events.create.intro"),
      visibility: "private",
      form: {
        id: "evtnew",
        title: t("events.create.title"),
        submitLabel: t("events.create.submit"),
        fields: [
          { name: "title", label: t("events.create.name"), type: "text", required: true, maxLength: 120, value: v("title") },
          { name: "description", label: t("events.create.description"), type: "textarea", required: false, maxLength: 1000, value: v("description") },
          { name: "type", label: t("events.create.type"), type: "select", required: true, value: v("type", "OTHER"), options: EVENT_TYPES.map((k) => ({ value: k, label: t(`events.types.${k}`) })) },
          { name: "date", label: t("events.create.date"), type: "text", required: true, maxLength: 20, value: v("date") },
          { name: "start", label: t("events.create.start"), type: "text", required: true, maxLength: 10, value: v("start") },
          { name: "end", label: t("events.create.end"), type: "text", required: true, maxLength: 10, value: v("end") },
          { name: "place", label: t("events.create.place"), type: "text", required: false, maxLength: 200, value: v("place") },
          { name: "onlineUrl", label: t("events.create.onlineUrl"), type: "text", required: false, maxLength: 500, value: v("onlineUrl") },
          { name: "capacity", label: t("events.create.capacity"), type: "number", required: false, value: v("capacity") },
          { name: "waitlist", label: t("events.create.waitlist"), type: "select", required: true, value: v("waitlist", "yes"), options: [{ value: "yes", label: t("events.create.yes") }, { value: "no", label: t("events.create.no") }] },
          { name: "closes", label: t("events.create.closes"), type: "text", required: false, maxLength: 20, value: v("closes") },
          { name: "roles", label: t("events.create.roles"), type: "multiselect", required: false, value: roles, options: ROLES.map((r) => ({ value: r, label: t(`roles.plural.${r}`) })) },
          { name: "ficheActionId", label: t("events.create.fiche"), type: "select", required: false, value: v("ficheActionId"), options: fiches.map((f) => ({ value: f.id, label: `${f.code} ${f.title}`.slice(0, 75) })) },
          { name: "questions", label: t("events.create.questions"), type: "textarea", required: false, maxLength: 2000, value: v("questions") },
        ],
      },
    },
  ];
}

type Checked = { ok: true; startsAt: Date; endsAt: Date; capacity: number | null; closesAt: Date | null } | { ok: false; problems: string[] };

/** Reads dates, times, capacity and link; each refusal says what to type instead. */
function check(ctx: Context, form: EventFormValues): Checked {
  const { t } = ctx;
  // Without a typed time parseInstant would pick 9:00: an event's hours are never guessed.
  if (form.start === "" || form.end === "") return { ok: false, problems: [t("events.errors.times")] };
  const start = parseInstant(form.date, form.start, ctx.now);
  if (!start.ok) return { ok: false, problems: [t(start.error)] };
  const end = parseInstant(form.date, form.end, ctx.now);
  if (!end.ok) return { ok: false, problems: [t(end.error)] };
  const problems: string[] = [];
  if (end.at <= start.at) problems.push(t("events.errors.endBeforeStart"));
  if (start.at <= ctx.now) problems.push(t("events.errors.past"));
  let capacity: number | null = null;
  if (form.capacity !== "") {
    capacity = Number(form.capacity);
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY) problems.push(t("events.errors.capacity", { max: MAX_CAPACITY }));
  }
  if (form.onlineUrl !== "" && !isWebLink(form.onlineUrl)) problems.push(t("events.errors.url"));
  let closesAt: Date | null = null;
  if (form.closes !== "") {
    const day = readTypedDay(form.closes, parisDay(ctx.now), "next");
    // Registration stays open through the whole day typed, and never past the start.
    if (!day) problems.push(t("events.errors.closes"));
    else closesAt = new Date(Math.min(parisInstant(addDays(day, 1), 0).getTime(), start.at.getTime()));
  }
  return problems.length ? { ok: false, problems } : { ok: true, startsAt: start.at, endsAt: end.at, capacity, closesAt };
}

function isWebLink(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}

/** Creates the event, or sends the form back with the reasons it was refused. */
export async function saveEvent(ctx: Context, values: Values): Promise<Reply[]> {
  const parsed = eventFormSchema.safeParse(values);
  if (!parsed.success) return eventForm(ctx, values, [...new Set(parsed.error.issues.map((i) => ctx.t(i.message as MessageKey)))]);
  const form = parsed.data;
  const checked = check(ctx, form);
  if (!checked.ok) return eventForm(ctx, values, checked.problems);
  const fiche = form.ficheActionId ? await ctx.db.ficheAction.findFirst({ where: { id: form.ficheActionId, networkId: ctx.actor.networkId }, select: { id: true } }) : null;
  const event = await ctx.db.event.create({
    data: {
      networkId: ctx.actor.networkId,
      createdById: ctx.actor.memberId,
      title: form.title,
      description: form.description || null,
      type: form.type,
      startsAt: checked.startsAt,
      endsAt: checked.endsAt,
      place: form.place || null,
      onlineUrl: form.onlineUrl || null,
      capacity: checked.capacity,
      waitlist: form.waitlist !== "no",
      registrationClosesAt: checked.closesAt,
      audienceRoles: form.roles,
      ficheActionId: fiche?.id ?? null,
      questions: questionsFromText(form.questions) as unknown as object[],
    },
  });
  return [
    say(ctx.t("events.create.done", { title: event.title, ref: shortRef(event.id), when: formatWhen(event, ctx) }), [
      { id: `evt:l:${event.id}`, label: ctx.t("events.buttons.registrants") },
    ]),
  ];
}
