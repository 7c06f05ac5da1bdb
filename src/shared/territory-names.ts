import { distance } from "fastest-levenshtein";

/** A territory of the network as a member names it. */
export interface NamedTerritory {
  id: string;
  name: string;
}

/** A typed name: one territory, several that it names equally well, or none (with the closest names). */
export type TerritoryMatch<T extends NamedTerritory = NamedTerritory> =
  | { kind: "found"; territory: T }
  | { kind: "ambiguous"; names: string[] }
  | { kind: "unknown"; closest: string[] };

const CLOSEST = 3;
// What intercommunalities' names start with, which nobody types: "Communauté de communes du Quercy Caussadais".
const GENERIC_HEAD = /^(communaute (de communes|d agglomeration|urbaine)|cc|ca|cu)( (du|de la|de l|des|de|d))? /;
// "St-Antonin" and "Saint-Antonin", "Ste-Livrade" and "Sainte-Livrade" are the same commune.
const SAINT = new Map([
  ["st", "saint"],
  ["ste", "sainte"],
  ["sts", "saints"],
  ["stes", "saintes"],
]);

/** Words without accents, case, apostrophes or dashes, "St" as "Saint": "St-Nicolas-de-la-Grave" → "saint nicolas de la grave". */
export function comparableName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((word) => SAINT.get(word) ?? word)
    .join(" ");
}

/** The part of a name people type: "quercy caussadais" for "communaute de communes du quercy caussadais". */
function shortName(comparable: string): string {
  return comparable.replace(GENERIC_HEAD, "");
}

/**
 * The territory a member means by `typed`, accents, case and punctuation ignored: the one so named
 * or so named without its "Communauté de communes du" (the commune of Montauban before the Grand
 * Montauban), else the one whose name contains the typed words ("terres des confluences").
 */
export function matchTerritoryName<T extends NamedTerritory>(
  territories: readonly T[],
  typed: string,
): TerritoryMatch<T> {
  const wanted = comparableName(typed);
  const named = territories.map((territory) => ({ territory, full: comparableName(territory.name) }));
  const exact = named.filter(({ full }) => full === wanted || shortName(full) === wanted);
  if (exact.length === 1) return { kind: "found", territory: exact[0]!.territory };
  const containing =
    exact.length > 1 ? exact : named.filter(({ full }) => wanted !== "" && ` ${full} `.includes(` ${wanted} `));
  if (containing.length === 1) return { kind: "found", territory: containing[0]!.territory };
  if (containing.length > 1) return { kind: "ambiguous", names: containing.map(({ territory }) => territory.name) };
  const scored = named.map(({ territory, full }) => ({ name: territory.name, score: closeness(wanted, full) }));
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name, "fr"));
  return { kind: "unknown", closest: scored.slice(0, CLOSEST).map((s) => s.name) };
}

/** Edit distance to the name's short form, or to its words of the typed length ("moisac" ~ "moissac"). */
function closeness(typed: string, full: string): number {
  const words = shortName(full).split(" ");
  const span = typed.split(" ").length;
  let best = distance(typed, shortName(full));
  for (let start = 0; start + span <= words.length; start++)
    best = Math.min(best, distance(typed, words.slice(start, start + span).join(" ")));
  return best;
}
