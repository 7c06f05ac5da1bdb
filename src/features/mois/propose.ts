import type { Prisma } from "@prisma/client";
import { parisDay } from "../../calendar/paris.ts";
import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import type { MessageKey } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import { readTimes } from "../events/create.ts";
import { formatWhen } from "../events/format.ts";
import { MAX_CAPACITY } from "../events/schema.ts";
import { MDN } from "./actions.ts";
import { communesOf, proposerOrganisation } from "./data.ts";
import { comingEdition, type Edition, formatDay, inEdition } from "./edition.ts";
import { createProposal } from "./mutations.ts";
import { MOIS_PUBLICS, MOIS_THEMES, type ProposalValues, placeText, plain, proposalSchema } from "./schema.ts";

type Values = Record<string, string | string[]>;

/** Above this many communes the commune is typed rather than picked (Discord menus hold 25). */
const COMMUNE_MENU_MAX = 25;

const editionParams = (ctx: Context, edition: Edition) => ({
  from: formatDay(edition.range.from, ctx.actor.locale),
  to: formatDay(edition.range.to, ctx.actor.locale),
  year: edition.year,
});

/** The proposal form, pre-filled with what was typed when a refusal sends it back; refused to a member with no organisation. */
export async function proposalForm(ctx: Context, values: Values = {}, problems: string[] = []): Promise<Reply[]> {
  const { t } = ctx;
  if (!(await proposerOrganisation(ctx.db, ctx.actor.memberId))) return [say(t("mois.propose.noOrganisation"))];
  const edition = comingEdition(ctx.now);
  const communes = await communesOf(ctx.db, ctx.actor.networkId);
  const v = (name: string, fallback = "") => {
    const value = values[name];
    return Array.isArray(value) ? value.join(" ") : (value ?? fallback);
  };
  const commune =
    communes.length <= COMMUNE_MENU_MAX
      ? {
          name: "commune",
          label: t("mois.propose.commune"),
          type: "select" as const,
          required: true,
          value: v("commune"),
          options: communes.map((c) => ({ value: c.name, label: c.name })),
        }
      : {
          name: "commune",
          label: t("mois.propose.commune"),
          type: "text" as const,
          required: true,
          maxLength: 80,
          value: v("commune"),
        };
  return [
    {
      text: problems.length
        ? [t("mois.propose.refused"), ...problems].join("\n")
        : t("mois.propose.intro", editionParams(ctx, edition)),
      visibility: "private",
      form: {
        id: "mdnnew",
        title: t("mois.propose.title"),
        submitLabel: t("mois.propose.submit"),
        fields: [
          {
            name: "title",
            label: t("mois.propose.name"),
            type: "text",
            required: true,
            maxLength: 120,
            value: v("title"),
          },
          {
            name: "date",
            label: t("mois.propose.date"),
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
          commune,
          {
            name: "venue",
            label: t("mois.propose.venue"),
            type: "text",
            required: false,
            maxLength: 150,
            value: v("venue"),
          },
          {
            name: "public",
            label: t("mois.propose.public"),
            type: "select",
            required: true,
            value: v("public", "EVERYONE"),
            options: MOIS_PUBLICS.map((p) => ({ value: p, label: t(`mois.publics.${p}`) })),
          },
          {
            name: "theme",
            label: t("mois.propose.theme"),
            type: "select",
            required: true,
            value: v("theme"),
            options: MOIS_THEMES.map((k) => ({ value: k, label: t(`mois.themes.${k}`) })),
          },
          {
            name: "capacity",
            label: t("events.create.capacity"),
            type: "number",
            required: false,
            value: v("capacity"),
          },
          {
            name: "description",
            label: t("events.create.description"),
            type: "textarea",
            required: false,
            maxLength: 1000,
            value: v("description"),
          },
        ],
      },
    },
  ];
}

type Checked =
  | { ok: true; startsAt: Date; endsAt: Date; capacity: number | null; commune: { id: string; name: string } }
  | { ok: false; problems: string[] };

/** Reads the date (within the edition), times, commune and capacity; each refusal says what to type instead. */
async function check(ctx: Context, form: ProposalValues, edition: Edition): Promise<Checked> {
  const { t } = ctx;
  if (form.date === "") return { ok: false, problems: [t("mois.errors.date", editionParams(ctx, edition))] };
  const times = readTimes(ctx, form);
  if (!times.ok) return times;
  const { start, end } = times;
  const problems: string[] = [];
  if (!inEdition(edition, start.at))
    problems.push(
      t("mois.errors.outsideEdition", {
        ...editionParams(ctx, edition),
        day: formatDay(parisDay(start.at), ctx.actor.locale),
      }),
    );
  else if (start.at <= ctx.now) problems.push(t("events.errors.past"));
  if (end.at <= start.at) problems.push(t("events.errors.endBeforeStart"));
  const communes = await communesOf(ctx.db, ctx.actor.networkId);
  const commune = communes.find((c) => c.id === form.commune || plain(c.name) === plain(form.commune));
  if (!commune)
    problems.push(
      t("mois.errors.commune", {
        commune: form.commune || "—",
        examples: communes
          .slice(0, 5)
          .map((c) => c.name)
          .join(", "),
      }),
    );
  let capacity: number | null = null;
  if (form.capacity !== "") {
    capacity = Number(form.capacity);
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY)
      problems.push(t("events.errors.capacity", { max: MAX_CAPACITY }));
  }
  return problems.length || !commune
    ? { ok: false, problems }
    : { ok: true, startsAt: start.at, endsAt: end.at, capacity, commune: { id: commune.id, name: commune.name } };
}

/** Records the proposal (awaiting a coordinator) and tells the coordinators, or sends the form back with the reasons. */
export async function saveProposal(ctx: Context, values: Values): Promise<Reply[]> {
  const organisation = await proposerOrganisation(ctx.db, ctx.actor.memberId);
  if (!organisation) return [say(ctx.t("mois.propose.noOrganisation"))];
  const parsed = proposalSchema.safeParse(values);
  if (!parsed.success)
    return proposalForm(ctx, values, [...new Set(parsed.error.issues.map((i) => ctx.t(i.message as MessageKey)))]);
  const form = parsed.data;
  const edition = comingEdition(ctx.now);
  const checked = await check(ctx, form, edition);
  if (!checked.ok) return proposalForm(ctx, values, checked.problems);
  const data: Prisma.EventUncheckedCreateInput = {
    networkId: ctx.actor.networkId,
    createdById: ctx.actor.memberId,
    organisationId: organisation.id,
    title: form.title,
    description: form.description || null,
    intendedPublic: form.public,
    type: "MOIS_DU_NUMERIQUE",
    topic: form.theme,
    status: "PROPOSED",
    startsAt: checked.startsAt,
    endsAt: checked.endsAt,
    place: placeText(form.venue, checked.commune.name),
    territoryId: checked.commune.id,
    capacity: checked.capacity,
    // Open to the whole network: anyone may come to an animation of the mois du numérique.
    audienceTerritoryIds: [],
  };
  const proposer = { memberId: ctx.actor.memberId, organisation: organisation.name };
  const event = await createProposal(ctx.db, data, proposer, ctx.platforms, ctx.now);
  return [
    say(ctx.t("mois.propose.done", { title: event.title, when: formatWhen(event, ctx), place: event.place ?? "" }), [
      { id: pressId(MDN.mine), label: ctx.t("mois.buttons.mine") },
    ]),
  ];
}
