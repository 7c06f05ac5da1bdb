import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cohortForDate } from "../../src/features/cohorts/data.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";
import { memberId } from "./activity-support.ts";
import { insertCohort } from "./cohorts-support.ts";
import { insertEvent } from "./events-support.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());
beforeEach(async () => {
  await bot.db.prisma.outboundMessage.deleteMany({});
  await bot.db.prisma.event.deleteMany({});
  await bot.db.prisma.cohort.deleteMany({});
});

describe("creating cohorts", () => {
  it("a coordinator creates a cohort with its arrival date, and sees it in the list", async () => {
    expect(await bot.text("demo-coordinator", "cohorte créer Novembre 2026 02/11/2026")).toContain(
      "Cohorte « Novembre 2026 » créée : arrivée le 2 novembre 2026.",
    );
    const cohort = await bot.db.prisma.cohort.findFirstOrThrow({});
    expect(cohort.arrivesOn.toISOString()).toBe("2026-11-02T00:00:00.000Z");
    const list = await bot.text("demo-coordinator", "cohortes");
    expect(list).toContain(
      "« Novembre 2026 » — arrivée le 2 novembre 2026 — aucun interne — pas encore de soirée d’accueil",
    );
  });

  it("works in English too", async () => {
    await bot.db.prisma.member.updateMany({ where: { displayName: "Camille Roques" }, data: { locale: "en" } });
    expect(await bot.text("demo-cls", "cohort create May 2027 03/05/2027")).toContain(
      "Cohort “May 2027” created: arriving on 3 May 2027.",
    );
    await bot.db.prisma.member.updateMany({ where: { displayName: "Camille Roques" }, data: { locale: "fr" } });
  });

  it("refuses a duplicate name, whatever its case and accents", async () => {
    await insertCohort(bot, "Novembre 2026", "2026-11-02");
    expect(await bot.text("demo-coordinator", "cohorte créer novembre 2026 03/11/2026")).toContain(
      "Une cohorte s’appelle déjà « Novembre 2026 » : choisissez un autre nom",
    );
    expect(await bot.db.prisma.cohort.count()).toBe(1);
  });

  it.each([
    ["cohorte créer Novembre 2026 31/02/2027", "Je ne reconnais pas la date d’arrivée « 31/02/2027 »"],
    ["cohorte créer Novembre 2026 bientôt", "Je ne reconnais pas la date d’arrivée « bientôt »"],
    ["cohorte créer 02/11/2026", "Donnez le nom de la cohorte puis sa date d’arrivée"],
  ])("refuses %s with a sentence", async (command, sentence) => {
    expect(await bot.text("demo-coordinator", command)).toContain(sentence);
    expect(await bot.db.prisma.cohort.count()).toBe(0);
  });

  it("is for coordinators only", async () => {
    expect(await bot.text("demo-intern", "cohorte créer Novembre 2026 02/11/2026")).not.toContain("créée");
    expect(await bot.db.prisma.cohort.count()).toBe(0);
  });
});

describe("interns in cohorts", () => {
  it("a coordinator adds an intern by name; the list counts them and shows the welcome evening", async () => {
    const cohort = await insertCohort(bot, "Novembre 2026", "2026-11-02");
    await insertEvent(bot, {
      type: "WELCOME_EVENING",
      title: "Soirée d’accueil",
      cohortId: cohort.id,
      startsAt: new Date("2026-11-26T17:30:00Z"),
      endsAt: new Date("2026-11-26T20:00:00Z"),
    });
    const text = await bot.text("demo-coordinator", "cohorte novembre 2026 ajouter thomas lefevre");
    expect(text).toContain("Thomas Lefèvre fait maintenant partie de la cohorte « Novembre 2026 ».");
    expect(text).toContain("Invitation envoyée à la soirée d’accueil de la cohorte.");
    expect(
      (await bot.db.prisma.member.findUniqueOrThrow({ where: { id: await memberId(bot, "demo-intern") } })).cohortId,
    ).toBe(cohort.id);
    const list = await bot.text("demo-coordinator", "cohortes");
    expect(list).toContain("1 interne — soirée d’accueil « Soirée d’accueil », jeudi 26 novembre 2026, 18:30–21:00");
    expect(await bot.text("demo-coordinator", "cohorte Novembre 2026 ajouter Lefèvre")).toContain(
      "Thomas Lefèvre fait déjà partie de la cohorte « Novembre 2026 »",
    );
  });

  it("moving an intern to another cohort says which one they left", async () => {
    const may = await insertCohort(bot, "Mai 2026", "2026-05-04");
    await insertCohort(bot, "Novembre 2026", "2026-11-02");
    await bot.db.prisma.member.update({
      where: { id: await memberId(bot, "demo-intern") },
      data: { cohortId: may.id },
    });
    const text = await bot.text("demo-coordinator", "cohorte Novembre 2026 ajouter Thomas Lefèvre");
    expect(text).toContain("Il ou elle a quitté la cohorte « Mai 2026 ».");
    expect(text).toContain("Aucune soirée d’accueil à venir pour cette cohorte");
  });

  it.each([
    ["cohorte Novembre 2026 ajouter Julien Carrère", "Julien Carrère n’a pas le rôle d’interne"],
    ["cohorte Novembre 2026 ajouter Personne Inconnue", "Je ne trouve aucun membre « Personne Inconnue »"],
    ["cohorte Décembre 2026 ajouter Thomas Lefèvre", "Je ne trouve pas de cohorte « Décembre 2026 »"],
  ])("refuses %s with a sentence", async (command, sentence) => {
    await insertCohort(bot, "Novembre 2026", "2026-11-02");
    expect(await bot.text("demo-coordinator", command)).toContain(sentence);
    expect(await bot.db.prisma.member.count({ where: { cohortId: { not: null } } })).toBe(0);
  });
});

describe("the cohort of a day", () => {
  it("is the cohort whose May–October or November–April semester contains the day", async () => {
    const november = await insertCohort(bot, "Novembre 2026", "2026-11-02");
    const may = await insertCohort(bot, "Mai 2027", "2027-05-03");
    const of = async (year: number, month: number, day: number) =>
      (await cohortForDate(bot.db.prisma, bot.networkId, { year, month, day }))?.id ?? null;
    expect(await of(2026, 11, 1)).toBe(november.id);
    expect(await of(2027, 4, 30)).toBe(november.id);
    expect(await of(2027, 5, 1)).toBe(may.id);
    expect(await of(2027, 10, 31)).toBe(may.id);
    expect(await of(2027, 11, 1)).toBeNull();
    expect(await of(2026, 10, 31)).toBeNull();
  });
});
