import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { botCounters } from "../../src/bot.ts";
import { readNetworkSeed, seedNetwork } from "../../src/db/seed/seed-network.ts";
import { computeIndicators, type IndicatorValue } from "../../src/features/indicators/compute.ts";
import { provideCounters } from "../../src/features/indicators/counters.ts";
import { yearRange } from "../../src/features/indicators/period.ts";
import { createTestDatabase, DEMO_SEED, type TestDatabase } from "../support/database.ts";

let db: TestDatabase;
let networkId: string;
let adviser: string;
const territory = new Map<string, string>();
const organisation = new Map<string, string>();

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

beforeAll(async () => {
  provideCounters(botCounters);
  db = await createTestDatabase();
  ({ networkId } = await seedNetwork(db.prisma, await readNetworkSeed(DEMO_SEED)));
  for (const t of await db.prisma.territory.findMany({ where: { networkId } })) territory.set(t.name, t.id);
  for (const o of await db.prisma.organisation.findMany({ where: { networkId } })) organisation.set(o.name, o.id);
  adviser = (await db.prisma.platformIdentity.findFirstOrThrow({ where: { externalId: "demo-adviser" } })).memberId;
  const fiche = await db.prisma.ficheAction.findFirstOrThrow({ where: { networkId, code: "3.2" } });
  await db.prisma.indicator.create({
    data: {
      networkId,
      ficheActionId: fiche.id,
      label: "Accompagnements réalisés",
      target: 100,
      unit: "activities",
      period: "YEAR",
      computation: "COUNT_ACTIVITIES",
    },
  });
  await db.prisma.indicator.create({
    data: {
      networkId,
      ficheActionId: fiche.id,
      label: "Ateliers collectifs du semestre",
      target: 10,
      unit: "workshops",
      period: "SEMESTER",
      computation: "COUNT_ACTIVITIES",
      filter: { kind: "COLLECTIVE" },
    },
  });
  // Seeded members were created "now": pin them to a day inside the periods under test.
  await db.prisma.member.updateMany({ where: { networkId }, data: { createdAt: new Date("2026-02-01T10:00:00Z") } });
});
afterAll(() => db.destroy());
beforeEach(async () => {
  await db.prisma.activityReport.deleteMany({});
  await db.prisma.progressReport.deleteMany({});
});

function byLabel(values: IndicatorValue[], label: string): IndicatorValue {
  const found = values.find((v) => v.label === label);
  if (!found) throw new Error(`no indicator "${label}"`);
  return found;
}

const year2026 = { range: yearRange(2026) };

async function activity(
  date: string,
  where: { commune?: string; site?: string },
  kind: "INDIVIDUAL" | "COLLECTIVE" = "INDIVIDUAL",
) {
  await db.prisma.activityReport.create({
    data: {
      networkId,
      memberId: adviser,
      kind,
      date: day(date),
      durationMin: 60,
      place: where.site ? "SUPPORT_SITE" : where.commune ? "OTHER_PLACE" : "REMOTE",
      organisationId: where.site ? [...organisation].find(([name]) => name.startsWith(where.site!))![1] : null,
      territoryId: where.commune ? territory.get(where.commune)! : null,
      participants: kind === "COLLECTIVE" ? 6 : 1,
      themes: ["email"],
    },
  });
}

describe("indicators summed from progress reports", () => {
  it("a progress report with a value on a MANUAL indicator counts within its range, not outside it", async () => {
    const indicator = await db.prisma.indicator.findFirstOrThrow({
      where: { networkId, label: "Actions conduites par le réseau" },
    });
    const base = { networkId, memberId: adviser, ficheActionId: indicator.ficheActionId, indicatorId: indicator.id };
    await db.prisma.progressReport.createMany({
      data: [
        { ...base, date: day("2026-03-14"), value: 1, text: "Journée réseau à Montauban" },
        { ...base, date: day("2026-12-31"), value: 2, text: "Deux ateliers croisés" },
        { ...base, date: day("2025-12-31"), value: 5, text: "L'an dernier" },
        { ...base, date: day("2026-05-02"), value: null, text: "Compte rendu sans chiffre" },
        { ...base, indicatorId: null, date: day("2026-05-02"), value: 7, text: "Sur la fiche, pas sur l'indicateur" },
      ],
    });
    const values = await computeIndicators(db.prisma, { networkId, window: year2026 });
    const actions = byLabel(values, "Actions conduites par le réseau");
    expect(actions).toMatchObject({ value: 3, target: 3, source: "reports", computation: "MANUAL" });
    expect(
      byLabel(
        await computeIndicators(db.prisma, { networkId, window: { range: yearRange(2025) } }),
        "Actions conduites par le réseau",
      ).value,
    ).toBe(5);
  });

  it("in a territory, only the reports of members placed there count", async () => {
    const indicator = await db.prisma.indicator.findFirstOrThrow({
      where: { networkId, label: "Actions conduites par le réseau" },
    });
    const cls = (await db.prisma.platformIdentity.findFirstOrThrow({ where: { externalId: "demo-cls" } })).memberId;
    const base = {
      networkId,
      ficheActionId: indicator.ficheActionId,
      indicatorId: indicator.id,
      date: day("2026-04-01"),
      text: "Réunion",
    };
    await db.prisma.progressReport.createMany({
      data: [
        { ...base, memberId: cls, value: 2 },
        { ...base, memberId: adviser, value: 1 },
      ],
    });
    const confluences = territory.get("CC Terres des Confluences")!;
    expect(
      byLabel(
        await computeIndicators(db.prisma, { networkId, window: year2026, territoryId: confluences }),
        "Actions conduites par le réseau",
      ).value,
    ).toBe(2);
    expect(
      byLabel(await computeIndicators(db.prisma, { networkId, window: year2026 }), "Actions conduites par le réseau")
        .value,
    ).toBe(3);
  });
});

