import type { Locale } from "../../../core/i18n.ts";

/** "2 novembre 2026": a `@db.Date` (UTC midnight) or an instant's day, in the member's language. */
export function formatDay(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(
    date,
  );
}
