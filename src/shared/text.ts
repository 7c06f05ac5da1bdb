import type { Locale } from "../core/i18n.ts";

/** "Terres des Confluences" → "terres-des-confluences", for file names. */
export function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** "Sophie Delmas, Julien Carrère and Thomas Lefèvre", or `none` for an empty list. */
export function formatNames(names: readonly string[], locale: Locale, none: string): string {
  return names.length ? new Intl.ListFormat(locale === "fr" ? "fr-FR" : "en-GB").format(names) : none;
}
