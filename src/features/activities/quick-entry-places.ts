// Names of the network's places as advisers shorten them: "Médiathèque de Montech", "médiathèque
// Montech", "FS Lafrançaise", "MSP Moissac", "MDS Montauban". A short form shared by several
// organisations ("MSP", "France Services") names all of them, and the adviser is asked which.
import type { KnownPlace } from "./draft.ts";
import { PhraseTable, pieces, STOPWORDS } from "./quick-entry-text.ts";

/** A place name's tokens without "de/la/du…" anywhere ("La Ville-Dieu-du-Temple" → ville dieu temple). */
function nameTokens(name: string): string[] {
  return pieces(name).filter((token) => !STOPWORDS.has(token));
}

/** Usual short forms of the kinds of support site. */
const SHORT_FORMS: [string, string][] = [
  ["france services", "fs"],
  ["maison départementale des solidarités", "mds"],
  ["centre hospitalier", "ch"],
  ["maison de santé pluriprofessionnelle", "msp"],
  ["centre de santé", "cds"],
  ["médiathèque", "média"],
];
/** One-word beginnings that may name a site on their own ("la médiathèque", "la MSP"). */
const ONE_WORD_HEADS = new Set(["fs", "mds", "ch", "msp", "cds", "media", "mediatheque", "bibliotheque"]);

export interface PlaceIndex {
  table: PhraseTable<KnownPlace>;
  /** Each organisation with the tokens of its full name, to find the ones a commune's name is part of. */
  organisations: { place: KnownPlace; tokens: string[] }[];
}

const cache = new WeakMap<KnownPlace[], PlaceIndex>();

/** The phrases that name each place; built once per list. */
export function indexPlaces(places: KnownPlace[]): PlaceIndex {
  const cached = cache.get(places);
  if (cached) return cached;
  const table = new PhraseTable<KnownPlace>([]);
  const organisations: PlaceIndex["organisations"] = [];
  for (const place of places) {
    if (place.kind === "commune") {
      table.add(nameTokens(place.name), place);
      continue;
    }
    organisations.push({ place, tokens: nameTokens(place.name) });
    const seen = new Set<string>();
    for (const alias of aliases(place.name)) {
      for (let length = alias.length; length >= 1; length--) {
        const prefix = alias.slice(0, length);
        if (length === 1 && alias.length > 1 && !ONE_WORD_HEADS.has(prefix[0]!)) break;
        const key = prefix.join(" ");
        if (seen.has(key)) continue;
        seen.add(key);
        table.add(prefix, place);
      }
    }
  }
  const index = { table, organisations };
  cache.set(places, index);
  return index;
}

/** The organisations whose name contains the commune's ("Médiathèque de Montech" for Montech). */
export function organisationsIn(index: PlaceIndex, commune: KnownPlace): KnownPlace[] {
  const name = nameTokens(commune.name);
  return index.organisations
    .filter(({ tokens }) => tokens.some((_, start) => name.every((token, k) => tokens[start + k] === token)))
    .map(({ place }) => place);
}

/**
 * The token sequences an organisation is known by: its name, the part before a dash or a
 * bracket, its acronym in brackets with what follows ("(MSP) de Moissac" → "MSP Moissac"),
 * each also with the usual short form of its kind ("France Services" → "FS").
 */
function aliases(name: string): string[][] {
  const forms = new Set<string>([name]);
  const head = name.split(/\s[–—-]\s|\s\(/)[0]!;
  forms.add(head);
  forms.add(name.replace(/\([^)]*\)|«[^»]*»/g, " "));
  const acronym = /\(([A-Z0-9]{2,})\)(.*)$/.exec(name);
  if (acronym) {
    forms.add(acronym[1]!);
    forms.add(`${acronym[1]} ${acronym[2]!.split(/\s[–—-]\s|\s\(/)[0]}`);
  }
  const trailingNumber = /^(.*\S)\s+\d+$/.exec(name);
  if (trailingNumber) forms.add(trailingNumber[1]!);
  const result: string[][] = [];
  for (const form of forms) {
    const tokens = nameTokens(form);
    if (tokens.length === 0) continue;
    result.push(tokens);
    const text = tokens.join(" ");
    for (const [long, short] of SHORT_FORMS) {
      const longTokens = nameTokens(long).join(" ");
      if (text.startsWith(`${longTokens} `) || text === longTokens)
        result.push(nameTokens(short + text.slice(longTokens.length)));
    }
  }
  return result;
}