describe("indicators counted from activities", () => {
  it("a territory counts activities by their commune and by their support site's location, with the territories under it", async () => {
    await activity("2026-03-02", { commune: "Moissac" });
    await activity("2026-03-03", { commune: "Castelsarrasin" });
    await activity("2026-03-04", { site: "Maison de santé pluriprofessionnelle (MSP) de Moissac" });
    await activity("2026-03-05", { site: "Maison départementale des solidarités de Montauban" });
    await activity("2026-03-06", { site: "Communauté de communes Terres des Confluences" });
    await activity("2026-03-07", {});
    await activity("2025-06-01", { commune: "Moissac" });
    const count = async (name?: string) =>
      byLabel(
        await computeIndicators(db.prisma, {
          networkId,
          window: year2026,
          territoryId: name ? territory.get(name)! : undefined,
        }),
        "Accompagnements réalisés",
      ).value;
    expect(await count()).toBe(6);
    expect(await count("Moissac")).toBe(2);
    expect(await count("CC Terres des Confluences")).toBe(4);
    expect(await count("Montauban")).toBe(1);
    expect(await count("CA Grand Montauban")).toBe(1);
    expect(await count("Tarn-et-Garonne")).toBe(5);
  });

  it("a half-yearly indicator counts over the half-year containing today; a chosen year counts the whole year", async () => {
    await activity("2026-03-02", { commune: "Moissac" }, "COLLECTIVE");
    await activity("2026-09-10", { commune: "Moissac" }, "COLLECTIVE");
    await activity("2026-10-10", { commune: "Moissac" }, "COLLECTIVE");
    await activity("2026-10-11", { commune: "Moissac" }, "INDIVIDUAL");
    const current = byLabel(
      await computeIndicators(db.prisma, { networkId, window: { today: { year: 2026, month: 11, day: 23 } } }),
      "Ateliers collectifs du semestre",
    );
    expect(current.value).toBe(2);
    expect(current.range).toEqual({ from: { year: 2026, month: 7, day: 1 }, to: { year: 2026, month: 12, day: 31 } });
    expect(
      byLabel(await computeIndicators(db.prisma, { networkId, window: year2026 }), "Ateliers collectifs du semestre")
        .value,
    ).toBe(3);
  });
});

describe("indicators counted from members", () => {
  it("counts active digital advisers who had joined by the last day of the period, Paris time", async () => {
    const join = (name: string, createdAt: string, status: "ACTIVE" | "ONBOARDING" = "ACTIVE") =>
      db.prisma.member.create({
        data: {
          networkId,
          displayName: name,
          roles: ["DIGITAL_ADVISER"],
          status,
          createdAt: new Date(createdAt),
          territoryId: territory.get("Moissac")!,
        },
      });
    const created = await Promise.all([
      join("Léa", "2026-12-31T22:30:00Z"),
      join("Marc", "2026-12-31T23:30:00Z"),
      join("Inès", "2026-06-01T08:00:00Z", "ONBOARDING"),
    ]);
    try {
      const members = (values: IndicatorValue[]) => byLabel(values, "Acteurs membres du réseau de médiation numérique");
      // demo-adviser, and Léa who joined at 23:30 on 31 December in Paris; Marc joined on 1 January.
      expect(members(await computeIndicators(db.prisma, { networkId, window: year2026 })).value).toBe(2);
      expect(
        members(
          await computeIndicators(db.prisma, { networkId, window: year2026, territoryId: territory.get("Moissac")! }),
        ).value,
      ).toBe(1);
      expect(members(await computeIndicators(db.prisma, { networkId, window: { range: yearRange(2027) } })).value).toBe(
        3,
      );
    } finally {
      await db.prisma.member.deleteMany({ where: { id: { in: created.map((m) => m.id) } } });
    }
  });
});
