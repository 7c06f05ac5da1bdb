import type { Translate } from "../../core/i18n.ts";
import {
  ACTIVITY_KINDS,
  AGE_BRACKETS,
  AUTONOMY,
  EQUIPMENT,
  PLACES,
  PROCEDURE_DOMAINS,
  REFERRAL_KINDS,
  THEMES,
  WORKSHOP_LEVELS,
} from "../activities/catalogue.ts";
import { type Cell, type Column, column } from "./columns.ts";
import type { ExportedActivity, PlaceBook } from "./data.ts";

/** Where an activity took place, named: its site, its commune, and the intercommunality above. */
interface Located {
  site: string | undefined;
  commune: string | undefined;
  epci: string | undefined;
}

/**
 * The commune is the report's own (another place, at home), or else the site's when the site is in
 * one; the intercommunality is the one above that commune, or the site's own when it is one.
 */
export function locate(row: Pick<ExportedActivity, "organisationId" | "territoryId">, places: PlaceBook): Located {
  const site = places.site(row.organisationId);
  const territory = places.territory(row.territoryId) ?? places.territory(site?.territoryId ?? null);
  let epci: string | undefined;
  for (let at = territory, depth = 0; at && depth < 4; at = places.territory(at.parentId), depth++) {
    if (at.kind === "EPCI") {
      epci = at.name;
      break;
    }
  }
  return { site: site?.name, commune: territory?.kind === "COMMUNE" ? territory.name : undefined, epci };
}

/** A bracket's place in the catalogue; one it does not know comes last. */
const rank = (bracket: string) => {
  const at = (AGE_BRACKETS as readonly string[]).indexOf(bracket);
  return at < 0 ? AGE_BRACKETS.length : at;
};
const list = (labels: string[]) => (labels.length > 0 ? labels.join(", ") : undefined);

/** A catalogue list's labels, translated once per export rather than once per cell; an unknown code shows as itself. */
function labels(
  codes: readonly string[],
  label: (code: string) => string,
): (code: string | null) => string | undefined {
  const byCode = new Map(codes.map((c) => [c, label(c)]));
  return (code) => (code === null ? undefined : (byCode.get(code) ?? code));
}

/**
 * The columns of the "Activités" sheet and of the activities CSV, labels in the member's language.
 * There is no notes column: see `activityPages`.
 */
export function activityColumns(t: Translate, places: PlaceBook): Column<ExportedActivity>[] {
  // Rows are read once per column; locating once per row keeps 35,000 rows cheap.
  let located: { row: ExportedActivity; at: Located } | undefined;
  const where = (row: ExportedActivity) => {
    if (located?.row !== row) located = { row, at: locate(row, places) };
    return located.at;
  };
  const kind = labels(ACTIVITY_KINDS, (c) => t(`activities.catalogue.kinds.${c as "ONE_OFF"}`));
  const place = labels(PLACES, (c) => t(`activities.catalogue.places.${c as "HOME"}`));
  const theme = labels(THEMES, (c) => t(`activities.catalogue.themes.${c as "ai"}`));
  const procedure = labels(PROCEDURE_DOMAINS, (c) => t(`activities.catalogue.procedures.${c as "caf"}`));
  const equipment = labels(EQUIPMENT, (c) => t(`activities.catalogue.equipment.${c as "other"}`));
  const autonomy = labels(AUTONOMY, (c) => t(`activities.catalogue.autonomy.${c as "partly"}`));
  const referralKind = labels(REFERRAL_KINDS, (c) => t(`activities.catalogue.referrals.${c as "other"}`));
  const level = labels(WORKSHOP_LEVELS, (c) => t(`activities.catalogue.levels.${c as "beginner"}`));
  const bracket = labels(AGE_BRACKETS, (c) => t(`activities.catalogue.ageBrackets.${c as "60_plus"}`));
  const yes = t("activities.summary.yes");
  const ages = (row: ExportedActivity): Cell => {
    // In the catalogue's order, youngest first: the database keeps JSON keys in an order of its own.
    const counts = Object.entries((row.ageBrackets ?? {}) as Record<string, unknown>)
      .filter((e): e is [string, number] => typeof e[1] === "number" && e[1] > 0)
      .sort(([a], [b]) => rank(a) - rank(b));
    return list(counts.map(([code, count]) => t("activities.summary.ageCount", { bracket: bracket(code)!, count })));
  };
  const codes = (values: string[], label: (code: string) => string | undefined) => list(values.map((c) => label(c)!));
  return [
    column(t, "date", "date", 12, (r) => r.date),
    column(t, "adviser", "text", 22, (r) => r.adviser),
    column(t, "kind", "text", 24, (r) => kind(r.kind)),
    column(t, "duration", "number", 12, (r) => r.durationMin),
    column(t, "place", "text", 14, (r) => place(r.place)),
    column(t, "site", "text", 40, (r) => where(r).site),
    column(t, "commune", "text", 22, (r) => where(r).commune),
    column(t, "epci", "text", 40, (r) => where(r).epci),
    column(t, "participants", "number", 12, (r) => r.participants),
    column(t, "ages", "text", 30, ages),
    column(t, "themes", "text", 40, (r) => codes(r.themes, theme)),
    column(t, "procedures", "text", 30, (r) => codes(r.procedures, procedure)),
    column(t, "equipment", "text", 20, (r) => codes(r.equipment, equipment)),
    column(t, "autonomy", "text", 18, (r) => autonomy(r.autonomy)),
    column(t, "referral", "text", 24, (r) => (r.referred ? (referralKind(r.referralKind) ?? yes) : undefined)),
    column(t, "workshopTitle", "text", 30, (r) => r.workshopTitle ?? undefined),
    column(t, "level", "text", 14, (r) => level(r.workshopLevel)),
  ];
}
