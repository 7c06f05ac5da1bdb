import { pressId } from "../../core/actions.ts";
import { allows } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { type Choice, type Reply, say } from "../../core/reply.ts";
import { territoriesWithin } from "../../services/directory/territories.ts";
import { EVT } from "../events/actions.ts";
import { registeredCounts } from "../events/data.ts";
import { formatPlaces, formatWhen } from "../events/format.ts";
import { MDN } from "./actions.ts";
import { editionCounts, editionTargets } from "./counts.ts";
import { animationsOf, intercommunalitiesOf } from "./data.ts";
import { EDITION_WEEKS, type Edition, formatDay, shownEdition, weekBounds } from "./edition.ts";
import { type ProgrammeFilter, readFilter } from "./filters.ts";
import { isTheme, MOIS_REVIEWERS, MOIS_THEMES, publicOf } from "./schema.ts";

/** Animations listed in one answer; the header says how to narrow a longer programme. */
const PAGE = 15;

const reviews = (ctx: Context) => allows(MOIS_REVIEWERS, ctx.actor);

const filterButtons = (ctx: Context): Choice[] => [
  { id: pressId(MDN.filters, "e"), label: ctx.t("mois.buttons.byTerritory") },
  { id: pressId(MDN.filters, "t"), label: ctx.t("mois.buttons.byTheme") },
  { id: pressId(MDN.filters, "w"), label: ctx.t("mois.buttons.byWeek") },
];

/** The choices of one filter, as buttons that show the programme narrowed to it. */
export async function filterChoices(ctx: Context, kind: string): Promise<Reply[]> {
  if (kind === "t")
    return [
      say(
        ctx.t("mois.programme.pickTheme"),
        MOIS_THEMES.map((k) => ({ id: pressId(MDN.theme, k), label: ctx.t(`mois.themes.${k}`) })),
      ),
    ];
  if (kind === "w") {
    const edition = shownEdition(ctx.now);
    return [
      say(
        ctx.t("mois.programme.pickWeek"),
        Array.from({ length: EDITION_WEEKS }, (_, i) => ({
          id: pressId(MDN.week, i + 1),
          label: weekLabel(ctx, edition, i + 1),
        })),
      ),
    ];
  }
  const epcis = await intercommunalitiesOf(ctx.db, ctx.actor.networkId);
  return [
    say(
      ctx.t("mois.programme.pickTerritory"),
      epcis.map((e) => ({ id: pressId(MDN.territory, e.id), label: e.name.slice(0, 75) })),
    ),
  ];
}

function weekLabel(ctx: Context, edition: Edition, n: number): string {
  const { from, to } = weekBounds(edition, n);
  const day = (d: Date) =>
    new Intl.DateTimeFormat(ctx.actor.locale === "fr" ? "fr-FR" : "en-GB", {
      day: "numeric",
      month: "short",
      timeZone: "Europe/Paris",
    }).format(d);
  return ctx.t("mois.programme.week", { n, from: day(from), to: day(new Date(to.getTime() - 12 * 3600_000)) });
}

/** A filter button pressed: `mdn:p:t:<theme>`, `mdn:p:e:<territory id>`, `mdn:p:w:<week>`. */
export async function pressFilter(ctx: Context, kind: string, value: string): Promise<Reply[]> {
  const filter: ProgrammeFilter = {};
  if (kind === "t" && isTheme(value)) filter.theme = value;
  if (kind === "w" && Number(value) >= 1 && Number(value) <= EDITION_WEEKS) filter.week = Number(value);
  if (kind === "e") {
    const epci = (await intercommunalitiesOf(ctx.db, ctx.actor.networkId)).find((e) => e.id === value);
    if (epci) filter.epci = epci;
  }
  return showProgramme(ctx, filter);
}

/** `programme [thème|commune|intercommunalité|semaine n]`: the approved animations of the edition by date. */
export async function programmeCommand(ctx: Context, args: string): Promise<Reply[]> {
  const read = await readFilter(ctx, args);
  if (!read.ok) return [say(ctx.t("mois.programme.unknownFilter", { text: read.unknown }), filterButtons(ctx))];
  return showProgramme(ctx, read.filter);
}

function filterText(ctx: Context, edition: Edition, filter: ProgrammeFilter): string {
  const parts = [
    filter.epci?.name,
    filter.theme ? ctx.t(`mois.themes.${filter.theme}`) : undefined,
    filter.week ? weekLabel(ctx, edition, filter.week) : undefined,
  ].filter(Boolean);
  return parts.length ? ctx.t("mois.programme.filtered", { filter: parts.join(" · ") }) : "";
}

/** The programme, narrowed by the filter, each animation with its Register button; coordinators also read the counts. */
export async function showProgramme(ctx: Context, filter: ProgrammeFilter = {}): Promise<Reply[]> {
  const edition = shownEdition(ctx.now);
  const range = filter.week ? weekBounds(edition, filter.week) : null;
  const rows = await animationsOf(ctx.db, ctx.actor.networkId, edition, "SCHEDULED", {
    ...(filter.theme ? { topic: filter.theme } : {}),
    ...(range ? { startsAt: { gte: range.from, lt: range.to } } : {}),
    ...(filter.epci
      ? { territoryId: { in: await territoriesWithin(ctx.db, ctx.actor.networkId, [filter.epci.id]) } }
      : {}),
  });
  const header = [
    ctx.t("mois.programme.intro", {
      year: edition.year,
      from: formatDay(edition.range.from, ctx.actor.locale),
      to: formatDay(edition.range.to, ctx.actor.locale),
      count: rows.length,
    }),
    filterText(ctx, edition, filter),
    rows.length > PAGE ? ctx.t("mois.programme.more", { shown: PAGE, count: rows.length }) : "",
    reviews(ctx) ? await countsLine(ctx, edition) : "",
  ].filter(Boolean);
  if (rows.length === 0)
    return [
      say(
        [...header, ctx.t(Object.keys(filter).length ? "mois.programme.noneFiltered" : "mois.programme.none")].join(
          "\n",
        ),
        filterButtons(ctx),
      ),
    ];
  const shown = rows.slice(0, PAGE);
  const counts = await registeredCounts(
    ctx.db,
    shown.map((e) => e.id),
  );
  return [
    say(header.join("\n"), filterButtons(ctx)),
    ...shown.map((e) => {
      const text = ctx.t("mois.programme.item", {
        title: e.title,
        when: formatWhen(e, ctx),
        place: e.place ?? "—",
        organisation: e.organisation?.name ?? "—",
        theme: ctx.t(`mois.themes.${isTheme(e.topic) ? e.topic : "OTHER"}`),
        public: ctx.t(`mois.publics.${publicOf(e)}`),
        places: formatPlaces(e, counts.get(e.id) ?? 0, ctx),
      });
      return e.startsAt > ctx.now
        ? say(text, [{ id: pressId(EVT.register, e.id), label: ctx.t("events.buttons.register"), style: "primary" }])
        : say(text);
    }),
  ];
}

/** Partners and animations against their targets, proposals waiting, places taken. */
export async function countsLine(ctx: Context, edition: Edition): Promise<string> {
  const [counts, targets] = await Promise.all([
    editionCounts(ctx.db, ctx.actor.networkId, edition),
    editionTargets(ctx.db, ctx.actor.networkId),
  ]);
  return ctx.t("mois.counts.line", {
    year: edition.year,
    ...counts,
    partnersTarget: targets.partners,
    animationsTarget: targets.animations,
  });
}
