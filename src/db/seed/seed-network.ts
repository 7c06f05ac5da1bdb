import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Prisma } from "@prisma/client";
import type { Db } from "../database.ts";
import { type NetworkSeed, networkSeedSchema } from "./schema.ts";

// Serialises seeding across processes that start together on one PostgreSQL.
const SEED_LOCK = 7_340_112;

export interface SeedResult {
  networkId: string;
  created: boolean;
}

/** Reads and validates a network seed file. */
export async function readNetworkSeed(path: string): Promise<NetworkSeed> {
  return networkSeedSchema.parse(JSON.parse(await readFile(path, "utf8")));
}

/**
 * Creates the network of `seed` with its territories, organisations, plans and demo members (each
 * reachable on the local channel as `local:<key>`), and binds the local channel to it. Does
 * nothing when the network already exists, so it runs safely at every start. `demo` marks the
 * built-in demo network, which a production process refuses to run beside.
 */
export async function seedNetwork(db: Db, seed: NetworkSeed, options: { demo?: boolean } = {}): Promise<SeedResult> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(${SEED_LOCK})`;
      const existing = await tx.network.findUnique({ where: { slug: seed.network.slug }, select: { id: true } });
      if (existing) return { networkId: existing.id, created: false };

      const network = await tx.network.create({ data: { ...seed.network, demo: options.demo ?? false } });
      // Ids are drawn here so that each table is one createMany: 13 statements rather than ~150.
      await createRows(tx, network.id, seed);
      return { networkId: network.id, created: true };
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}

/** Every row of the seed below its network, one createMany per table, parents before children. */
async function createRows(tx: Prisma.TransactionClient, networkId: string, seed: NetworkSeed): Promise<void> {
  const territoryIds = new Map<string, string>();
  const territories = seed.territories.map((t) => {
    // Parents are listed before their children in seed files.
    const parentId = t.parent ? territoryIds.get(t.parent) : undefined;
    if (t.parent && !parentId) throw new Error(`Territory ${t.key}: parent ${t.parent} must be listed before it`);
    const id = randomUUID();
    territoryIds.set(t.key, id);
    return { id, networkId, kind: t.kind, code: t.code, name: t.name, parentId: parentId ?? null };
  });
  await tx.territory.createMany({ data: territories });
  const organisationIds = new Map(seed.organisations.map((o) => [o.key, randomUUID()]));
  await tx.organisation.createMany({
    data: seed.organisations.map((o) => ({ id: organisationIds.get(o.key)!, networkId, name: o.name, kind: o.kind, territoryId: lookup(territoryIds, o.territory) })),
  });
  await createPlans(tx, networkId, seed.plans);
  const members = seed.members.map((m) => ({ id: randomUUID(), m }));
  await tx.member.createMany({
    data: members.map(({ id, m }) => ({
      id,
      networkId,
      displayName: m.displayName,
      roles: m.roles,
      status: "ACTIVE" as const,
      locale: m.locale,
      organisationId: lookup(organisationIds, m.organisation),
      territoryId: lookup(territoryIds, m.territory),
    })),
  });
  await tx.platformIdentity.createMany({ data: members.map(({ id, m }) => ({ networkId, memberId: id, platform: "local", externalId: m.key })) });
  await tx.channelBinding.create({ data: { networkId, platform: "local", scopeId: seed.network.slug } });
}

/** The plans with their axes, fiches-actions and indicators: one createMany per level. */
async function createPlans(tx: Prisma.TransactionClient, networkId: string, plans: NetworkSeed["plans"]): Promise<void> {
  const planRows = plans.map((p) => ({ id: randomUUID(), p }));
  const axisRows = planRows.flatMap(({ id: planId, p }) => p.axes.map((a) => ({ id: randomUUID(), planId, a })));
  const ficheRows = axisRows.flatMap(({ id: axisId, a }) => a.fiches.map((f) => ({ id: randomUUID(), axisId, f })));
  await tx.plan.createMany({ data: planRows.map(({ id, p }) => ({ id, networkId, code: p.code, title: p.title, startYear: p.startYear, endYear: p.endYear })) });
  await tx.axis.createMany({ data: axisRows.map(({ id, planId, a }) => ({ id, networkId, planId, number: a.number, title: a.title })) });
  await tx.ficheAction.createMany({
    data: ficheRows.map(({ id, axisId, f }) => ({ id, networkId, axisId, code: f.code, title: f.title, pilot: f.pilot, partners: f.partners, calendar: f.calendar })),
  });
  await tx.indicator.createMany({ data: ficheRows.flatMap(({ id, f }) => f.indicators.map((i) => ({ ...i, networkId, ficheActionId: id }))) });
}

function lookup(ids: Map<string, string>, key: string | null): string | null {
  if (key === null) return null;
  const id = ids.get(key);
  if (!id) throw new Error(`Seed refers to unknown key ${key}`);
  return id;
}
