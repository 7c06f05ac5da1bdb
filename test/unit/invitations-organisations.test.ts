// Coordinators keep their network's directory and targets up to date from the chat (issue 13, section 3).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeIndicators } from "../../src/features/indicators/compute.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());

const organisation = (name: string) =>
  bot.db.prisma.organisation.findFirst({ where: { networkId: bot.networkId, name }, include: { territory: true } });

describe("organisations from the chat", () => {
  it("a coordinator adds an organisation with its commune and type, renames it and moves it", async () => {
    expect(
      await bot.text("demo-coordinator", "structure ajouter Médiathèque de Villebrumier, Villebrumier, bibliothèque"),
    ).toBe("Structure ajoutée : Médiathèque de Villebrumier (bibliothèque, Villebrumier).");
    expect(await organisation("Médiathèque de Villebrumier")).toMatchObject({
      kind: "LIBRARY",
      territory: { code: "82194" },
    });
    expect(
      await bot.text("demo-coordinator", "structure renommer mediatheque de villebrumier, Médiathèque intercommunale"),
    ).toBe("« Médiathèque de Villebrumier » s’appelle désormais « Médiathèque intercommunale ».");
    expect(await bot.text("demo-coordinator", "structure commune Médiathèque intercommunale, 82125")).toBe(
      "Médiathèque intercommunale : commune Montech.",
    );
    expect(await organisation("Médiathèque intercommunale")).toMatchObject({ territory: { name: "Montech" } });
    expect(await bot.text("demo-coordinator", "structures")).toContain(
      "• Médiathèque intercommunale — bibliothèque — Montech",
    );
    const actions = await bot.db.prisma.auditLog.findMany({
      where: { action: { startsWith: "organisation." } },
      orderBy: { createdAt: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual(["organisation.add", "organisation.rename", "organisation.commune"]);
  });

  it("answers with a sentence: duplicate name, unknown commune (with the closest), unknown type or organisation", async () => {
    expect(await bot.text("demo-coordinator", "structure ajouter Médiathèque intercommunale")).toBe(
      "Une structure s’appelle déjà « Médiathèque intercommunale ».",
    );
    expect(await bot.text("demo-coordinator", "structure ajouter Espace numérique, Montaubon")).toContain(
      "Je ne trouve pas la commune « Montaubon » dans le réseau. Communes proches : Montauban",
    );
    expect(await bot.text("demo-coordinator", "structure ajouter Espace numérique, Montauban, fusée")).toContain(
      "Je ne connais pas le type « fusée »",
    );
    expect(await bot.text("demo-coordinator", "structure renommer Nulle Part, Ailleurs")).toBe(
      "Je ne trouve pas la structure « Nulle Part ». Tapez « structures » pour la liste.",
    );
    expect(await bot.text("demo-coordinator", "structure")).toContain("structure ajouter <nom>, <commune>, <type>");
    expect(await organisation("Espace numérique")).toBeNull();
  });

  it("is for network coordinators only", async () => {
    expect(await bot.text("demo-adviser", "structure ajouter Club, Moissac")).toContain(
      "réservée aux coordinateurs du réseau",
    );
    expect(await bot.text("demo-adviser", "cible")).toContain("réservée aux coordinateurs du réseau");
  });
});

describe("an indicator's target from the chat", () => {
  it("lists the numbered indicators and changes one's target for its period, audited; the board then counts against it", async () => {
    const list = await bot.text("demo-coordinator", "cible");
    const line = list.split("\n").find((l) => l.includes("Demandes traitées par la mission accueil"))!;
    const number = /^(\d+)\./.exec(line)![1]!;
    expect(line).toContain("20 demandes par an");
    expect(await bot.text("demo-coordinator", `cible ${number} 25`)).toBe(
      `Cible de « Demandes traitées par la mission accueil » (2.1) : 20 demandes par an → 25 demandes par an.`,
    );
    const values = await computeIndicators(bot.db.prisma, {
      networkId: bot.networkId,
      window: { today: { year: 2026, month: 11, day: 23 } },
    });
    expect(values.find((v) => v.label === "Demandes traitées par la mission accueil")!.target).toBe(25);
    const audit = await bot.db.prisma.auditLog.findFirstOrThrow({ where: { action: "indicator.target" } });
    expect(audit.details).toMatchObject({ from: 20, to: 25, period: "YEAR" });
    expect(await bot.text("demo-coordinator", `cible ${number} aucune`)).toContain("→ pas de cible chiffrée.");
    const cleared = await bot.db.prisma.indicator.findFirstOrThrow({
      where: { networkId: bot.networkId, label: "Demandes traitées par la mission accueil" },
    });
    expect(cleared.target).toBeNull();
    expect(await bot.text("demo-coordinator", `cible ${number} beaucoup`)).toBe(
      "« beaucoup » n’est pas une cible : un nombre positif (par exemple 40), ou « aucune ».",
    );
    expect(await bot.text("demo-coordinator", "cible 999 3")).toBe(
      "Il n’y a pas d’indicateur n° 999 : tapez « cible » pour la liste.",
    );
  });
});
