import type { Db } from "../../db/database.ts";

/** The territories of `roots` and everything under them, within the network (a department, its intercommunalities, their communes). */
export async function territoriesWithin(db: Db, networkId: string, roots: readonly string[]): Promise<string[]> {
  if (roots.length === 0) return [];
  const all = await db.territory.findMany({ where: { networkId }, select: { id: true, parentId: true } });
  const children = new Map<string, string[]>();
  for (const t of all) {
    if (!t.parentId) continue;
    const siblings = children.get(t.parentId);
    if (siblings) siblings.push(t.id);
    else children.set(t.parentId, [t.id]);
  }
  const found = new Set<string>();
  const queue = roots.filter((id) => all.some((t) => t.id === id));
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (found.has(id)) continue;
    found.add(id);
    queue.push(...(children.get(id) ?? []));
  }
  return [...found];
}
