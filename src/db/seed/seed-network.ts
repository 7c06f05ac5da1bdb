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
      const networkId = network.id;
      const territoryIds = new Map<string, string>();
      // Parents are listed before their children in seed files; insert in order.
      for (const t of seed.territories) {
        const parentId = t.parent ? territoryIds.get(t.parent) : undefined;
        if (t.parent && !parentId) throw new Error(`Territory ${t.key}: parent ${t.parent} must be listed before it`);
        const row = await tx.territory.create({ data: { networkId, kind: t.kind, code: t.code, name: t.name, parentId: parentId ?? null } });
        territoryIds.set(t.key, row.id);
      }
      const organisationIds = new Map<string, string>();
      for (const o of seed.organisations) {
        const row = await tx.organisation.create({
          data: { networkId, name: o.name, kind: o.kind, territoryId: lookup(territoryIds, o.territory) },
        });
        organisationIds.set(o.key, row.id);
      }
      for (const p of seed.plans) await createPlan(tx, networkId, p);
      for (const m of seed.members) {
        await tx.member.create({
          data: {
            networkId,
            displayName: m.displayName,
            roles: m.roles,
            status: "ACTIVE",
            locale: m.locale,
            organisationId: lookup(organisationIds, m.organisation),
            territoryId: lookup(territoryIds, m.territory),
            identities: { create: { networkId, platform: "local", externalId: m.key } },
          },
        });
      }
      await tx.channelBinding.create({ data: { networkId, platform: "local", scopeId: seed.network.slug } });
      return { networkId, created: true };
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}

/** One plan with its axes, fiches-actions and their indicators. */
async function createPlan(tx: Prisma.TransactionClient, networkId: string, p: NetworkSeed["plans"][number]): Promise<void> {
  const plan = await tx.plan.create({ data: { networkId, code: p.code, title: p.title, startYear: p.startYear, endYear: p.endYear } });
  for (const a of p.axes) {
    const axis = await tx.axis.create({ data: { networkId, planId: plan.id, number: a.number, title: a.title } });
    for (const f of a.fiches) {
      await tx.ficheAction.create({
        data: {
          networkId,
          axisId: axis.id,
          code: f.code,
          title: f.title,
          pilot: f.pilot,
          partners: f.partners,
          calendar: f.calendar,
          indicators: { create: f.indicators.map((i) => ({ ...i, networkId })) },
        },
      });
    }
  }
}

function lookup(ids: Map<string, string>, key: string | null): string | null {
  if (key === null) return null;
  const id = ids.get(key);
  if (!id) throw new Error(`Seed refers to unknown key ${key}`);
  return id;
}
