import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBot, type TestBot } from "../support/bot.ts";
import { communeId, insertReport, memberId, organisationId } from "./activity-support.ts";
import { addMember, joinedLongAgo, localDelivery, tick } from "./digest-support.ts";

let bot: TestBot;
let delivery: ReturnType<typeof localDelivery>;
beforeAll(async () => {
  bot = await createTestBot({ platforms: ["local"] });
  await joinedLongAgo(bot);
  delivery = localDelivery(bot);
  const julien = await memberId(bot, "demo-adviser");
  const lea = await addMember(bot, "adv-lea", "Léa Martin", {
    roles: ["DIGITAL_ADVISER"],
    joined: "2026-11-18T10:00:00Z",
  });
  const marc = await addMember(bot, "adv-marc", "Marc Dupuy", {
    roles: ["DIGITAL_ADVISER"],
    joined: "2026-03-02T09:00:00Z",
  });
  await addMember(bot, "adv-anne", "Anne Vidal", { roles: ["DIGITAL_ADVISER"], joined: "2026-02-01T09:00:00Z" });
  await addMember(bot, "adv-paul", "Paul Roux", { roles: ["DIGITAL_ADVISER"], joined: "2026-11-13T09:00:00Z" });
  await addMember(bot, "coord-en", "Emma Wilson", { roles: ["NETWORK_COORDINATOR"], locale: "en" });
  const written = (day: string) => ({ date: new Date(day), createdAt: new Date(`${day}T18:00:00Z`) });
  // The week of 16–22 November 2026.
  await insertReport(bot, julien, {
    ...written("2026-11-17"),
    place: "SUPPORT_SITE",
    organisationId: await organisationId(bot, "Maison départementale des solidarités de Montauban"),
    durationMin: 90,
    themes: ["email", "procedures"],
  });
  await insertReport(bot, julien, {
    ...written("2026-11-18"),
    kind: "COLLECTIVE",
    place: "OTHER_PLACE",
    territoryId: await communeId(bot, "Moissac"),
    participants: 8,
    durationMin: 120,
    themes: ["security"],
  });
  await insertReport(bot, lea, {
    ...written("2026-11-19"),
    place: "HOME",
    territoryId: await communeId(bot, "Castelsarrasin"),
    durationMin: 60,
    themes: ["email"],
  });
  await insertReport(bot, lea, { ...written("2026-11-20"), place: "REMOTE", durationMin: 30, themes: ["email"] });
  await insertReport(bot, lea, {
    ...written("2026-11-21"),
    place: "SUPPORT_SITE",
    organisationId: await organisationId(bot, "France Services itinérante"),
    durationMin: 45,
    themes: ["procedures"],
  });
  // Outside the week: the Sunday before and the Monday of the digest.
  await insertReport(bot, julien, { ...written("2026-11-15"), participants: 40, themes: ["ai"] });
  await insertReport(bot, lea, { ...written("2026-11-23"), participants: 40, themes: ["ai"] });
  await insertReport(bot, marc, { ...written("2026-10-20") });
  // One action of the network reported before the week, one during it.
  const indicator = await bot.db.prisma.indicator.findFirstOrThrow({
    where: { networkId: bot.networkId, label: "Actions conduites par le réseau" },
  });
  const sophie = await memberId(bot, "demo-coordinator");
  for (const day of ["2026-10-01", "2026-11-18"]) {
    await bot.db.prisma.progressReport.create({
      data: {
        networkId: bot.networkId,
        memberId: sophie,
        ficheActionId: indicator.ficheActionId,
        indicatorId: indicator.id,
        date: new Date(day),
        value: 1,
        text: "Atelier du réseau",
      },
    });
  }
});
afterAll(() => bot.close());

const TERRES = "CC Terres des Confluences";
const MONTAUBAN = "CA Grand Montauban";

