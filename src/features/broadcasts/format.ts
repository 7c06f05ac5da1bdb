import type { Locale, Translate } from "../../core/i18n.ts";

const TIME_ZONE = "Europe/Paris";
const tag = (locale: Locale) => (locale === "fr" ? "fr-FR" : "en-GB");

/** The start of a broadcast's text on one line, to name it in progress messages and lists. */
export function excerpt(text: string, max = 40): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** "08:00": a wall-clock time in Paris. */
export function parisTime(at: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { timeStyle: "short", timeZone: TIME_ZONE }).format(at);
}

/** "23 nov. 2026, 10:00": a date and time in Paris. */
export function parisDateTime(at: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE }).format(
    at,
  );
}

/** "2 min 05 s", "11 h 03 min": how long a broadcast took. */
export function duration(ms: number, t: Translate): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return t("broadcasts.duration.hours", { hours, minutes: String(minutes).padStart(2, "0") });
  if (minutes > 0) return t("broadcasts.duration.minutes", { minutes, seconds: String(seconds).padStart(2, "0") });
  return t("broadcasts.duration.seconds", { seconds });
}
