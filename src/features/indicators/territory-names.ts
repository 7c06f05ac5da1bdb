import { distance } from "fastest-levenshtein";
import { normaliseWord } from "../../core/command-words.ts";
import type { Db } from "../../db/database.ts";

/** A territory of the network as a coordinator names it. */
export interface NamedTerritory {
  id: string;
  name: string;
}

/** A typed name: one territory, several that it names equally well, or none (with the closest names). */
export type TerritoryMatch = { kind: "found"; territory: NamedTerritory } | { kind: "ambiguous"; names: string[] } | { kind: "unknown"; closest: string[] };

const CLOSEST = 3;
// What intercommunalities' names start with, which nobody types: "Communauté de communes du Quercy Caussadais".
const GENERIC_HEAD = /^(communaute (de communes|d agglomeration|urbaine)|cc|ca|cu)( (du|de la|de l|des|de|d))? /;

/** Words without accents, case, apostrophes or dashes: "Saint-Nicolas-de-la-Grave" → "saint nicolas de la grave". */
export function comparableName(name: string): string {
  return normaliseWord(name)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The part of a name people type: "Quercy Caussadais" for "Communauté de communes du Quercy Caussadais". */
function shortName(comparable: string): string {
  return comparable.replace(GENERIC_HEAD, "");
}

/**
 * Finds a territory by the name a coordinator types, accents and case ignored: the exact name
 * (the commune of Montauban before the Grand Montauban), else the one territory whose name
 * contains the typed words ("terres des confluences").
 */
export async function findTerritoryByName(db: Db, networkId: string, typed: string): Promise<TerritoryMatch> {
  const rows = await db.territory.findMany({ where: { networkId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  const wanted = comparableName(typed);
  const named = rows.map((row) => ({ row, full: comparableName(row.name) }));
  const exact = named.filter(({ full }) => full === wanted || shortName(full) === wanted);
  if (exact.length === 1) return { kind: "found", territory: exact[0]!.row };
  const containing = exact.length > 1 ? exact : named.filter(({ full }) => wanted !== "" && ` ${full} `.includes(` ${wanted} `));
  if (containing.length === 1) return { kind: "found", territory: containing[0]!.row };
  if (containing.length > 1) return { kind: "ambiguous", names: containing.map(({ row }) => row.name) };
  const scored = named.map(({ row, full }) => ({ name: row.name, score: closeness(wanted, full) }));
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name, "fr"));
  return { kind: "unknown", closest: scored.slice(0, CLOSEST).map((s) => s.name) };
}

/** Edit distance to the name's short form, or to its words of the typed length ("moisac" ~ "moissac"). */
function closeness(typed: string, full: string): number {
  const words = shortName(full).split(" ");
  const span = typed.split(" ").length;
  let best = distance(typed, shortName(full));
  for (let start = 0; start + span <= words.length; start++) best = Math.min(best, distance(typed, words.slice(start, start + span).join(" ")));
  return best;
}
