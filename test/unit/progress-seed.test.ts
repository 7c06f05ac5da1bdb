import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeIndicators } from "../../src/features/indicators/compute.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());

describe("the demo network's plans", () => {
  it("the seed loads the SDAASP programme and the CLS of Terres des Confluences", async () => {
    const plans = await bot.db.prisma.plan.findMany({
      where: { networkId: bot.networkId },
      orderBy: { code: "asc" },
      select: { code: true, startYear: true, endYear: true, axes: { select: { number: true } } },
    });
    expect(plans.map((p) => p.code)).toEqual(["CLS-TDC", "SDAASP-82"]);
    expect(plans[0]).toMatchObject({ startYear: 2023, endYear: 2027 });
    expect(plans[0]!.axes.map((a) => a.number).sort()).toEqual([1, 2, 3, 4]);
    const cls = await bot.db.prisma.ficheAction.findMany({
      where: { axis: { plan: { code: "CLS-TDC" } } },
      select: { code: true, title: true },
    });
    expect(cls.map((f) => f.code).sort()).toEqual([
      "1.1.1",
      "1.1.2",
      "1.3.1",
      "1.5.1",
      "2.1.1",
      "2.2.1",
      "3.2.1",
      "4.2.1",
    ]);
    expect(cls.find((f) => f.code === "1.1.2")!.title).toBe("Dynamisation de la commission communautaire Santé");
    expect(await bot.db.prisma.ficheAction.count({ where: { axis: { plan: { code: "SDAASP-82" } } } })).toBe(8);
  });

  it("each CLS indicator has the document's target; meetings, forums and attendance are counted from events, the rest from progress reports", async () => {
    const values = await computeIndicators(bot.db.prisma, {
      networkId: bot.networkId,
      window: { today: { year: 2026, month: 11, day: 23 } },
    });
    const cls = values.filter((v) => v.fiche.planCode === "CLS-TDC");
    expect(cls).toHaveLength(14);
    expect(cls.every((v) => v.period === "YEAR" && v.value === 0)).toBe(true);
    const fromEvents = cls.filter((v) => v.source === "data").map((v) => v.label);
    expect(fromEvents.sort()).toEqual([
      "Commissions santé réunies",
      "Forums santé organisés",
      "Participants aux forums santé",
      "Réunions de la commission de coordination sanitaire territoriale",
      "Sessions de formation ou de sensibilisation proposées aux élus",
      "Élus présents aux commissions santé (émargements)",
    ]);
    const target = (code: string, label: string) => cls.find((v) => v.fiche.code === code && v.label === label)?.target;
    expect(target("1.1.1", "Sessions de formation ou de sensibilisation proposées aux élus")).toBe(3);
    expect(target("1.1.2", "Commissions santé réunies")).toBe(3);
    expect(target("1.5.1", "Réunions de la commission de coordination sanitaire territoriale")).toBe(12);
    expect(target("2.1.1", "Newsletters publiées")).toBe(3);
    expect(target("3.2.1", "Forums santé organisés")).toBe(2);
    expect(target("3.2.1", "Participants aux forums santé")).toBeNull();
    expect(values.filter((v) => v.fiche.planCode === "SDAASP-82")).toHaveLength(23);
  });
});
