import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readNetworkSeed, seedNetwork } from "../../src/db/seed/seed-network.ts";
import type { NetworkSeed } from "../../src/db/seed/schema.ts";
import { createTestDatabase, DEMO_SEED, type TestDatabase } from "../support/database.ts";

let db: TestDatabase;
let seed: NetworkSeed;
beforeAll(async () => {
  db = await createTestDatabase();
  seed = await readNetworkSeed(DEMO_SEED);
});
afterAll(() => db.destroy());

describe("seeding the demo network", () => {
  it("creates every territory under its parent, the organisations, plans and members reachable on the local chat", async () => {
    const { networkId, created } = await seedNetwork(db.prisma, seed, { demo: true });
    expect(created).toBe(true);

    const territories = await db.prisma.territory.findMany({ where: { networkId }, include: { parent: true } });
    const byKey = new Map(seed.territories.map((t) => [t.key, t]));
    expect(territories.map((t) => ({ code: t.code, kind: t.kind, name: t.name, parent: t.parent?.code ?? null })).sort((a, b) => a.code.localeCompare(b.code))).toEqual(
      seed.territories.map((t) => ({ code: t.code, kind: t.kind, name: t.name, parent: t.parent ? byKey.get(t.parent)!.code : null })).sort((a, b) => a.code.localeCompare(b.code)),
    );

    const organisations = await db.prisma.organisation.findMany({ where: { networkId }, include: { territory: true } });
    expect(organisations.map((o) => [o.name, o.kind, o.territory?.code ?? null]).sort()).toEqual(
      seed.organisations.map((o) => [o.name, o.kind, o.territory ? byKey.get(o.territory)!.code : null]).sort(),
    );

    const fiches = await db.prisma.ficheAction.findMany({ where: { networkId }, include: { axis: { include: { plan: true } }, indicators: true } });
    const seedFiches = seed.plans.flatMap((p) => p.axes.flatMap((a) => a.fiches.map((f) => ({ plan: p.code, axis: a.number, f }))));
    expect(fiches.map((f) => [f.axis.plan.code, f.axis.number, f.code, f.title, f.partners, f.indicators.map((i) => i.label).sort()]).sort()).toEqual(
      seedFiches.map(({ plan, axis, f }) => [plan, axis, f.code, f.title, f.partners, f.indicators.map((i) => i.label).sort()]).sort(),
    );

    const members = await db.prisma.member.findMany({ where: { networkId }, include: { identities: true, organisation: true, territory: true } });
    const orgName = new Map(seed.organisations.map((o) => [o.key, o.name]));
    expect(members.map((m) => [m.displayName, m.status, m.roles, m.identities.map((i) => `${i.platform}:${i.externalId}`), m.organisation?.name ?? null, m.territory?.code ?? null]).sort()).toEqual(
      seed.members
        .map((m) => [m.displayName, "ACTIVE", m.roles, [`local:${m.key}`], m.organisation ? orgName.get(m.organisation)! : null, m.territory ? byKey.get(m.territory)!.code : null])
        .sort(),
    );
    expect(await db.prisma.channelBinding.findMany({ where: { networkId }, select: { platform: true, scopeId: true } })).toEqual([{ platform: "local", scopeId: seed.network.slug }]);
    expect(await db.prisma.network.findUniqueOrThrow({ where: { id: networkId } })).toMatchObject({ slug: seed.network.slug, demo: true });
  });

  it("a second start finds the network and adds nothing", async () => {
    const before = await db.prisma.member.count();
    const again = await seedNetwork(db.prisma, seed, { demo: true });
    expect(again.created).toBe(false);
    expect(await db.prisma.member.count()).toBe(before);
    expect(await db.prisma.territory.count()).toBe(seed.territories.length);
  });
});
