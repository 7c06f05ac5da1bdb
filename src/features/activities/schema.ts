import { z } from "zod";
import { type CalendarDay, compareDays } from "../../calendar/paris.ts";
import type { MessageKey, MessageParams } from "../../core/i18n.ts";
import { comparableName } from "../../shared/territory-names.ts";
import { type AgeBreakdown, ageTotal, readAgeBreakdown } from "./ages.ts";
import {
  ACTIVITY_KINDS,
  type ActivityKind,
  AGE_BRACKETS,
  AUTONOMY,
  EQUIPMENT,
  MAX_DURATION_MIN,
  MAX_PARTICIPANTS,
  PLACES,
  type Place,
  PROCEDURE_DOMAINS,
  REFERRAL_KINDS,
  THEMES,
  WORKSHOP_LEVELS,
} from "./catalogue.ts";
import { readActivityDay, readDuration } from "./days.ts";
import { findPersonalData, type PersonalData } from "./privacy.ts";

/** The form's values as submitted (a multiselect sends a list, an untouched field nothing). */
export type ReportValues = Record<string, string | string[]>;

/** What the rules need to know about the network and the day. */
export interface ReportRulesContext {
  today: CalendarDay;
  organisationIds: ReadonlySet<string>;
  communes: readonly { id: string; name: string }[];
}

/** A report that passed every rule, ready to store. */
export interface ValidReport {
  kind: ActivityKind;
  date: CalendarDay;
  durationMin: number;
  place: Place;
  organisationId: string | null;
  territoryId: string | null;
  participants: number;
  /** People per age bracket: the typed breakdown of a workshop, the one person's bracket otherwise. */
  ageBrackets: AgeBreakdown | null;
  themes: string[];
  procedures: string[];
  equipment: string[];
  autonomy: string | null;
  referred: boolean;
  referralKind: string | null;
  workshopTitle: string | null;
  workshopLevel: string | null;
  notes: string | null;
}

export const TITLE_MAX = 120;
export const NOTES_MAX = 1000;
export const AGES_MAX = 200;
/** A collective workshop has at least this many participants; with one person it is individual support. */
export const MIN_WORKSHOP_PARTICIPANTS = 2;

/** The sentence that refuses each kind of personal data. */
export const PRIVACY_PROBLEMS: Record<PersonalData, MessageKey> = {
  phone: "activities.errors.privacyPhone",
  email: "activities.errors.privacyEmail",
  nir: "activities.errors.privacyNir",
};

const text = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v.join(" ") : (v ?? "")).trim());
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => [
    ...new Set((v === undefined ? [] : Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean)),
  ]);

/** Codes of a list the form offers; a code not in it is a problem. */
function pick(
  values: string[],
  allowed: readonly string[],
  key: MessageKey,
  problem: (key: MessageKey) => void,
): string[] {
  if (values.some((v) => !allowed.includes(v))) problem(key);
  return values.filter((v) => allowed.includes(v));
}

/** A commune of the network by id or by name, however it is accented or capitalised. */
export function findCommune(value: string, communes: ReportRulesContext["communes"]): string | null {
  const typed = comparableName(value);
  return communes.find((c) => c.id === value || comparableName(c.name) === typed)?.id ?? null;
}

/**
 * The rules of an activity report over the form's values; each broken rule adds its locale key,
 * so one answer names every wrong field.
 */
