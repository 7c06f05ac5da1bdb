import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { setUpNetwork } from "../../admin/network.ts";
import { applyOrganisations } from "../../admin/organisations/apply.ts";
import { type OrganisationInput, organisationsFromTable } from "../../admin/organisations/rows.ts";
import { applyPlans } from "../../admin/plan/apply.ts";
import { type PlanInput, planFromTable } from "../../admin/plan/rows.ts";
import { readTable } from "../../admin/table-file.ts";
import type { Db } from "../database.ts";
import { createSeedMembers } from "./members.ts";
import { type NetworkSeedFile, networkSeedSchema } from "./schema.ts";

// Serialises seeding across processes that start together on one PostgreSQL.
const SEED_LOCK = 7_340_112;

/** A seed file with its plan and organisations files read and checked as the admin imports check them. */
export interface NetworkSeed extends Omit<NetworkSeedFile, "plan" | "organisations"> {
  plans: PlanInput[];
  organisations: OrganisationInput[];
}

export interface SeedResult {
  networkId: string;
  created: boolean;
}

/** Reads and validates a network seed file and the plan and organisations files it names. */
export async function readNetworkSeed(path: string): Promise<NetworkSeed> {
  const { plan, organisations, ...seed } = networkSeedSchema.parse(JSON.parse(await readFile(path, "utf8")));
  const [plans, rows] = await Promise.all([
    readTable(resolve(dirname(path), plan)).then(planFromTable),
    readTable(resolve(dirname(path), organisations)).then(organisationsFromTable),
  ]);
  return { ...seed, plans, organisations: rows };
}

/**
 * Seeds the network of the seed file at `path` unless it exists: a restart reads neither the files
 * nor the official geography.
 */
export async function seedNetworkFrom(db: Db, path: string, options: { demo?: boolean } = {}): Promise<SeedResult> {
  const slug = networkSeedSchema.shape.network.parse(
    (JSON.parse(await readFile(path, "utf8")) as { network?: unknown }).network,
  ).slug;
  const existing = await db.network.findUnique({ where: { slug }, select: { id: true } });
  if (existing) return { networkId: existing.id, created: false };
  return seedNetwork(db, await readNetworkSeed(path), options);
}

/**
 * Creates the network of `seed` the way the administration commands set one up (`network create`
 * from the official geography, `plan import`, `organisations import`), then its members (each
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

      const { slug, name, ...settings } = seed.network;
      const { networkId } = await setUpNetwork(
        tx,
        { slug, name, departments: seed.departments },
        { ...settings, demo: options.demo ?? false },
      );
      await applyPlans(tx, networkId, seed.plans);
      await applyOrganisations(tx, { id: networkId, slug }, seed.organisations);
      await createSeedMembers(tx, networkId, seed.members);
      await tx.channelBinding.create({ data: { networkId, platform: "local", scopeId: slug } });
      return { networkId, created: true };
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}
