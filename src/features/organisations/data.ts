import { distance } from "fastest-levenshtein";
import type { Db } from "../../db/database.ts";
import { comparableName } from "../../shared/territory-names.ts";

/** The network's organisation of that name, accents, case and punctuation aside, or undefined. */
export async function findOrganisationByName(
  db: Db,
  networkId: string,
  typed: string,
): Promise<{ id: string; name: string } | undefined> {
  const wanted = comparableName(typed);
  if (!wanted) return undefined;
  const rows = await db.organisation.findMany({ where: { networkId }, select: { id: true, name: true } });
  return rows.find((row) => comparableName(row.name) === wanted);
}

/** The network's organisations with their kind and commune, by name. */
export function listOrganisationsWithCommune(db: Db, networkId: string) {
  return db.organisation.findMany({
    where: { networkId },
    select: { id: true, name: true, kind: true, territory: { select: { name: true } } },
    orderBy: { name: "asc" },
    take: 200,
  });
}

export type CommuneMatch = { kind: "found"; id: string; name: string } | { kind: "unknown"; closest: string[] };

/** A commune of the network by its name or INSEE code ("Caussade", "82037"); else the three closest names. */
export async function findCommune(db: Db, networkId: string, typed: string): Promise<CommuneMatch> {
  const communes = await db.territory.findMany({
    where: { networkId, kind: "COMMUNE" },
    select: { id: true, name: true, code: true },
  });
  const wanted = comparableName(typed);
  const found = communes.find((c) => c.code === typed.trim() || comparableName(c.name) === wanted);
  if (found) return { kind: "found", id: found.id, name: found.name };
  const closest = communes
    .map((c) => ({ name: c.name, score: distance(wanted, comparableName(c.name)) }))
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name, "fr"))
    .slice(0, 3)
    .map((c) => c.name);
  return { kind: "unknown", closest };
}
