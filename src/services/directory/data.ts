import type { Db } from "../../db/database.ts";

export interface DirectoryEntry {
  id: string;
  name: string;
}

/** The network's partner organisations, by name. */
export async function listOrganisations(db: Db, networkId: string): Promise<DirectoryEntry[]> {
  return db.organisation.findMany({ where: { networkId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/** Territories a member can say they work in: the department and its intercommunalities. */
export async function listWorkTerritories(db: Db, networkId: string): Promise<DirectoryEntry[]> {
  const rows = await db.territory.findMany({
    where: { networkId, kind: { in: ["DEPARTMENT", "EPCI"] } },
    select: { id: true, name: true, kind: true },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
  });
  return rows.map(({ id, name }) => ({ id, name }));
}

/** True when `id` is an organisation of this network. */
export async function isOrganisationOf(db: Db, networkId: string, id: string): Promise<boolean> {
  return (await db.organisation.count({ where: { networkId, id } })) === 1;
}

/** True when `id` is a territory of this network. */
export async function isTerritoryOf(db: Db, networkId: string, id: string): Promise<boolean> {
  return (await db.territory.count({ where: { networkId, id } })) === 1;
}

/** The network's name, as headings and calendar files show it. */
export async function networkName(db: Db, networkId: string): Promise<string> {
  const network = await db.network.findUniqueOrThrow({ where: { id: networkId }, select: { name: true } });
  return network.name;
}

/** A member's display name, or null when the member is gone. */
export function findMemberName(db: Db, memberId: string) {
  return db.member.findUnique({ where: { id: memberId }, select: { displayName: true } });
}
