import { addDays, parisDay, parisInstant, parseInstant, readTypedDay } from "../../calendar/paris.ts";
import { MAX_OCCURRENCES, REPEAT_KINDS } from "../../calendar/rrule.ts";
import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import type { MessageKey } from "../../core/i18n.ts";
import { type FormField, type Reply, say } from "../../core/reply.ts";
import { ROLES } from "../../core/roles.ts";
import { cohortOptions } from "../cohorts/data.ts";
import { createEventRow } from "../cohorts/mutations.ts";
import { chooseWelcomeCohort } from "../cohorts/welcome-evening.ts";
import { EVT } from "./actions.ts";
import { audienceTerritories, countNetworkTerritories, findFiche, openFiches } from "./data.ts";
import { formatWhen, shortRef } from "./format.ts";
import { EVENT_TYPES, type EventFormValues, eventFormSchema, MAX_CAPACITY, questionsFromText } from "./schema.ts";
import { createRestOfSeries, planSeries } from "./series.ts";

type Values = Record<string, string | string[]>;

/** How the form is shown: creating (with the repeat fields) or editing one event (`edit.ts`). */
export interface EventFormMode {
  formId: string;
  title: MessageKey;
  submit: MessageKey;
  intro: MessageKey;
  refused: MessageKey;
  repeat: boolean;
}

const CREATE_MODE: EventFormMode = {
  formId: "evtnew",
  title: "events.create.title",
  submit: "events.create.submit",
  intro: "events.create.intro",
  refused: "events.create.refused",
  repeat: true,
};

/** The creation form, pre-filled with what was typed when a refusal sends it back. */
export async function eventForm(
  ctx: Context,
  values: Values = {},
  problems: string[] = [],
  mode: EventFormMode = CREATE_MODE,
): Promise<Reply[]> {
  const { t } = ctx;
  const fiches = await openFiches(ctx.db, ctx.actor.networkId);
  // A welcome evening is for one cohort of interns; left empty, the cohort of its date's semester.
  const cohorts = mode.formId === CREATE_MODE.formId ? await cohortOptions(ctx) : [];
  const v = (name: string, fallback = "") => {
    const value = values[name];
    return Array.isArray(value) ? value.join(" ") : (value ?? fallback);
  };
  const listed = (name: string) => {
    const value = values[name];
    return value === undefined ? [] : Array.isArray(value) ? value : value.split(",").filter(Boolean);
  };
  const roles = listed("roles");
  const territories = await audienceTerritories(ctx.db, ctx.actor.networkId);
  return [
    {
      text: problems.length ? [t(mode.refused), ...problems].join("\n") : t(mode.intro),
      visibility: "private",
      form: {
        id: mode.formId,
        title: t(mode.title),
        submitLabel: t(mode.submit),
        fields: [
          {
            name: "title",
            label: t("events.create.name"),
            type: "text",
            required: true,
            maxLength: 120,
            value: v("title"),
          },
          {
            name: "description",
            label: t("events.create.description"),
            type: "textarea",
            required: false,
            maxLength: 1000,
            value: v("description"),
          },
          {
            name: "type",
            label: t("events.create.type"),
            type: "select",
            required: true,
            value: v("type", "OTHER"),
            options: EVENT_TYPES.map((k) => ({ value: k, label: t(`events.types.${k}`) })),
          },
          {
            name: "date",
            label: t("events.create.date"),
            type: "text",
            required: true,
            maxLength: 20,
            value: v("date"),
          },
          {
            name: "start",
            label: t("events.create.start"),
            type: "text",
            required: true,
            maxLength: 10,
            value: v("start"),
          },
          { name: "end", label: t("events.create.end"), type: "text", required: true, maxLength: 10, value: v("end") },
          {
            name: "place",
            label: t("events.create.place"),
            type: "text",
            required: false,
            maxLength: 200,
            value: v("place"),
          },
          {
            name: "onlineUrl",
            label: t("events.create.onlineUrl"),
            type: "text",
            required: false,
            maxLength: 500,
            value: v("onlineUrl"),
          },
          {
            name: "capacity",
            label: t("events.create.capacity"),
            type: "number",
            required: false,
            value: v("capacity"),
          },
          {
            name: "waitlist",
            label: t("events.create.waitlist"),
            type: "select",
            required: true,
            value: v("waitlist", "yes"),
            options: [
              { value: "yes", label: t("events.create.yes") },
              { value: "no", label: t("events.create.no") },
            ],
          },
          {
            name: "closes",
            label: t("events.create.closes"),
            type: "text",
            required: false,
            maxLength: 20,
            value: v("closes"),
          },
          {
            name: "roles",
            label: t("events.create.roles"),
            type: "multiselect",
            required: false,
            value: roles,
            options: ROLES.map((r) => ({ value: r, label: t(`roles.plural.${r}`) })),
          },
          ...(territories.length
            ? [
                {
                  name: "territories",
                  label: t("events.create.territories"),
                  type: "multiselect" as const,
                  required: false,
                  value: listed("territories"),
                  options: territories.slice(0, 25).map((x) => ({ value: x.id, label: x.name.slice(0, 75) })),
                },
              ]
            : []),
          {
            name: "ficheActionId",
            label: t("events.create.fiche"),
            type: "select",
            required: false,
            value: v("ficheActionId"),
            options: fiches.map((f) => ({ value: f.id, label: `${f.code} ${f.title}`.slice(0, 75) })),
          },
          ...(cohorts.length
            ? [
                {
                  name: "cohortId",
                  label: t("cohorts.welcome.cohortField"),
                  type: "select" as const,
                  required: false,
                  value: v("cohortId"),
                  options: cohorts,
                },
              ]
            : []),
          {
            name: "questions",
            label: t("events.create.questions"),
            type: "textarea",
            required: false,
            maxLength: 2000,
            value: v("questions"),
          },
          ...(mode.repeat ? repeatFields(ctx, v) : []),
        ],
      },
    },
  ];
}

