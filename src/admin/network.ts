import type { Prisma } from "@prisma/client";
import { officialTerritories } from "./geography.ts";
import { syncTerritories, type TerritoryChanges } from "./territories.ts";
import type { Tx } from "./transaction.ts";

/** What creating (or completing) a network changed. */
export interface NetworkSetUp {
  networkId: string;
  created: boolean;
  renamed: boolean;
  territories: TerritoryChanges;
}

/**
 * Creates the network `slug` (or renames it to `name`) and brings its territories in line with the
 * official geography of `departments`: what `network create` does, and the demo's first step.
 * `extra` is written only when the network is created (the demo's flag, time zone, privacy notice).
 */
export async function setUpNetwork(
  tx: Tx,
  network: { slug: string; name: string; departments: readonly string[] },
  extra: Omit<Prisma.NetworkCreateInput, "slug" | "name"> = {},
): Promise<NetworkSetUp> {
  const { slug, name } = network;
  // Read before writing: an unknown department code is refused before anything changes.
  const territories = officialTerritories(network.departments);
  const existing = await tx.network.findUnique({ where: { slug }, select: { id: true, name: true } });
  const row =
    existing ?? (await tx.network.create({ data: { ...extra, slug, name }, select: { id: true, name: true } }));
  const renamed = existing !== null && existing.name !== name;
  if (renamed) await tx.network.update({ where: { id: row.id }, data: { name } });
  return {
    networkId: row.id,
    created: existing === null,
    renamed,
    territories: await syncTerritories(tx, row.id, territories),
  };
}
