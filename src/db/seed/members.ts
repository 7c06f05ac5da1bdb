import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import type { NetworkSeedFile } from "./schema.ts";

/**
 * Creates the seed's members, active, each with its local identity (`local:<key>`); their
 * organisation is found by name and their territory by kind and code, or the seed is refused.
 */
export async function createSeedMembers(
  tx: Prisma.TransactionClient,
  networkId: string,
  members: NetworkSeedFile["members"],
): Promise<void> {
  const places = members.flatMap((m) => (m.territory ? [m.territory] : []));
  const [organisations, territories] = await Promise.all([
    tx.organisation.findMany({ where: { networkId }, select: { id: true, name: true } }),
    tx.territory.findMany({
      where: { networkId, OR: places.map((p) => ({ kind: p.kind, code: p.code })) },
      select: { id: true, kind: true, code: true },
    }),
  ]);
  const organisationId = (name: string | null) =>
    name === null ? null : (organisations.find((o) => o.name === name)?.id ?? refuse(`organisation "${name}"`));
  const territoryId = (t: { kind: string; code: string } | null) =>
    t === null
      ? null
      : (territories.find((x) => x.kind === t.kind && x.code === t.code)?.id ?? refuse(`${t.kind} ${t.code}`));
  const rows = members.map((m) => ({ id: randomUUID(), m }));
  await tx.member.createMany({
    data: rows.map(({ id, m }) => ({
      id,
      networkId,
      displayName: m.displayName,
      roles: m.roles,
      status: "ACTIVE" as const,
      locale: m.locale,
      organisationId: organisationId(m.organisation),
      territoryId: territoryId(m.territory),
    })),
  });
  await tx.platformIdentity.createMany({
    data: rows.map(({ id, m }) => ({ networkId, memberId: id, platform: "local", externalId: m.key })),
  });
}

function refuse(what: string): never {
  throw new Error(`The seed's members refer to ${what}, which the network does not have`);
}
