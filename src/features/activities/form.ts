import type { CalendarDay } from "../../calendar/paris.ts";
import type { Context } from "../../core/context.ts";
import type { FormField, Reply } from "../../core/reply.ts";
import { isoDay } from "../../shared/dates.ts";
import { AGE_SHORT, formatAgeBreakdown, known, mainBracket } from "./ages.ts";
import {
  ACTIVITY_KINDS,
  AGE_BRACKETS,
  AUTONOMY,
  EQUIPMENT,
  PROCEDURE_DOMAINS,
  REFERRAL_KINDS,
  THEMES,
  WORKSHOP_LEVELS,
} from "./catalogue.ts";
import type { NetworkPlaces, StoredReport } from "./data.ts";
import { dayOfColumn, formatDuration, readActivityDay } from "./days.ts";
import type { ActivityDraft } from "./draft.ts";
import { AGES_MAX, NOTES_MAX, type ReportValues, TITLE_MAX } from "./schema.ts";

/** Above this many communes the commune is typed rather than picked (Discord menus hold 25). */
const COMMUNE_MENU_MAX = 25;

/** A draft as the form's values (and as the rules read them). */
export function valuesOfDraft(d: ActivityDraft, today: CalendarDay): ReportValues {
  const values: ReportValues = {};
  if (d.kind) values.kind = d.kind;
  const day = d.date ? readActivityDay(d.date, today) : today;
  values.date = day ? isoDay(day) : (d.date ?? "");
  if (d.durationMin !== undefined) values.duration = formatDuration(d.durationMin);
  if (d.participants !== undefined) values.participants = String(d.participants);
  const ages = known(d.ageBrackets);
  // The kind picks the field that shows; a draft without one keeps both ready.
  if (ages && d.kind !== "INDIVIDUAL" && d.kind !== "ONE_OFF") values.ages = formatAgeBreakdown(ages);
  if (ages && d.kind !== "COLLECTIVE") values.ageBracket = mainBracket(ages)!;
  if (d.place) values.place = d.place === "SUPPORT_SITE" && d.organisationId ? d.organisationId : d.place;
  else if (d.organisationId) values.place = d.organisationId;
  if (d.territoryId) values.commune = d.territoryId;
  if (d.themes) values.themes = [...d.themes];
  if (d.procedures) values.procedures = [...d.procedures];
  if (d.equipment) values.equipment = [...d.equipment];
  if (d.autonomy) values.autonomy = d.autonomy;
  if (d.referred) values.referral = d.referralKind ?? "other";
  if (d.workshopTitle) values.workshopTitle = d.workshopTitle;
  if (d.workshopLevel) values.workshopLevel = d.workshopLevel;
  if (d.notes) values.notes = d.notes;
  return values;
}

/** A stored report as a draft (to edit it, or to start from it). */
export function draftOfReport(r: StoredReport): ActivityDraft {
  const d: ActivityDraft = {
    kind: r.kind,
    date: isoDay(dayOfColumn(r.date)),
    durationMin: r.durationMin,
    place: r.place,
    participants: r.participants,
    themes: r.themes as ActivityDraft["themes"],
    procedures: r.procedures as ActivityDraft["procedures"],
    equipment: r.equipment as ActivityDraft["equipment"],
    referred: r.referred,
  };
  if (r.organisationId) d.organisationId = r.organisationId;
  if (r.territoryId) d.territoryId = r.territoryId;
  if (r.ageBrackets) d.ageBrackets = r.ageBrackets as ActivityDraft["ageBrackets"];
  if (r.autonomy) d.autonomy = r.autonomy as ActivityDraft["autonomy"];
  if (r.referralKind) d.referralKind = r.referralKind;
  if (r.workshopTitle) d.workshopTitle = r.workshopTitle;
  if (r.workshopLevel) d.workshopLevel = r.workshopLevel as ActivityDraft["workshopLevel"];
  if (r.notes) d.notes = r.notes;
  return d;
}

/**
 * The activity form, pre-filled with `values`. The fields that have no good default come first:
 * Discord pages them five at a time (the first page is what most reports need). Submitting `activity:<id>` changes that report.
 */
