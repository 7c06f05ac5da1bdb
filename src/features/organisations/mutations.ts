import type { OrganisationKind } from "@prisma/client";
import type { Db } from "../../db/database.ts";

/** Adds a partner organisation to the network; a name taken meanwhile fails on the unique index (P2002). */
export function createOrganisation(
  db: Db,
  data: { networkId: string; name: string; kind: OrganisationKind; territoryId: string | null },
) {
  return db.organisation.create({ data });
}

/** Gives the organisation its new name. */
export async function renameOrganisation(db: Db, id: string, name: string): Promise<void> {
  await db.organisation.update({ where: { id }, data: { name } });
}

/** Places the organisation in a commune. */
export async function setOrganisationCommune(db: Db, id: string, territoryId: string): Promise<void> {
  await db.organisation.update({ where: { id }, data: { territoryId } });
}
