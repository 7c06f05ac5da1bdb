import type { CalendarDay } from "../../calendar/paris.ts";
import type { Locale, MessageKey, Translate } from "../../core/i18n.ts";
import { type AgeBreakdown, known, mainBracket } from "./ages.ts";
import type { NetworkPlaces, StoredReport } from "./data.ts";
import { dayOfColumn, formatDay, formatDuration, readActivityDay } from "./days.ts";
import type { ActivityDraft } from "./draft.ts";

/** A report or a draft as the member reads it: codes still codes, places already named. */
export interface ReportView extends Omit<ActivityDraft, "date" | "organisationId" | "territoryId"> {
  date?: CalendarDay;
  siteName?: string;
  communeName?: string;
}

/** A stored report as a view (its columns hold the catalogue's codes). */
export function viewOfReport(r: StoredReport): ReportView {
  return {
    kind: r.kind,
    date: dayOfColumn(r.date),
    durationMin: r.durationMin,
    place: r.place,
    participants: r.participants,
    themes: r.themes as ReportView["themes"],
    procedures: r.procedures as ReportView["procedures"],
    equipment: r.equipment as ReportView["equipment"],
    referred: r.referred,
    ...(r.ageBrackets ? { ageBrackets: r.ageBrackets as ReportView["ageBrackets"] } : {}),
    ...(r.autonomy ? { autonomy: r.autonomy as NonNullable<ReportView["autonomy"]> } : {}),
    ...(r.referralKind ? { referralKind: r.referralKind } : {}),
    ...(r.workshopTitle ? { workshopTitle: r.workshopTitle } : {}),
    ...(r.workshopLevel ? { workshopLevel: r.workshopLevel as NonNullable<ReportView["workshopLevel"]> } : {}),
    ...(r.notes ? { notes: r.notes } : {}),
    ...(r.organisation ? { siteName: r.organisation.name } : {}),
    ...(r.territory ? { communeName: r.territory.name } : {}),
  };
}

/** A draft as a view, naming its site and commune from the network's places. */
export function viewOfDraft(d: ActivityDraft, places: NetworkPlaces, today: CalendarDay): ReportView {
  const { date, organisationId, territoryId, ...rest } = d;
  const day = date ? readActivityDay(date, today) : today;
  const site = places.organisations.find((o) => o.id === organisationId)?.name;
  const commune = places.communes.find((c) => c.id === territoryId)?.name;
  return {
    ...rest,
    ...(day ? { date: day } : {}),
    ...(site ? { siteName: site } : {}),
    ...(commune ? { communeName: commune } : {}),
  };
}

function joined(items: string[]): string {
  return items.join(", ");
}

/** Where the activity took place: "Médiathèque de Montech", "At home (Montech)". */
export function placeText(t: Translate, v: ReportView): string | undefined {
  if (!v.place) return v.siteName ?? v.communeName;
  const kind = t(`activities.catalogue.places.${v.place}`);
  if (v.place === "SUPPORT_SITE") return v.siteName ?? kind;
  return v.communeName ? t("activities.summary.placeIn", { place: kind, commune: v.communeName }) : kind;
}

/** The view field by field, one line each; the essentials not known yet say so. */
export function describeReport(t: Translate, locale: Locale, v: ReportView): string[] {
  const missing = t("activities.summary.missing");
  const line = (label: MessageKey, value: string | undefined) =>
    t("activities.summary.line", { label: t(label), value: value ?? missing });
  const lines = [
    line("activities.labels.kind", v.kind && t(`activities.catalogue.kinds.${v.kind}`)),
    line("activities.labels.date", v.date && formatDay(v.date, locale)),
    line("activities.labels.duration", v.durationMin ? formatDuration(v.durationMin) : undefined),
    line("activities.labels.place", placeText(t, v)),
  ];
  if (v.kind === "COLLECTIVE" || (v.participants ?? 1) > 1)
    lines.push(line("activities.labels.participants", v.participants?.toString()));
  lines.push(
    line(
      "activities.labels.themes",
      v.themes?.length ? joined(v.themes.map((c) => t(`activities.catalogue.themes.${c}`))) : undefined,
    ),
  );
  const optional = (label: MessageKey, value: string | undefined) => value && lines.push(line(label, value));
  optional(
    "activities.labels.procedures",
    v.procedures?.length ? joined(v.procedures.map((c) => t(`activities.catalogue.procedures.${c}`))) : undefined,
  );
  optional(
    "activities.labels.equipment",
    v.equipment?.length ? joined(v.equipment.map((c) => t(`activities.catalogue.equipment.${c}`))) : undefined,
  );
  optional("activities.labels.autonomy", v.autonomy && t(`activities.catalogue.autonomy.${v.autonomy}`));
  if (v.referred)
    optional(
      "activities.labels.referral",
      v.referralKind ? t(`activities.catalogue.referrals.${v.referralKind as "other"}`) : t("activities.summary.yes"),
    );
  optional("activities.labels.workshop", workshopText(t, v));
  const ages = known(v.ageBrackets);
  if (ages && isGroup(v)) optional("activities.labels.ages", agesText(t, ages));
  else if (ages) optional("activities.labels.age", bracketText(t, ages));
  optional("activities.labels.notes", v.notes);
  return lines;
}

/** A workshop (or a draft with several people), whose ages are a breakdown rather than one bracket. */
function isGroup(v: ReportView): boolean {
  return v.kind === "COLLECTIVE" || (v.kind === undefined && (v.participants ?? 1) > 1);
}

/** "35–60 ans : 3, 60 ans et plus : 5". */
function agesText(t: Translate, ages: AgeBreakdown): string {
  return joined(
    Object.entries(ages).map(([b, n]) =>
      t("activities.summary.ageCount", { bracket: t(`activities.catalogue.ageBrackets.${b as "60_plus"}`), count: n }),
    ),
  );
}

/** The bracket of the one person helped: "60 ans et plus". */
function bracketText(t: Translate, ages: AgeBreakdown): string {
  return t(`activities.catalogue.ageBrackets.${mainBracket(ages)!}`);
}

function workshopText(t: Translate, v: ReportView): string | undefined {
  const level = v.workshopLevel && t(`activities.catalogue.levels.${v.workshopLevel}`);
  if (v.workshopTitle && level) return t("activities.summary.workshopTitleLevel", { title: v.workshopTitle, level });
  return v.workshopTitle ? t("activities.summary.workshopTitle", { title: v.workshopTitle }) : level;
}

/**
 * One line for a list: "lun. 23 nov. 2026 — Atelier collectif — 2 h — 8 pers. (60 ans et plus : 5)
 * — Smartphone"; an individual support names the person's age bracket when it is known.
 */
export function reportHeadline(t: Translate, locale: Locale, v: ReportView): string {
  const ages = known(v.ageBrackets);
  const people = t("activities.summary.people", { count: v.participants ?? 0 });
  const parts = [
    v.date ? formatDay(v.date, locale) : "",
    v.kind ? t(`activities.catalogue.kinds.${v.kind}`) : "",
    v.durationMin ? formatDuration(v.durationMin) : "",
    v.kind === "COLLECTIVE"
      ? ages
        ? t("activities.summary.peopleAges", { people, ages: agesText(t, ages) })
        : people
      : ages
        ? bracketText(t, ages)
        : "",
    (v.themes ?? []).map((c) => t(`activities.catalogue.themes.${c}`)).join(", "),
  ];
  return parts.filter(Boolean).join(" — ");
}