/** A recurring meeting: how it repeats, then how many times or until when. */
function repeatFields(ctx: Context, v: (name: string, fallback?: string) => string): FormField[] {
  const { t } = ctx;
  return [
    {
      name: "repeat",
      label: t("events.repeat.label"),
      type: "select",
      required: false,
      value: v("repeat", "none"),
      options: REPEAT_KINDS.map((k) => ({ value: k, label: t(`events.repeat.kinds.${k}`) })),
    },
    {
      name: "repeatCount",
      label: t("events.repeat.count", { max: MAX_OCCURRENCES }),
      type: "number",
      required: false,
      value: v("repeatCount"),
    },
    {
      name: "repeatUntil",
      label: t("events.repeat.until"),
      type: "text",
      required: false,
      maxLength: 20,
      value: v("repeatUntil"),
    },
  ];
}

type Checked =
  | { ok: true; startsAt: Date; endsAt: Date; capacity: number | null; closesAt: Date | null }
  | { ok: false; problems: string[] };

/** The start and end instants of a day and two typed times (Paris). Without a typed time parseInstant would pick 9:00: an event's hours are never guessed. */
export function readTimes(
  ctx: Context,
  form: { date: string; start: string; end: string },
): { ok: true; start: { at: Date }; end: { at: Date } } | { ok: false; problems: string[] } {
  if (form.start === "" || form.end === "") return { ok: false, problems: [ctx.t("events.errors.times")] };
  const start = parseInstant(form.date, form.start, ctx.now);
  if (!start.ok) return { ok: false, problems: [ctx.t(start.error)] };
  const end = parseInstant(form.date, form.end, ctx.now);
  if (!end.ok) return { ok: false, problems: [ctx.t(end.error)] };
  return { ok: true, start, end };
}

