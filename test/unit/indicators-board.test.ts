import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action, choiceIds, createTestBot, type TestBot } from "../support/bot.ts";
import { communeId, insertReport, memberId, organisationId } from "./activity-support.ts";

let bot: TestBot;
let adviser: string;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const coordinator = (text: string) => bot.send("demo-coordinator", text);
const lines = async (text: string) =>
  (await coordinator(text))
    .map((r) => r.text)
    .join("\n")
    .split("\n");
const lineOf = (all: string[], label: string) => all.find((l) => l.includes(label)) ?? `(no line with ${label})`;

beforeAll(async () => {
  bot = await createTestBot();
  const { prisma } = bot.db;
  adviser = await memberId(bot, "demo-adviser");
  const moissac = await communeId(bot, "Moissac");
  const montauban = await communeId(bot, "Montauban");
  // 18 active digital advisers this year: the demo one (joined in 2025), 12 in Montauban, 5 in Moissac (4 of them since 2025).
  await prisma.member.updateMany({
    where: { networkId: bot.networkId },
    data: { createdAt: new Date("2025-03-01T09:00:00Z") },
  });
  for (let i = 0; i < 17; i++) {
    await prisma.member.create({
      data: {
        networkId: bot.networkId,
        displayName: `Conseiller ${i}`,
        roles: ["DIGITAL_ADVISER"],
        status: "ACTIVE",
        territoryId: i < 5 ? moissac : montauban,
        createdAt: new Date(i < 4 ? "2025-05-01T09:00:00Z" : "2026-02-01T09:00:00Z"),
      },
    });
  }
  await prisma.member.create({
    data: {
      networkId: bot.networkId,
      displayName: "Pas encore actif",
      roles: ["DIGITAL_ADVISER"],
      status: "ONBOARDING",
    },
  });
  // The seeded plan counts no activities: an indicator that does, on fiche 3.2.
  const fiche = await prisma.ficheAction.findFirstOrThrow({ where: { networkId: bot.networkId, code: "3.2" } });
  await prisma.indicator.create({
    data: {
      networkId: bot.networkId,
      ficheActionId: fiche.id,
      label: "Accompagnements réalisés par les conseillers numériques",
      target: 40,
      unit: "activities",
      period: "YEAR",
      computation: "COUNT_ACTIVITIES",
    },
  });
  await prisma.indicator.create({
    data: {
      networkId: bot.networkId,
      ficheActionId: fiche.id,
      label: "Ateliers collectifs",
      target: 5,
      unit: "workshops",
      period: "SEMESTER",
      computation: "COUNT_ACTIVITIES",
      filter: { kind: "COLLECTIVE" },
    },
  });
  await insertReport(bot, adviser, { date: day("2026-03-03"), kind: "COLLECTIVE", participants: 6 });
  await insertReport(bot, adviser, { date: day("2026-10-03"), kind: "COLLECTIVE", participants: 6 });
  const mdsMoissac = await organisationId(bot, "Maison départementale des solidarités de Moissac");
  for (const date of ["2026-02-03", "2026-05-12", "2026-11-20"])
    await insertReport(bot, adviser, { date: day(date), place: "OTHER_PLACE", territoryId: moissac });
  await insertReport(bot, adviser, { date: day("2026-06-10"), place: "SUPPORT_SITE", organisationId: mdsMoissac });
  for (const date of ["2026-03-01", "2026-09-09"])
    await insertReport(bot, adviser, { date: day(date), place: "OTHER_PLACE", territoryId: montauban });
  for (const date of ["2025-04-01", "2025-10-01"])
    await insertReport(bot, adviser, { date: day(date), place: "OTHER_PLACE", territoryId: moissac });
  // Two actions of the network reported through progress reports, one of them last year.
  const actions = await prisma.indicator.findFirstOrThrow({
    where: { networkId: bot.networkId, label: "Actions conduites par le réseau" },
  });
  for (const [date, value] of [
    ["2026-10-02", 2],
    ["2025-06-15", 1],
  ] as const) {
    await prisma.progressReport.create({
      data: {
        networkId: bot.networkId,
        memberId: adviser,
        ficheActionId: actions.ficheActionId,
        indicatorId: actions.id,
        date: day(date),
        value,
        text: "Journée du réseau",
      },
    });
  }
});
afterAll(() => bot.close());