describe("the digest coordinators read on Monday", () => {
  it("tells the week's activities, people and hours by intercommunality and theme, the indicators that moved and the silent advisers", async () => {
    expect((await tick(bot, "2026-11-23T08:00:00Z")).digests).toBe(2);
    const sent = await delivery.at("2026-11-23T08:00:00Z");
    const sophie = sent.find((s) => s.to === "demo-coordinator")!;
    expect(sophie.text).toBe(
      [
        "Bilan de la semaine du 16–22 novembre 2026 — Réseau des partenaires du Tarn-et-Garonne",
        "5 activités · 12 personnes accompagnées · 5 h 45",
        "",
        "Par intercommunalité :",
        `▇▇▇▇▇▇▇▇▇▇ 2 — ${TERRES} (9 pers.)`,
        "▇▇▇▇▇▇▇▇▇▇ 2 — Lieu inconnu ou à distance (2 pers.)",
        `▇▇▇▇▇ 1 — ${MONTAUBAN} (1 pers.)`,
        "",
        "Thèmes les plus fréquents :",
        "▇▇▇▇▇▇▇▇▇▇ 3 — Courriels",
        "▇▇▇▇▇▇▇ 2 — Démarches administratives",
        "▇▇▇ 1 — Sécurité numérique",
        "",
        "Indicateurs qui ont bougé :",
        "• Accompagnements aux démarches en ligne : +2 → 2",
        "• Accompagnements individuels des conseillers numériques : +4 → 6",
        "• Acteurs membres du réseau de médiation numérique : +1 → 5 / 30",
        "• Actions conduites par le réseau : +1 → 2 / 3",
        "• Ateliers collectifs des conseillers numériques : +1 → 1",
        "• Personnes accompagnées par les conseillers numériques : +12 → 53",
        "",
        "Sans activité notée depuis 3 semaines ou plus (2) : Anne Vidal, Marc Dupuy",
      ].join("\n"),
    );
    expect(await delivery.inbox("demo-coordinator")).toEqual([sophie.text]);
  });

  it("an English-speaking coordinator reads the same digest in English", async () => {
    const [emma] = await delivery.inbox("coord-en");
    expect(emma).toBe(
      [
        "Week of 16\u2009–\u200922 November 2026 — Réseau des partenaires du Tarn-et-Garonne",
        "5 activities · 12 people supported · 5 h 45",
        "",
        "By intercommunality:",
        `▇▇▇▇▇▇▇▇▇▇ 2 — ${TERRES} (9 people)`,
        "▇▇▇▇▇▇▇▇▇▇ 2 — Unknown place or remote (2 people)",
        `▇▇▇▇▇ 1 — ${MONTAUBAN} (1 person)`,
        "",
        "Most frequent themes:",
        "▇▇▇▇▇▇▇▇▇▇ 3 — E-mail",
        "▇▇▇▇▇▇▇ 2 — Administrative procedures",
        "▇▇▇ 1 — Digital security",
        "",
        "Indicators that moved:",
        "• Accompagnements aux démarches en ligne: +2 → 2",
        "• Accompagnements individuels des conseillers numériques: +4 → 6",
        "• Acteurs membres du réseau de médiation numérique: +1 → 5 / 30",
        "• Actions conduites par le réseau: +1 → 2 / 3",
        "• Ateliers collectifs des conseillers numériques: +1 → 1",
        "• Personnes accompagnées par les conseillers numériques: +12 → 53",
        "",
        "No activity reported for 3 weeks or more (2): Anne Vidal, Marc Dupuy",
      ].join("\n"),
    );
  });

  it("a week when nothing was reported says so, and still names the silent advisers", async () => {
    await tick(bot, "2026-12-07T08:00:00Z");
    await delivery.at("2026-12-07T08:00:00Z");
    const quiet = (await delivery.inbox("demo-coordinator")).at(-1);
    expect(quiet).toBe(
      [
        "Bilan de la semaine du 30 novembre\u2009–\u20096 décembre 2026 — Réseau des partenaires du Tarn-et-Garonne",
        "Aucune activité notée cette semaine.",
        "",
        "Sans activité notée depuis 3 semaines ou plus (3) : Anne Vidal, Marc Dupuy, Paul Roux",
      ].join("\n"),
    );
  });

  it("a network where nothing happened gets a short digest all the same", async () => {
    const calm = await bot.db.prisma.network.create({ data: { slug: "calme", name: "Réseau calme" } });
    await bot.db.prisma.member.create({
      data: {
        networkId: calm.id,
        displayName: "Hugo Blanc",
        roles: ["NETWORK_COORDINATOR"],
        status: "ACTIVE",
        identities: { create: { networkId: calm.id, platform: "local", externalId: "coord-calm" } },
      },
    });
    expect((await tick(bot, "2026-12-07T08:05:00Z")).digests).toBe(1);
    await delivery.at("2026-12-07T08:05:00Z");
    expect(await delivery.inbox("coord-calm")).toEqual([
      "Bilan de la semaine du 30 novembre\u2009–\u20096 décembre 2026 — Réseau calme\nSemaine calme : aucune activité notée, aucun indicateur n’a bougé.",
    ]);
  });

  it("a busy week shows the first 8 of each list and counts the others, well under 3,000 characters", async () => {
    const julien = await memberId(bot, "demo-adviser");
    const epcis = await bot.db.prisma.territory.findMany({
      where: { networkId: bot.networkId, kind: "EPCI" },
      select: { id: true },
    });
    expect(epcis).toHaveLength(10);
    for (const [i, epci] of epcis.entries()) {
      await insertReport(bot, julien, {
        date: new Date("2026-12-08"),
        createdAt: new Date("2026-12-08T18:00:00Z"),
        place: "OTHER_PLACE",
        territoryId: epci.id,
        participants: i + 1,
        themes: ["email"],
      });
    }
    await insertReport(bot, julien, {
      date: new Date("2026-12-09"),
      createdAt: new Date("2026-12-09T18:00:00Z"),
      themes: [
        "equipment",
        "maintenance",
        "files",
        "browsing",
        "office",
        "social_networks",
        "health",
        "banking_shopping",
        "professional",
        "employment",
        "security",
        "parenting",
        "school",
        "creating",
        "digital_culture",
        "ai",
        "procedures",
      ],
    });
    for (let i = 1; i <= 10; i++) {
      await addMember(bot, `adv-long-${i}`, `Conseillère numérique au nom très long numéro ${i}`, {
        roles: ["DIGITAL_ADVISER"],
      });
    }
    await tick(bot, "2026-12-14T08:00:00Z");
    await delivery.at("2026-12-14T08:00:00Z");
    const digest = (await delivery.inbox("demo-coordinator")).at(-1)!;
    expect(digest.length).toBeLessThan(3000);
    const lines = digest.split("\n");
    const section = (title: string) => lines.slice(lines.indexOf(title) + 1, lines.indexOf("", lines.indexOf(title)));
    expect(section("Par intercommunalité :")).toHaveLength(9);
    expect(section("Par intercommunalité :").at(-1)).toBe("+ 3 autres");
    expect(section("Thèmes les plus fréquents :")).toHaveLength(9);
    expect(section("Thèmes les plus fréquents :")[0]).toBe("▇▇▇▇▇▇▇▇▇▇ 10 — Courriels");
    expect(section("Thèmes les plus fréquents :").at(-1)).toBe("+ 10 autres");
    expect(lines.at(-1)).toMatch(
      /^Sans activité notée depuis 3 semaines ou plus \(13\) : Anne Vidal, Conseillère .* \+ 5 autres$/,
    );
  });
});
