import { PARIS } from "../../../calendar/paris.ts";
import type { Context } from "../../../core/context.ts";
import type { Translate } from "../../../core/i18n.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3 heures", "2 jours": a duration rounded down to its largest sensible unit (hours under two days). */
export function formatDuration(ms: number, t: Translate): string {
  const span = Math.max(0, ms);
  if (span < HOUR) return t("welcomeDesk.duration.minutes", { n: Math.floor(span / MINUTE) });
  if (span < 2 * DAY) return t("welcomeDesk.duration.hours", { n: Math.floor(span / HOUR) });
  return t("welcomeDesk.duration.days", { n: Math.floor(span / DAY) });
}

/** "23 novembre 2026 à 10:15", Paris wall clock, in the member's language. */
export function formatAnsweredAt(at: Date, ctx: Context): string {
  return new Intl.DateTimeFormat(ctx.actor.locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: PARIS,
  }).format(at);
}

/** The first characters of a question, for one line of a list. */
export function preview(text: string | null, max = 160): string {
  const flat = (text ?? "").replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : flat;
}

/** The median of durations (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
