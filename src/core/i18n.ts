import { IntlMessageFormat } from "intl-messageformat";
import { NAMESPACES } from "../../locales/namespaces.ts";

export type Locale = "fr" | "en";
export const LOCALES: readonly Locale[] = ["fr", "en"];
export const DEFAULT_LOCALE: Locale = "fr";

type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

type Catalogue = { [key: string]: string | Catalogue };

/** Merges a locale's files (messages.json, deadlines.json...); a feature's file may add to a shared section such as "commands". */
function merge(...parts: Catalogue[]): Catalogue {
  const out: Catalogue = {};
  for (const part of parts) {
    for (const [k, v] of Object.entries(part)) {
      const existing = out[k];
      if (typeof v !== "string" && existing !== undefined && typeof existing !== "string") out[k] = merge(existing, v);
      else if (existing !== undefined) throw new Error(`Translation key defined twice: ${k}`);
      else out[k] = v;
    }
  }
  return out;
}

// The keys' type is the intersection of every French namespace: a typo in a key fails tsc.
type UnionToIntersection<U> = (U extends unknown ? (part: U) => void : never) extends (part: infer I) => void
  ? I
  : never;
type FrenchCatalogue = UnionToIntersection<(typeof NAMESPACES)[number]["fr"]>;
const fr = merge(...NAMESPACES.map((n) => n.fr));
const en = merge(...NAMESPACES.map((n) => n.en));

/** Every sentence key the bot knows, derived from the French (default) catalogue. */
export type MessageKey = Leaves<FrenchCatalogue>;
export type MessageParams = Record<string, string | number | Date>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const catalogues: Record<Locale, Catalogue> = { fr, en };
const compiled = new Map<string, IntlMessageFormat>();

/** Flattens a catalogue to dotted keys; used by the completeness test and the translator. */
export function flatten(catalogue: Catalogue, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(catalogue)) {
    if (typeof v === "string") out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const flat: Record<Locale, Map<string, string>> = { fr: flatten(fr), en: flatten(en) };

/** The raw catalogues, flattened, for tests and tooling. */
export function catalogueKeys(locale: Locale): Set<string> {
  return new Set(flat[locale].keys());
}

/** Accepts `fr`, `fr-FR`, `EN`...; anything else falls back to `fallback`. */
export function toLocale(value: string | undefined | null, fallback: Locale = DEFAULT_LOCALE): Locale {
  const base = value?.toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((l) => l === base) ?? fallback;
}

/**
 * Builds a translator bound to one locale, for one message; never a shared global, so two members
 * answered at the same time each get their own language.
 */
export function createTranslator(locale: Locale): Translate {
  return (key, params = {}) => {
    const cacheKey = `${locale}:${key}`;
    let format = compiled.get(cacheKey);
    if (!format) {
      const source = flat[locale].get(key) ?? flat[DEFAULT_LOCALE].get(key);
      if (source === undefined) throw new Error(`Missing translation key: ${key}`);
      // ignoreTag: sentences show placeholders such as "<code>" to members; they are not markup.
      format = new IntlMessageFormat(source, locale === "fr" ? "fr-FR" : "en-GB", undefined, { ignoreTag: true });
      compiled.set(cacheKey, format);
    }
    return String(format.format(params));
  };
}

/** The raw text behind a key (e.g. the words that trigger a command), in one locale. */
export function rawMessage(locale: Locale, key: MessageKey): string {
  return flat[locale].get(key) ?? "";
}

/** All locales' catalogues, keyed by locale; the i18n test compares them. */
export const allCatalogues: Record<Locale, Catalogue> = catalogues;