export function reportSchema(rules: ReportRulesContext) {
  return (
    z
      .object({
        kind: text,
        date: text,
        duration: text,
        participants: text,
        ages: text,
        ageBracket: text,
        place: text,
        commune: text,
        themes: list,
        procedures: list,
        equipment: list,
        autonomy: text,
        referral: text,
        workshopTitle: text,
        workshopLevel: text,
        notes: text,
      })
      // One stage for every rule: zod skips a transform once a field failed, and the member should read all problems at once.
      .transform((f, ctx): ValidReport => {
        const problem = (message: MessageKey, params?: MessageParams) =>
          ctx.issues.push({ code: "custom", message, input: f, ...(params ? { params } : {}) });
        const kind = (ACTIVITY_KINDS as readonly string[]).includes(f.kind) ? (f.kind as ActivityKind) : null;
        if (!kind) problem("activities.errors.kind");
        const date = f.date === "" ? rules.today : readActivityDay(f.date, rules.today);
        if (!date) problem("activities.errors.date");
        else if (compareDays(date, rules.today) > 0) problem("activities.errors.future");
        const durationMin = readDuration(f.duration);
        if (durationMin === null) problem("activities.errors.duration");
        else if (durationMin < 1 || durationMin > MAX_DURATION_MIN) problem("activities.errors.durationRange");
        const collective = kind === "COLLECTIVE";
        const participants = collective ? Number(f.participants) : 1;
        const participantsOk =
          !collective ||
          (/^\d+$/.test(f.participants) &&
            participants >= MIN_WORKSHOP_PARTICIPANTS &&
            participants <= MAX_PARTICIPANTS);
        if (!participantsOk) problem("activities.errors.participants");
        const ageBrackets = collective
          ? readAges(f.ages, participantsOk ? participants : null, problem)
          : readBracket(f.ageBracket, problem);
        const themes = pick(f.themes, THEMES, "activities.errors.theme", problem);
        if (f.themes.length === 0) problem("activities.errors.themesMissing");
        const procedures = pick(f.procedures, PROCEDURE_DOMAINS, "activities.errors.procedure", problem);
        const equipment = pick(f.equipment, EQUIPMENT, "activities.errors.equipment", problem);
        const [autonomy = null] = pick(f.autonomy ? [f.autonomy] : [], AUTONOMY, "activities.errors.autonomy", problem);
        const [referralKind = null] = pick(
          f.referral ? [f.referral] : [],
          REFERRAL_KINDS,
          "activities.errors.referral",
          problem,
        );
        const [workshopLevel = null] = pick(
          f.workshopLevel ? [f.workshopLevel] : [],
          WORKSHOP_LEVELS,
          "activities.errors.level",
          problem,
        );
        if (f.workshopTitle.length > TITLE_MAX) problem("activities.errors.titleTooLong");
        if (f.notes.length > NOTES_MAX) problem("activities.errors.notesTooLong");
        const { place, organisationId } = readPlace(f.place, rules, problem);
        const territoryId =
          f.commune === "" || place === "SUPPORT_SITE" || place === "REMOTE"
            ? null
            : findCommune(f.commune, rules.communes);
        if (f.commune !== "" && territoryId === null && (place === "HOME" || place === "OTHER_PLACE"))
          problem("activities.errors.commune");
        // At home the commune is optional: in a small commune it could point to the person helped.
        if (f.commune === "" && place === "OTHER_PLACE") problem("activities.errors.communeMissing");
        const personal = findPersonalData(`${f.notes}\n${f.workshopTitle}`);
        if (personal) problem(PRIVACY_PROBLEMS[personal]);
        return {
          kind: kind ?? "INDIVIDUAL",
          date: date ?? rules.today,
          durationMin: durationMin ?? 0,
          place: place ?? "REMOTE",
          organisationId,
          territoryId,
          participants,
          ageBrackets,
          themes,
          // Procedure domains qualify the theme "administrative procedures" only.
          procedures: themes.includes("procedures") ? procedures : [],
          equipment,
          autonomy,
          referred: referralKind !== null,
          referralKind,
          workshopTitle: collective ? f.workshopTitle || null : null,
          workshopLevel: collective ? workshopLevel : null,
          notes: f.notes || null,
        };
      })
  );
}

/** A workshop's typed breakdown: known brackets, whole numbers, no more people than participants. */
function readAges(
  typed: string,
  participants: number | null,
  problem: (key: MessageKey, params?: MessageParams) => void,
): AgeBreakdown | null {
  if (typed.length > AGES_MAX) {
    problem("activities.errors.agesTooLong");
    return null;
  }
  const reading = readAgeBreakdown(typed);
  if (!reading.ok) {
    // A long part is cut: the member recognises it by its start.
    const part = reading.part.length > 40 ? `${reading.part.slice(0, 39)}…` : reading.part;
    problem(reading.problem === "whole" ? "activities.errors.agesWhole" : "activities.errors.agesUnknown", { part });
    return null;
  }
  const sum = reading.breakdown ? ageTotal(reading.breakdown) : 0;
  if (participants !== null && sum > participants) problem("activities.errors.agesSum", { sum, participants });
  return reading.breakdown;
}

/** The age bracket of the one person an individual support or a one-off request was for. */
function readBracket(code: string, problem: (key: MessageKey) => void): AgeBreakdown | null {
  if (code === "") return null;
  if ((AGE_BRACKETS as readonly string[]).includes(code)) return { [code]: 1 };
  problem("activities.errors.ageBracket");
  return null;
}

/** The place field: a support site's organisation id, or another kind of place. */
function readPlace(
  value: string,
  rules: ReportRulesContext,
  problem: (key: MessageKey) => void,
): { place: Place | null; organisationId: string | null } {
  if (rules.organisationIds.has(value)) return { place: "SUPPORT_SITE", organisationId: value };
  if (value === "SUPPORT_SITE") {
    problem("activities.errors.siteMissing");
    return { place: "SUPPORT_SITE", organisationId: null };
  }
  if ((PLACES as readonly string[]).includes(value)) return { place: value as Place, organisationId: null };
  problem(
    value === ""
      ? "activities.errors.placeMissing"
      : z.uuid().safeParse(value).success
        ? "activities.errors.site"
        : "activities.errors.place",
  );
  return { place: null, organisationId: null };
}

/** A broken rule: its sentence's locale key and what the sentence names. */
export interface Problem {
  key: MessageKey;
  params?: MessageParams;
}

/** Every broken rule, once each, in the order of the form. */
export function problemsOf(error: z.ZodError): Problem[] {
  const seen = new Map<string, Problem>();
  for (const issue of error.issues) {
    const params = "params" in issue ? (issue.params as MessageParams | undefined) : undefined;
    const problem = { key: issue.message as MessageKey, ...(params ? { params } : {}) };
    seen.set(JSON.stringify(problem), problem);
  }
  return [...seen.values()];
}
