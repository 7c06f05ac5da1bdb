import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CountScope } from "../../src/features/indicators/counters.ts";
import { yearRange } from "../../src/features/indicators/period.ts";
import { MOIS_COUNTERS } from "../../src/features/mois/counters.ts";
import { territoriesWithin } from "../../src/services/directory/territories.ts";
import { action, createTestBot, type TestBot } from "../support/bot.ts";
import { memberId, organisationId } from "./activity-support.ts";
import { territoryId } from "./events-support.ts";
import { insertAnimation } from "./mois-support.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());
beforeEach(async () => {
  await bot.db.prisma.event.deleteMany({});
});

/** Three approved animations by two organisations, one proposal, one declined; a registration. */
async function edition() {
  const library = await organisationId(bot, "Réseau des médiathèques");
  const franceServices = await organisationId(bot, "France Services");
  const early = await insertAnimation(bot, {
    title: "Atelier démarches en ligne",
    startsAt: new Date("2027-01-26T09:00:00Z"),
    endsAt: new Date("2027-01-26T11:00:00Z"),
    capacity: 10,
  });
  const cyber = await insertAnimation(bot, {
    title: "Déjouer les arnaques",
    topic: "CYBERSECURITY",
    description: "Faux SMS.",
    intendedPublic: "SENIORS",
    venue: "Médiathèque",
    commune: "Moissac",
    organisationId: franceServices,
    startsAt: new Date("2027-02-02T13:00:00Z"),
    endsAt: new Date("2027-02-02T15:00:00Z"),
  });
  const ai = await insertAnimation(bot, {
    title: "L’IA au quotidien",
    topic: "AI",
    venue: "Salle des fêtes",
    commune: "Caussade",
    organisationId: library,
    startsAt: new Date("2027-02-16T17:00:00Z"),
    endsAt: new Date("2027-02-16T19:00:00Z"),
  });
  await insertAnimation(bot, { title: "En attente", status: "PROPOSED", organisationId: franceServices });
  await insertAnimation(bot, { title: "Refusée", status: "REJECTED", organisationId: franceServices });
  await insertAnimation(bot, {
    title: "Hors édition",
    startsAt: new Date("2027-03-10T09:00:00Z"),
    endsAt: new Date("2027-03-10T11:00:00Z"),
  });
  await bot.db.prisma.eventRegistration.create({
    data: {
      networkId: bot.networkId,
      eventId: early.id,
      memberId: await memberId(bot, "demo-adviser"),
      status: "REGISTERED",
    },
  });
  return { early, cyber, ai };
}

const texts = (replies: { text: string }[]) => replies.map((r) => r.text).join("\n");
const registerIds = (replies: { choices?: { id: string }[] }[]) =>
  replies
    .flatMap((r) => r.choices ?? [])
    .map((c) => c.id)
    .filter((id) => id.startsWith("evt.register:"));

describe("the programme of the mois du numérique", () => {
  it("lists the approved animations of the edition by date, each with a Register button", async () => {
    const { early, cyber, ai } = await edition();
    const replies = await bot.send("demo-intern", "programme");
    const text = texts(replies);
    expect(text).toContain("Mois du numérique 2027 programme (24 January 2027 to 24 February 2027): 3 animations.");
    expect(text).not.toContain("En attente");
    expect(text).not.toContain("Refusée");
    expect(text).not.toContain("Hors édition");
    expect(text).not.toContain("summary");
    expect(registerIds(replies)).toEqual([
      `evt.register:${early.id}`,
      `evt.register:${cyber.id}`,
      `evt.register:${ai.id}`,
    ]);
    expect(text).toContain("9 places left");
    expect(text).toContain("Médiathèque, Moissac");
    expect(text).toContain("seniors");
    const registered = await bot.text("demo-intern", action(`evt.register:${cyber.id}`));
    expect(registered).toContain("Déjouer les arnaques");
  });

  it("filters by theme, by commune or intercommunality, and by week, typed or with buttons", async () => {
    const { early, cyber, ai } = await edition();
    expect(registerIds(await bot.send("demo-partner", "programme cybersécurité"))).toEqual([
      `evt.register:${cyber.id}`,
    ]);
    expect(registerIds(await bot.send("demo-partner", "programme IA"))).toEqual([`evt.register:${ai.id}`]);
    const montauban = await bot.send("demo-partner", "programme Montauban");
    expect(texts(montauban)).toContain("Filtre : CA Grand Montauban");
    expect(registerIds(montauban)).toEqual([`evt.register:${early.id}`]);
    expect(registerIds(await bot.send("demo-partner", "programme Castelsarrasin"))).toEqual([
      `evt.register:${cyber.id}`,
    ]);
    expect(registerIds(await bot.send("demo-partner", "programme semaine 4"))).toEqual([`evt.register:${ai.id}`]);
    expect(texts(await bot.send("demo-partner", "programme parentalité Caussade"))).toContain(
      "Aucune animation validée ne correspond à ce filtre",
    );
    expect(texts(await bot.send("demo-partner", "programme Toulouse"))).toContain(
      "Je ne reconnais ni un thème, ni une commune",
    );
    const themes = await bot.send("demo-partner", action("mdn.filters:t"));
    expect(themes.flatMap((r) => r.choices ?? []).map((c) => c.id)).toContain("mdn.theme:CYBERSECURITY");
    expect(registerIds(await bot.send("demo-partner", action("mdn.theme:AI")))).toEqual([`evt.register:${ai.id}`]);
    expect(registerIds(await bot.send("demo-partner", action("mdn.week:1")))).toEqual([`evt.register:${early.id}`]);
    const epci = await territoryId(bot, "CC Terres des Confluences");
    expect(registerIds(await bot.send("demo-partner", action(`mdn.territory:${epci}`)))).toEqual([
      `evt.register:${cyber.id}`,
    ]);
  });

  it("a partner sees their organisation's animations and where each stands", async () => {
    await edition();
    const text = await bot.text("demo-adviser", "mes animations");
    expect(text).toContain("« En attente »");
    expect(text).toContain("en attente de validation");
    expect(text).toContain("« Déjouer les arnaques », mardi 2 février 2027, 14:00–16:00 : validée, au programme");
    expect(text).not.toContain("L’IA au quotidien");
  });
});