export function activityForm(ctx: Context, places: NetworkPlaces, values: ReportValues, reportId?: string): Reply {
  const { t } = ctx;
  const collective = values.kind === "COLLECTIVE";
  const value = (name: string) => (values[name] !== undefined ? { value: values[name] } : {});
  const options = (codes: readonly string[], label: (code: string) => string, none = false) => [
    ...(none ? [{ value: "", label: t("activities.form.none") }] : []),
    ...codes.map((c) => ({ value: c, label: label(c) })),
  ];
  const communeField: FormField =
    places.communes.length <= COMMUNE_MENU_MAX
      ? {
          name: "commune",
          label: t("activities.form.commune"),
          type: "select",
          required: false,
          ...value("commune"),
          options: [
            { value: "", label: t("activities.form.none") },
            ...places.communes.map((c) => ({ value: c.id, label: c.name })),
          ],
        }
      : {
          name: "commune",
          label: t("activities.form.communeTyped"),
          type: "text",
          required: false,
          maxLength: 80,
          ...communeName(values.commune, places),
        };
  const fields: FormField[] = [
    {
      name: "duration",
      label: t("activities.form.duration"),
      type: "text",
      required: true,
      maxLength: 20,
      ...value("duration"),
    },
    ...(collective
      ? [
          {
            name: "participants",
            label: t("activities.form.participants"),
            type: "number",
            required: true,
            ...value("participants"),
          } satisfies FormField,
        ]
      : []),
    {
      name: "themes",
      label: t("activities.form.themes"),
      type: "multiselect",
      required: true,
      ...value("themes"),
      options: options(THEMES, (c) => t(`activities.catalogue.themes.${c as "ai"}`)),
    },
    {
      name: "place",
      label: t("activities.form.place"),
      type: "select",
      required: true,
      ...value("place"),
      options: [
        ...places.organisations.map((o) => ({ value: o.id, label: o.name })),
        ...options(["OTHER_PLACE", "HOME", "REMOTE"], (c) => t(`activities.catalogue.places.${c as "HOME"}`)),
      ],
    },
    communeField,
    { name: "date", label: t("activities.form.date"), type: "date", required: false, ...value("date") },
    ...(collective
      ? [
          {
            name: "workshopTitle",
            label: t("activities.form.workshopTitle"),
            type: "text",
            required: false,
            maxLength: TITLE_MAX,
            ...value("workshopTitle"),
          } satisfies FormField,
          {
            name: "workshopLevel",
            label: t("activities.form.workshopLevel"),
            type: "select",
            required: false,
            ...value("workshopLevel"),
            options: options(WORKSHOP_LEVELS, (c) => t(`activities.catalogue.levels.${c as "beginner"}`), true),
          } satisfies FormField,
          {
            name: "ages",
            label: t("activities.form.ages"),
            type: "text",
            required: false,
            maxLength: AGES_MAX,
            ...value("ages"),
          } satisfies FormField,
        ]
      : [
          {
            name: "ageBracket",
            label: t("activities.form.ageBracket"),
            type: "select",
            required: false,
            ...value("ageBracket"),
            options: options(AGE_BRACKETS, (c) => t(`activities.catalogue.ageBrackets.${c as "60_plus"}`), true),
          } satisfies FormField,
        ]),
    {
      name: "procedures",
      label: t("activities.form.procedures"),
      type: "multiselect",
      required: false,
      ...value("procedures"),
      options: options(PROCEDURE_DOMAINS, (c) => t(`activities.catalogue.procedures.${c as "caf"}`)),
    },
    {
      name: "equipment",
      label: t("activities.form.equipment"),
      type: "multiselect",
      required: false,
      ...value("equipment"),
      options: options(EQUIPMENT, (c) => t(`activities.catalogue.equipment.${c as "other"}`)),
    },
    ...(collective
      ? []
      : [
          {
            name: "autonomy",
            label: t("activities.form.autonomy"),
            type: "select",
            required: false,
            ...value("autonomy"),
            options: options(AUTONOMY, (c) => t(`activities.catalogue.autonomy.${c as "partly"}`), true),
          } satisfies FormField,
          {
            name: "referral",
            label: t("activities.form.referral"),
            type: "select",
            required: false,
            ...value("referral"),
            options: options(REFERRAL_KINDS, (c) => t(`activities.catalogue.referrals.${c as "other"}`), true),
          } satisfies FormField,
        ]),
    {
      name: "notes",
      label: t("activities.form.notes"),
      type: "textarea",
      required: false,
      maxLength: NOTES_MAX,
      ...value("notes"),
    },
    {
      name: "kind",
      label: t("activities.form.kind"),
      type: "select",
      required: true,
      ...value("kind"),
      options: options(ACTIVITY_KINDS, (c) => t(`activities.catalogue.kinds.${c as "INDIVIDUAL"}`)),
    },
  ];
  const intro = t(reportId ? "activities.form.introEdit" : "activities.form.intro");
  return {
    // A modal label is short (Discord: 45 characters): the ways to write ages are said before the form.
    text: collective
      ? `${intro}\n${t("activities.form.agesHint", { brackets: AGE_BRACKETS.map((b) => AGE_SHORT[b]).join(", ") })}`
      : intro,
    visibility: "private",
    form: {
      id: reportId ? `activity:${reportId}` : "activity",
      title: t("activities.form.title"),
      submitLabel: t("activities.form.submit"),
      fields,
    },
  };
}

/** A typed commune field shows the commune's name, not its id. */
function communeName(value: string | string[] | undefined, places: NetworkPlaces): { value?: string } {
  if (typeof value !== "string" || value === "") return {};
  return { value: places.communes.find((c) => c.id === value)?.name ?? value };
}