describe("indicators as text", () => {
  it("shows each indicator of the current periods against its target, grouped by plan and fiche", async () => {
    const replies = await coordinator("indicateurs");
    const all = replies
      .map((r) => r.text)
      .join("\n")
      .split("\n");
    expect(all[0]).toBe("Indicateurs — Réseau des partenaires du Tarn-et-Garonne");
    expect(all[1]).toBe("Périodes en cours au 23 novembre 2026 · tout le réseau");
    expect(all).toContain(
      "◆ valeur tirée, en tout ou en partie, des bilans d’avancement saisis par les membres ; les autres sont comptées à partir des activités, des membres et des événements enregistrés.",
    );
    expect(lineOf(all, "Acteurs membres")).toBe(
      "▰▰▰▰▰▰▱▱▱▱ Acteurs membres du réseau de médiation numérique : 18 / 30 membres · 60 %",
    );
    expect(lineOf(all, "Accompagnements réalisés")).toBe(
      "▰▰▱▱▱▱▱▱▱▱ Accompagnements réalisés par les conseillers numériques : 8 / 40 activités · 20 %",
    );
    expect(lineOf(all, "Actions conduites")).toBe(
      "▰▰▰▰▰▰▰▱▱▱ Actions conduites par le réseau : 2 / 3 actions · 67 % ◆",
    );
    expect(lineOf(all, "Associations informées")).toMatch(
      /^— Associations informées des opportunités de financement .*: 0 association · pas de cible chiffrée ◆$/,
    );
    // A plan-long indicator says which period it covers.
    expect(lineOf(all, "Nouveau logement")).toContain(
      "Nouveau logement pour internes sur Montauban (plan 2024) : 0 / 1 logement · 0 %",
    );
    expect(lineOf(all, "Ateliers collectifs (")).toBe(
      "▰▰▱▱▱▱▱▱▱▱ Ateliers collectifs (2e semestre 2026) : 1 / 5 ateliers · 20 %",
    );
    // Grouped: the plan, then each fiche in order, each fiche's heading before its indicators.
    const fiches = all.filter((l) => /^\d\.\d /.test(l));
    expect(fiches.map((l) => l.slice(0, 3))).toEqual(["2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4"]);
    expect(fiches[0]).toMatch(/^2\.1 Soutenir l'accueil des internes en médecine générale .*…$/);
    expect(fiches[0]!.length).toBeLessThanOrEqual(70);
    expect(all.indexOf(fiches[4]!)).toBeLessThan(all.indexOf(lineOf(all, "Acteurs membres")));
    expect(all.find((l) => l.startsWith("SDAASP-82 — "))).toBeDefined();
    for (const reply of replies) expect(reply.text.length).toBeLessThan(3000);
    expect(choiceIds(replies)).toEqual(["ind.chart:current:-"]);
    expect(replies.at(-1)!.choices![0]!.label).toBe("Graphique (PNG)");
  });

  it("a year counts every indicator over that calendar year", async () => {
    const all = await lines("indicateurs 2025");
    expect(all[1]).toBe("Année 2025 · tout le réseau");
    expect(lineOf(all, "Acteurs membres")).toBe(
      "▰▰▱▱▱▱▱▱▱▱ Acteurs membres du réseau de médiation numérique : 5 / 30 membres · 17 %",
    );
    expect(lineOf(all, "Accompagnements réalisés")).toContain(": 2 / 40 activités · 5 %");
    expect(all).toContain("▱▱▱▱▱▱▱▱▱▱ Ateliers collectifs : 0 / 5 ateliers · 0 %");
    expect(lineOf(all, "Actions conduites")).toContain(": 1 / 3 actions · 33 % ◆");
    expect(lineOf(all, "Nouveau logement")).toContain("Nouveau logement pour internes sur Montauban : 0 / 1 logement");
    expect(choiceIds(await coordinator("indicateurs 2025"))).toEqual(["ind.chart:2025:-"]);
  });

  it("a territory narrows the counts to what happened there, typed without accents or capitals", async () => {
    const all = await lines("indicateurs moissac");
    expect(all[1]).toBe("Périodes en cours au 23 novembre 2026 · territoire : Moissac");
    expect(lineOf(all, "Accompagnements réalisés")).toContain(": 4 / 40 activités · 10 %");
    expect(lineOf(all, "Acteurs membres")).toContain(": 5 / 30 membres · 17 %");
    const confluences = await lines("indicateurs 2025 terres des confluences");
    expect(confluences[1]).toBe("Année 2025 · territoire : CC Terres des Confluences");
    expect(lineOf(confluences, "Accompagnements réalisés")).toContain(": 2 / 40 activités");
    expect(lineOf(await lines("indicateurs Grand Montauban"), "Accompagnements réalisés")).toContain(
      ": 2 / 40 activités",
    );
    const territory = await bot.db.prisma.territory.findFirstOrThrow({ where: { name: "Moissac" } });
    expect(choiceIds(await coordinator("indicateurs 2026 Moissac"))).toEqual([`ind.chart:2026:${territory.id}`]);
  });

  it("an unknown territory is refused with the closest names; an ambiguous one with the names it could be", async () => {
    const unknown = await bot.text("demo-coordinator", "indicateurs Moisac");
    expect(unknown).toMatch(
      /^Je ne trouve pas de territoire « Moisac » dans le réseau\. Les noms les plus proches : « Moissac », /,
    );
    expect(unknown).toContain("« indicateurs » seul pour tout le réseau");
    const ambiguous = await bot.text("demo-coordinator", "indicateurs quercy");
    expect(ambiguous).toContain("« quercy » désigne plusieurs territoires : ");
    expect(ambiguous).toContain("« CC du Quercy Caussadais »");
  });

  it("CLS coordinators may see them; other members are refused", async () => {
    expect(await bot.text("demo-cls", "indicateurs")).toContain("Acteurs membres du réseau");
    expect(await bot.text("demo-adviser", "indicateurs")).toContain("Cette commande est réservée");
    expect(await bot.text("demo-partner", action("ind:chart:current:-"))).toContain("réservé");
    expect(await bot.db.prisma.auditLog.count({ where: { action: "indicators", outcome: "denied" } })).toBe(1);
  });

  it("speaks English to an English-speaking coordinator", async () => {
    await bot.db.prisma.member.create({
      data: {
        networkId: bot.networkId,
        displayName: "Emma Hall",
        roles: ["NETWORK_COORDINATOR"],
        status: "ACTIVE",
        locale: "en",
        identities: { create: { networkId: bot.networkId, platform: "local", externalId: "emma" } },
      },
    });
    const replies = await bot.send("emma", "indicators 2026");
    const all = replies
      .map((r) => r.text)
      .join("\n")
      .split("\n");
    expect(all[1]).toBe("Year 2026 · whole network");
    expect(lineOf(all, "Acteurs membres")).toBe(
      "▰▰▰▰▰▰▱▱▱▱ Acteurs membres du réseau de médiation numérique: 18 / 30 members · 60%",
    );
    expect(lineOf(all, "Intercommunalités informées")).toContain("0 intercommunalities · no numeric target ◆");
    expect(replies.at(-1)!.choices![0]!.label).toBe("Chart (PNG)");
  });

  it("a long board is split into messages under 3,000 characters, the chart button on the last", async () => {
    const plan = await bot.db.prisma.plan.create({
      data: {
        networkId: bot.networkId,
        code: "CLS-LOMAGNE",
        title: "Contrat local de santé de la Lomagne Tarn-et-Garonnaise 2025–2029",
        startYear: 2023,
        endYear: 2027,
      },
    });
    const axis = await bot.db.prisma.axis.create({
      data: { networkId: bot.networkId, planId: plan.id, number: 1, title: "Prévention" },
    });
    for (let f = 1; f <= 12; f++) {
      const fiche = await bot.db.prisma.ficheAction.create({
        data: {
          networkId: bot.networkId,
          axisId: axis.id,
          code: `1.${f}`,
          title: `Action de prévention et de promotion de la santé numéro ${f} sur le territoire`,
        },
      });
      await bot.db.prisma.indicator.createMany({
        data: Array.from({ length: 4 }, (_, i) => ({
          networkId: bot.networkId,
          ficheActionId: fiche.id,
          label: `Séances d'information organisées auprès des habitants, indicateur ${i + 1}`,
          target: 3,
          unit: "sessions",
          period: "YEAR" as const,
          computation: "MANUAL" as const,
        })),
      });
    }
    try {
      const replies = await coordinator("indicateurs");
      expect(replies.length).toBeGreaterThan(2);
      for (const reply of replies) expect(reply.text.length).toBeLessThan(3000);
      expect(replies.slice(0, -1).every((r) => !r.choices)).toBe(true);
      expect(replies.at(-1)!.choices!.map((c) => c.id)).toEqual(["ind.chart:current:-"]);
      const cls = replies.filter((r) => r.text.includes("CLS-LOMAGNE"));
      expect(cls.length).toBeGreaterThan(1);
      // Every message of the long plan opens with its heading, so each reads on its own.
      expect(
        cls
          .slice(1)
          .every((r) =>
            r.text.startsWith(
              "CLS-LOMAGNE — Contrat local de santé de la Lomagne Tarn-et-Garonnaise 2025–2029 (suite)",
            ),
          ),
      ).toBe(true);
      expect(replies.flatMap((r) => r.text.split("\n")).filter((l) => l.includes("Séances d'information")).length).toBe(
        48,
      );
    } finally {
      await bot.db.prisma.plan.delete({ where: { id: plan.id } });
    }
  });
});
