import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { officialTerritories } from "../../src/admin/geography.ts";
import { type NetworkSeed, readNetworkSeed, seedNetwork, seedNetworkFrom } from "../../src/db/seed/seed-network.ts";
import { createTestDatabase, DEMO_SEED, type TestDatabase } from "../support/database.ts";
import { admin } from "./admin-support.ts";

const DEMO_FILES = fileURLToPath(new URL("../../prisma/seed/demo/", import.meta.url));

let db: TestDatabase;
let seed: NetworkSeed;
beforeAll(async () => {
  db = await createTestDatabase();
  seed = await readNetworkSeed(DEMO_SEED);
});
afterAll(() => db.destroy());

const byCode = <T extends { code: string; kind: string }>(a: T, b: T) =>
  a.kind.localeCompare(b.kind) || a.code.localeCompare(b.code);

describe("seeding the demo network", () => {
  it("creates the official territories of the 82, the plan and organisations of its files, and members reachable on the local chat", async () => {
    const { networkId, created } = await seedNetwork(db.prisma, seed, { demo: true });
    expect(created).toBe(true);

    const territories = await db.prisma.territory.findMany({ where: { networkId }, include: { parent: true } });
    expect(
      territories
        .map((t) => ({ kind: t.kind, code: t.code, name: t.name, parent: t.parent?.code ?? null }))
        .sort(byCode),
    ).toEqual(
      officialTerritories(["82"])
        .map((t) => ({ kind: t.kind, code: t.code, name: t.name, parent: t.parent?.code ?? null }))
        .sort(byCode),
    );

    const organisations = await db.prisma.organisation.findMany({ where: { networkId }, include: { territory: true } });
    expect(organisations).toHaveLength(15);
    const placeOf = (name: string) => organisations.find((o) => o.name === name)?.territory;
    expect(placeOf("CPTS Quercy Garonne")).toMatchObject({
      kind: "EPCI",
      code: "200066322",
      name: "CC Terres des Confluences",
    });
    expect(
      placeOf("Conseil départemental de Tarn-et-Garonne – Direction Solidarité Attractivité territoriales (DSAT)"),
    ).toMatchObject({ kind: "DEPARTMENT", code: "82" });
    expect(placeOf("Maison de santé pluriprofessionnelle (MSP) de Valence")).toMatchObject({
      kind: "COMMUNE",
      code: "82186",
    });
    expect(
      organisations.map((o) => [o.name, o.kind, o.territory ? `${o.territory.kind}:${o.territory.code}` : null]).sort(),
    ).toEqual(
      seed.organisations.map((o) => [o.name, o.kind, o.place ? `${o.place.kind}:${o.place.code}` : null]).sort(),
    );

    const fiches = await db.prisma.ficheAction.findMany({
      where: { networkId },
      include: { axis: { include: { plan: true } }, indicators: true },
    });
    expect(fiches).toHaveLength(16);
    const seedFiches = seed.plans.flatMap((p) => [...p.fiches.values()].map((f) => ({ plan: p.code, f })));
    const indicator = (i: {
      label: string;
      unit: string;
      target: unknown;
      period: string;
      computation: string;
      filter: unknown;
    }) => [i.label, i.unit, i.target === null ? null : Number(i.target), i.period, i.computation, i.filter];
    expect(
      fiches
        .map((f) => [f.axis.plan.code, f.axis.number, f.code, f.title, f.pilot, f.indicators.map(indicator).sort()])
        .sort(),
    ).toEqual(
      seedFiches
        .map(({ plan, f }) => [plan, f.axis, f.code, f.title, f.pilot, f.indicators.map(indicator).sort()])
        .sort(),
    );

    const members = await db.prisma.member.findMany({
      where: { networkId },
      include: { identities: true, organisation: true, territory: true },
    });
    expect(
      members
        .map((m) => [
          m.displayName,
          m.status,
          m.roles,
          m.identities.map((i) => `${i.platform}:${i.externalId}`),
          m.organisation?.name ?? null,
          m.territory?.code ?? null,
        ])
        .sort(),
    ).toEqual(
      seed.members
        .map((m) => [m.displayName, "ACTIVE", m.roles, [`local:${m.key}`], m.organisation, m.territory?.code ?? null])
        .sort(),
    );
    expect(
      await db.prisma.channelBinding.findMany({ where: { networkId }, select: { platform: true, scopeId: true } }),
    ).toEqual([{ platform: "local", scopeId: seed.network.slug }]);
    expect(await db.prisma.network.findUniqueOrThrow({ where: { id: networkId } })).toMatchObject({
      slug: seed.network.slug,
      demo: true,
      timezone: "Europe/Paris",
      defaultLocale: "fr",
    });
  });

  it("a second start finds the network and adds nothing", async () => {
    const before = await db.prisma.member.count();
    const territories = await db.prisma.territory.count();
    const again = await seedNetwork(db.prisma, seed, { demo: true });
    expect(again.created).toBe(false);
    expect(await seedNetworkFrom(db.prisma, DEMO_SEED, { demo: true })).toEqual({
      networkId: again.networkId,
      created: false,
    });
    expect(await db.prisma.member.count()).toBe(before);
    expect(await db.prisma.territory.count()).toBe(territories);
  });

  it("the administration commands build the same network from the demo's files, members aside", async () => {
    expect((await admin(db, "network", "create", "demo-copy", "--name", "Copie", "--department", "82")).code).toBe(0);
    expect((await admin(db, "plan", "import", "demo-copy", `${DEMO_FILES}plan.csv`)).code).toBe(0);
    expect((await admin(db, "organisations", "import", "demo-copy", `${DEMO_FILES}organisations.csv`)).code).toBe(0);
    const contents = async (slug: string) => {
      const where = { network: { slug } };
      const [territories, organisations, indicators] = await Promise.all([
        db.prisma.territory.findMany({
          where,
          select: { kind: true, code: true, name: true, parent: { select: { code: true } } },
        }),
        db.prisma.organisation.findMany({
          where,
          select: { name: true, kind: true, territory: { select: { code: true } } },
        }),
        db.prisma.indicator.findMany({
          where,
          select: {
            label: true,
            target: true,
            computation: true,
            filter: true,
            ficheAction: { select: { code: true, title: true, pilot: true } },
          },
        }),
      ]);
      const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
      return { territories: sorted(territories), organisations: sorted(organisations), indicators: sorted(indicators) };
    };
    expect(await contents("demo-copy")).toEqual(await contents(seed.network.slug));
  });
});
