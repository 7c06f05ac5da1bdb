import { randomUUID } from "node:crypto";
import type { OfficialTerritory } from "./geography.ts";
import type { Tx } from "./transaction.ts";

/** What writing a network's territories changed. */
export interface TerritoryChanges {
  created: Record<OfficialTerritory["kind"], number>;
  renamed: number;
  moved: number;
}

const KINDS = ["DEPARTMENT", "EPCI", "COMMUNE"] as const;

/**
 * Brings the network's territories in line with `wanted`: missing ones are inserted in bulk (a
 * department is hundreds of communes), renamed or re-parented ones updated, none removed (members,
 * reports and events point at them). A second run with the same data changes nothing.
 */
export async function syncTerritories(
  tx: Tx,
  networkId: string,
  wanted: readonly OfficialTerritory[],
): Promise<TerritoryChanges> {
  const existing = await tx.territory.findMany({
    where: { networkId },
    select: { id: true, kind: true, code: true, name: true, parentId: true },
  });
  const idOf = new Map(existing.map((t) => [`${t.kind}:${t.code}`, t.id]));
  const changes: TerritoryChanges = { created: { DEPARTMENT: 0, EPCI: 0, COMMUNE: 0 }, renamed: 0, moved: 0 };
  // Parents first: a kind's rows take their parent's id from the kinds inserted before them.
  for (const kind of KINDS) {
    const rows = wanted
      .filter((t) => t.kind === kind && !idOf.has(`${kind}:${t.code}`))
      .map((t) => ({
        id: randomUUID(),
        networkId,
        kind,
        code: t.code,
        name: t.name,
        parentId: t.parent ? idOf.get(`${t.parent.kind}:${t.parent.code}`)! : null,
      }));
    if (rows.length) await tx.territory.createMany({ data: rows });
    for (const r of rows) idOf.set(`${kind}:${r.code}`, r.id);
    changes.created[kind] = rows.length;
  }
  const byKey = new Map(existing.map((t) => [`${t.kind}:${t.code}`, t]));
  for (const t of wanted) {
    const row = byKey.get(`${t.kind}:${t.code}`);
    if (!row) continue;
    const parentId = t.parent ? idOf.get(`${t.parent.kind}:${t.parent.code}`)! : null;
    if (row.name === t.name && row.parentId === parentId) continue;
    await tx.territory.update({ where: { id: row.id }, data: { name: t.name, parentId } });
    if (row.name !== t.name) changes.renamed++;
    if (row.parentId !== parentId) changes.moved++;
  }
  return changes;
}
