import { PARIS } from "../../calendar/paris.ts";
import type { Locale } from "../../core/i18n.ts";

const STYLES = {
  date: { dateStyle: "full" },
  datetime: { dateStyle: "full", timeStyle: "short" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** An instant as members read it: Paris wall-clock time, in their language (as notices render it when sent). */
export function formatParis(at: Date, locale: Locale, style: keyof typeof STYLES = "datetime"): string {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", { ...STYLES[style], timeZone: PARIS }).format(at);
}
