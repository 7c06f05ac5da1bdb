import { z } from "zod";
import { type CalendarDay, compareDays } from "../../calendar/paris.ts";
import type { MessageKey } from "../../core/i18n.ts";
import { readActivityDay } from "../activities/days.ts";
import { findPersonalData, type PersonalData } from "../activities/privacy.ts";
import type { Fiche } from "./fiches.ts";

export const TEXT_MAX = 500;
export const VALUE_MAX = 100_000;

/** The form's values as submitted. */
export type ProgressValues = Record<string, string | string[]>;

/** A progress report that passed every rule, ready to store. */
export interface ValidProgress {
  text: string;
  date: CalendarDay;
  indicatorId: string | null;
  value: number | null;
}

/** The sentence that refuses each kind of personal data. */
export const PRIVACY_PROBLEMS: Record<PersonalData, MessageKey> = {
  phone: "progress.errors.privacyPhone",
  email: "progress.errors.privacyEmail",
  nir: "progress.errors.privacyNir",
};

/** The problems of a progress text on its own (the quick entry checks them before reading the line). */
export function textProblems(text: string): MessageKey[] {
  const problems: MessageKey[] = [];
  if (text === "") problems.push("progress.errors.textMissing");
  if (text.length > TEXT_MAX) problems.push("progress.errors.textTooLong");
  const personal = findPersonalData(text);
  if (personal) problems.push(PRIVACY_PROBLEMS[personal]);
  return problems;
}

/** A value as typed: a number with at most two decimals ("18", "2,5", "-1"), or null (its range is a rule apart). */
export function readValue(typed: string): number | null {
  return /^-?\d{1,9}(?:[.,]\d{1,2})?$/.test(typed) ? Number(typed.replace(",", ".")) : null;
}

const field = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v.join(" ") : (v ?? "")).trim());

/**
 * The rules of a progress report on a fiche; each broken rule adds its locale key, so one answer
 * names every wrong field. An indicator the bot counts from its own records takes no value.
 */
export function progressSchema(rules: { today: CalendarDay; fiche: Fiche }) {
  return z.object({ text: field, date: field, indicator: field, value: field }).transform((f, ctx): ValidProgress => {
    const problem = (message: MessageKey) => ctx.issues.push({ code: "custom", message, input: f });
    textProblems(f.text).forEach(problem);
    const date = f.date === "" ? rules.today : readActivityDay(f.date, rules.today);
    if (!date) problem("progress.errors.date");
    else if (compareDays(date, rules.today) > 0) problem("progress.errors.future");
    const indicator = f.indicator === "" ? null : rules.fiche.indicators.find((i) => i.id === f.indicator);
    if (indicator === undefined) problem("progress.errors.indicator");
    else if (indicator?.counted) problem("progress.errors.counted");
    const typed = f.value === "" ? null : readValue(f.value);
    if (f.value !== "" && typed === null) problem("progress.errors.value");
    else if (typed !== null && (typed <= 0 || typed > VALUE_MAX)) problem("progress.errors.valueRange");
    if (f.value !== "" && indicator === null) problem("progress.errors.valueWithoutIndicator");
    return {
      text: f.text,
      date: date ?? rules.today,
      indicatorId: indicator?.id ?? null,
      // An indicator chosen without a value counts one more (a meeting held, an issue published).
      value: indicator ? (typed ?? 1) : null,
    };
  });
}

/** Every broken rule's locale key, once each. */
export function problemsOf(error: z.ZodError): MessageKey[] {
  return [...new Set(error.issues.map((i) => i.message as MessageKey))];
}
