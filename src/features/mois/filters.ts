import type { Context } from "../../core/context.ts";
import { LOCALES, rawMessage } from "../../core/i18n.ts";
import { communesOf, intercommunalitiesOf } from "./data.ts";
import { EDITION_WEEKS } from "./edition.ts";
import { MOIS_THEMES, type MoisTheme, plain } from "./schema.ts";

/** What the programme is narrowed to. */
export interface ProgrammeFilter {
  theme?: MoisTheme;
  /** An intercommunality (EPCI territory). */
  epci?: { id: string; name: string };
  week?: number;
}

export type ReadFilter = { ok: true; filter: ProgrammeFilter } | { ok: false; unknown: string };

const padded = (s: string) => ` ${s} `;

/**
 * Reads `programme cybersécurité`, `programme Montauban`, `programme semaine 2` (or several at
 * once): a theme in either language, a commune (its intercommunality) or part of an
 * intercommunality's name, a week of the edition.
 */
export async function readFilter(ctx: Context, args: string): Promise<ReadFilter> {
  let rest = padded(plain(args));
  const filter: ProgrammeFilter = {};
  const week = /\s(?:semaine|week|s|w)\s?([1-9])\s/.exec(rest);
  if (week && Number(week[1]) <= EDITION_WEEKS) {
    filter.week = Number(week[1]);
    rest = rest.replace(week[0], " ");
  }
  for (const theme of MOIS_THEMES) {
    const labels = LOCALES.flatMap((l) => rawMessage(l, `mois.themeWords.${theme}`).split(","))
      .map(plain)
      .filter(Boolean);
    const said = labels.find((label) => rest.includes(padded(label)));
    if (said) {
      filter.theme = theme;
      rest = rest.replace(padded(said), " ");
      break;
    }
  }
  const place = rest.trim();
  if (place !== "") {
    const [communes, epcis] = await Promise.all([
      communesOf(ctx.db, ctx.actor.networkId),
      intercommunalitiesOf(ctx.db, ctx.actor.networkId),
    ]);
    const commune = communes.find((c) => plain(c.name) === place);
    const epci =
      (commune && epcis.find((e) => e.id === commune.parentId)) ??
      epcis.find((e) => padded(plain(e.name)).includes(padded(place)));
    if (!epci) return { ok: false, unknown: args.trim() };
    filter.epci = epci;
  }
  return { ok: true, filter };
}