describe("counts for coordinators", () => {
  it("partners and animations against the indicators' targets, proposals waiting and registrations", async () => {
    await edition();
    const expected =
      "Bilan 2027 : 2 / 30 partenaires, 3 / 50 animations validées ; 1 proposition à valider ; 1 inscrit.";
    expect(await bot.text("demo-coordinator", "mois du numérique bilan")).toContain(expected);
    expect(await bot.text("demo-coordinator", "programme")).toContain(expected);
    expect(await bot.text("demo-partner", "mois du numérique bilan")).toContain("réservés aux coordinateurs du réseau");
    await bot.db.prisma.indicator.updateMany({ where: { computation: "COUNT_ANIMATIONS" }, data: { target: 60 } });
    expect(await bot.text("demo-coordinator", "mois bilan")).toContain("3 / 60 animations validées");
    await bot.db.prisma.indicator.updateMany({ where: { computation: "COUNT_ANIMATIONS" }, data: { target: 50 } });
  });

  it("the indicator counters count approved animations and distinct partners of the period, by territory too", async () => {
    await edition();
    const scope = (territoryIds?: string[]): CountScope => ({
      networkId: bot.networkId,
      range: yearRange(2027),
      territoryIds,
    });
    const filter = { eventType: "MOIS_DU_NUMERIQUE" };
    expect(await MOIS_COUNTERS.COUNT_ANIMATIONS!(bot.db.prisma, scope(), filter)).toBe(4);
    expect(await MOIS_COUNTERS.COUNT_PARTNERS!(bot.db.prisma, scope(), filter)).toBe(2);
    expect(await MOIS_COUNTERS.COUNT_ANIMATIONS!(bot.db.prisma, { ...scope(), range: yearRange(2026) }, filter)).toBe(
      0,
    );
    const confluences = await territoriesWithin(bot.db.prisma, bot.networkId, [
      await territoryId(bot, "CC Terres des Confluences"),
    ]);
    expect(await MOIS_COUNTERS.COUNT_ANIMATIONS!(bot.db.prisma, scope(confluences), filter)).toBe(1);
    expect(await MOIS_COUNTERS.COUNT_PARTNERS!(bot.db.prisma, scope(confluences), filter)).toBe(1);
    expect(await MOIS_COUNTERS.COUNT_ANIMATIONS!(bot.db.prisma, scope(confluences), { ...filter, topic: "AI" })).toBe(
      0,
    );
    // Held in Caussade by an organisation located in Terres des Confluences: counted there, not listed there.
    const cpts = await organisationId(bot, "CPTS Quercy Garonne");
    const away = await insertAnimation(bot, {
      title: "Santé en ligne",
      topic: "HEALTH",
      commune: "Caussade",
      organisationId: cpts,
    });
    expect(await MOIS_COUNTERS.COUNT_ANIMATIONS!(bot.db.prisma, scope(confluences), filter)).toBe(2);
    expect(await MOIS_COUNTERS.COUNT_PARTNERS!(bot.db.prisma, scope(confluences), filter)).toBe(2);
    expect(await MOIS_COUNTERS.COUNT_PARTNERS!(bot.db.prisma, scope(), filter)).toBe(3);
    expect(registerIds(await bot.send("demo-partner", "programme Castelsarrasin"))).not.toContain(
      `evt.register:${away.id}`,
    );
    expect(registerIds(await bot.send("demo-partner", "programme Caussade"))).toContain(`evt.register:${away.id}`);
  });
});