/** The fiche-action and territories the form names, checked against the network: a forged id is refused, never stored. */
export async function formLinks(
  ctx: Context,
  form: EventFormValues,
): Promise<{ ok: true; ficheActionId: string | null } | { ok: false; problems: string[] }> {
  const networkId = ctx.actor.networkId;
  const [fiche, territories] = await Promise.all([
    form.ficheActionId ? findFiche(ctx.db, networkId, form.ficheActionId) : Promise.resolve(null),
    form.territories.length ? countNetworkTerritories(ctx.db, networkId, form.territories) : Promise.resolve(0),
  ]);
  if (territories !== new Set(form.territories).size)
    return { ok: false, problems: [ctx.t("events.errors.territory")] };
  return { ok: true, ficheActionId: fiche?.id ?? null };
}

/** The event's columns the creation and edit forms set. */
export function eventColumns(
  form: EventFormValues,
  checked: { startsAt: Date; endsAt: Date; capacity: number | null; closesAt: Date | null },
  ficheActionId: string | null,
) {
  return {
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
    audienceTerritoryIds: form.territories,
    ficheActionId,
    questions: questionsFromText(form.questions) as unknown as object[],
  };
}

/** Reads dates, times, capacity and link; each refusal says what to type instead. */
export function check(ctx: Context, form: EventFormValues): Checked {
  const { t } = ctx;
  const times = readTimes(ctx, form);
  if (!times.ok) return times;
  const { start, end } = times;
  const problems: string[] = [];
  if (end.at <= start.at) problems.push(t("events.errors.endBeforeStart"));
  if (start.at <= ctx.now) problems.push(t("events.errors.past"));
  let capacity: number | null = null;
  if (form.capacity !== "") {
    capacity = Number(form.capacity);
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY)
      problems.push(t("events.errors.capacity", { max: MAX_CAPACITY }));
  }
  if (form.onlineUrl !== "" && !isWebLink(form.onlineUrl)) problems.push(t("events.errors.url"));
  let closesAt: Date | null = null;
  if (form.closes !== "") {
    const day = readTypedDay(form.closes, parisDay(ctx.now), "next");
    // Registration stays open through the whole day typed, and never past the start.
    if (!day) problems.push(t("events.errors.closes"));
    else closesAt = new Date(Math.min(parisInstant(addDays(day, 1), 0).getTime(), start.at.getTime()));
  }
  return problems.length
    ? { ok: false, problems }
    : { ok: true, startsAt: start.at, endsAt: end.at, capacity, closesAt };
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
  if (!parsed.success)
    return eventForm(ctx, values, [...new Set(parsed.error.issues.map((i) => ctx.t(i.message as MessageKey)))]);
  const form = parsed.data;
  const checked = check(ctx, form);
  if (!checked.ok) return eventForm(ctx, values, checked.problems);
  const series = planSeries(ctx, values, checked.startsAt);
  if (!series.ok) return eventForm(ctx, values, series.problems);
  const welcome =
    form.type === "WELCOME_EVENING" ? await chooseWelcomeCohort(ctx, values.cohortId, checked.startsAt) : null;
  if (welcome && !welcome.ok) return eventForm(ctx, values, [welcome.problem]);
  const links = await formLinks(ctx, form);
  if (!links.ok) return eventForm(ctx, values, links.problems);
  const created = await createEventRow(ctx, welcome?.ok ? welcome.cohort : null, {
    data: {
      networkId: ctx.actor.networkId,
      createdById: ctx.actor.memberId,
      ...eventColumns(form, checked, links.ficheActionId),
      ...(series.rule ? { seriesId: series.seriesId, recurrence: series.rule } : {}),
    },
  });
  if (!created.ok) return eventForm(ctx, values, [created.problem]);
  const event = created.event;
  if (series.rule) return createRestOfSeries(ctx, event, series.starts);
  return [
    say(ctx.t("events.create.done", { title: event.title, ref: shortRef(event.id), when: formatWhen(event, ctx) }), [
      { id: pressId(EVT.registrants, event.id), label: ctx.t("events.buttons.registrants") },
    ]),
  ];
}
