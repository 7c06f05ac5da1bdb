import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { action, createTestBot, form, type TestBot } from "../support/bot.ts";
import { choiceByLabel, formOf, insertReport, memberId } from "./activity-support.ts";

let bot: TestBot;
let adviser: string;
let colleague: string;
beforeAll(async () => {
  bot = await createTestBot();
  adviser = await memberId(bot, "demo-adviser");
  const other = await bot.db.prisma.member.create({
    data: {
      networkId: bot.networkId,
      displayName: "Léa Fabre",
      roles: ["DIGITAL_ADVISER"],
      status: "ACTIVE",
      identities: { create: { networkId: bot.networkId, platform: "local", externalId: "lea" } },
    },
  });
  colleague = other.id;
});
afterAll(() => bot.close());
beforeEach(async () => {
  await bot.db.prisma.activityReport.deleteMany({});
});

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const send = (input: string | ReturnType<typeof action>) => bot.send("demo-adviser", input);
const text = (input: string | ReturnType<typeof action>) => bot.text("demo-adviser", input);

describe("my activities", () => {
  it("lists the last ten, with Edit and Delete for those still within 30 days", async () => {
    for (let i = 0; i < 11; i++)
      await insertReport(bot, adviser, {
        date: day(`2026-11-${String(10 + i).padStart(2, "0")}`),
        durationMin: 30 + i,
      });
    await insertReport(bot, adviser, { date: day("2026-10-23"), kind: "COLLECTIVE", participants: 7, themes: ["ai"] });
    await insertReport(bot, adviser, { date: day("2026-10-24") });
    await insertReport(bot, colleague, { date: day("2026-11-22") });
    const [reply] = await send("mes activités");
    const lines = reply!.text.split("\n");
    expect(lines[0]).toBe("Vos derniers comptes rendus (10) :");
    expect(lines[1]).toBe("1. ven. 20 nov. 2026 — Accompagnement individuel — 40 min — Courriels");
    expect(lines).toHaveLength(11);
    expect(reply!.choices).toHaveLength(20);
    expect(reply!.choices!.slice(0, 2).map((c) => c.label)).toEqual(["Modifier n°1", "Supprimer n°1"]);
    // A report 31 days old shows, without buttons.
    await bot.db.prisma.activityReport.deleteMany({ where: { date: { gte: day("2026-11-12") } } });
    const [older] = await send("mes activités");
    expect(older!.text).toContain(
      "4. ven. 23 oct. 2026 — Atelier collectif — 1 h — 7 pers. — Intelligence artificielle (plus de 30 jours : plus modifiable)",
    );
    expect(older!.text).toContain("3. sam. 24 oct. 2026 — Accompagnement individuel — 1 h — Courriels\n");
    expect(older!.choices!.map((c) => c.label)).toEqual([
      "Modifier n°1",
      "Supprimer n°1",
      "Modifier n°2",
      "Supprimer n°2",
      "Modifier n°3",
      "Supprimer n°3",
    ]);
  });

  it("« activités » alone and « my activities » work too; with nothing recorded, says how to start", async () => {
    expect(await text("activités")).toBe(
      "Vous n’avez encore enregistré aucune activité. Tapez « activité » pour commencer.",
    );
    expect(await text("my activities")).toBe(
      "Vous n’avez encore enregistré aucune activité. Tapez « activité » pour commencer.",
    );
    expect(await text("mes trucs")).toContain("Tapez « mes activités »");
  });
});

describe("editing and deleting one's own reports", () => {
  it("Edit opens the form pre-filled; the submitted form changes that report", async () => {
    const id = await insertReport(bot, adviser, {
      date: day("2026-11-20"),
      durationMin: 45,
      themes: ["email"],
      notes: "Suite la semaine prochaine",
      ageBrackets: { "60_plus": 1 },
    });
    const opened = formOf(await send(action(`act.edit:${id}`)));
    expect(opened.id).toBe(`activity:${id}`);
    expect(opened.byName.duration!.value).toBe("45 min");
    expect(opened.byName.date!.value).toBe("2026-11-20");
    expect(opened.byName.notes!.value).toBe("Suite la semaine prochaine");
    const values = Object.fromEntries(
      opened.fields.filter((f) => f.value !== undefined).map((f) => [f.name, f.value!]),
    );
    expect(await text(form(opened.id, { ...values, duration: "1h", themes: ["email", "security"] }))).toBe(
      "Compte rendu modifié : ven. 20 nov. 2026 — Accompagnement individuel — 1 h — Courriels, Sécurité numérique.",
    );
    const row = await bot.db.prisma.activityReport.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      durationMin: 60,
      themes: ["email", "security"],
      notes: "Suite la semaine prochaine",
      ageBrackets: { "60_plus": 1 },
    });
    expect(await bot.db.prisma.activityReport.count()).toBe(1);
  });

  it("a wrong edit is refused and the report stays as it was", async () => {
    const id = await insertReport(bot, adviser, { durationMin: 45 });
    const replies = await send(
      form(`activity:${id}`, {
        kind: "INDIVIDUAL",
        duration: "45",
        themes: ["email"],
        place: "REMOTE",
        date: "01/12/2026",
      }),
    );
    expect(replies[0]!.text).toContain("• la date est dans le futur");
    expect(formOf(replies).id).toBe(`activity:${id}`);
    expect((await bot.db.prisma.activityReport.findUniqueOrThrow({ where: { id } })).date).toEqual(day("2026-11-20"));
  });

  it("Delete asks first; No keeps it, Yes deletes it", async () => {
    const id = await insertReport(bot, adviser, { date: day("2026-10-24") });
    const asked = await send(action(`act.ask-delete:${id}`));
    expect(asked[0]!.text).toBe(
      "Supprimer ce compte rendu ? sam. 24 oct. 2026 — Accompagnement individuel — 1 h — Courriels",
    );
    expect(await text(action(choiceByLabel(asked, "Non, garder")))).toBe("Rien n’a été supprimé.");
    expect(await bot.db.prisma.activityReport.count()).toBe(1);
    expect(await text(action(choiceByLabel(asked, "Oui, supprimer")))).toBe(
      "Compte rendu supprimé : il ne compte plus dans les chiffres.",
    );
    expect(await bot.db.prisma.activityReport.count()).toBe(0);
    expect(await text(action(choiceByLabel(asked, "Oui, supprimer")))).toBe(
      "Je ne trouve pas ce compte rendu : il a peut-être été supprimé. Tapez « mes activités » pour voir les vôtres.",
    );
  });

  it("another member's report cannot be edited or deleted", async () => {
    const id = await insertReport(bot, colleague);
    const sentence = "Ce compte rendu a été saisi par Léa Fabre : seul son auteur peut le modifier ou le supprimer.";
    expect(await text(action(`act:e:${id}`))).toBe(sentence);
    expect(await text(action(`act.ask-delete:${id}`))).toBe(sentence);
    expect(await text(action(`act:dd:${id}`))).toBe(sentence);
    expect(
      await text(form(`activity:${id}`, { kind: "INDIVIDUAL", duration: "2h", themes: ["email"], place: "REMOTE" })),
    ).toBe(sentence);
    expect(await bot.db.prisma.activityReport.findUniqueOrThrow({ where: { id } })).toMatchObject({
      durationMin: 60,
      memberId: colleague,
    });
  });

  it("a report more than 30 days after its activity can no longer be changed; at 30 days it still can", async () => {
    const old = await insertReport(bot, adviser, { date: day("2026-10-23") });
    const sentence =
      "Cette activité date du ven. 23 oct. 2026 : un compte rendu ne se modifie ou ne se supprime que dans les 30 jours qui suivent l’activité. Si une correction est nécessaire, demandez-la à un coordinateur du réseau.";
    expect(await text(action(`act:e:${old}`))).toBe(sentence);
    expect(await text(action(`act:dd:${old}`))).toBe(sentence);
    expect(
      await text(form(`activity:${old}`, { kind: "INDIVIDUAL", duration: "2h", themes: ["email"], place: "REMOTE" })),
    ).toBe(sentence);
    expect(await bot.db.prisma.activityReport.count()).toBe(1);
    const borderline = await insertReport(bot, adviser, { date: day("2026-10-24") });
    expect(formOf(await send(action(`act:e:${borderline}`))).id).toBe(`activity:${borderline}`);
  });
});

describe("my figures", () => {
  it("this month and this year: activities, people, hours and the top themes as bars, from the member's own reports", async () => {
    await insertReport(bot, adviser, {
      date: day("2026-11-02"),
      kind: "COLLECTIVE",
      participants: 8,
      durationMin: 120,
      themes: ["equipment", "security"],
    });
    await insertReport(bot, adviser, { date: day("2026-11-20"), durationMin: 90, themes: ["email", "equipment"] });
    await insertReport(bot, adviser, { date: day("2026-11-23"), durationMin: 30, themes: ["equipment"] });
    await insertReport(bot, adviser, {
      date: day("2026-03-10"),
      kind: "COLLECTIVE",
      participants: 10,
      durationMin: 60,
      themes: ["ai"],
    });
    await insertReport(bot, adviser, { date: day("2025-12-31"), durationMin: 600, themes: ["ai"] });
    await insertReport(bot, colleague, { date: day("2026-11-21"), durationMin: 600, themes: ["health"] });
    expect(await text("mes chiffres")).toBe(
      [
        "Chiffres de Julien Carrère",
        "Novembre 2026 :",
        "3 activités · 10 personnes accompagnées · 4 h",
        "▇▇▇▇▇▇▇▇▇▇ 3 Prendre en main du matériel",
        "▇▇▇ 1 Courriels",
        "▇▇▇ 1 Sécurité numérique",
        "",
        "Année 2026 :",
        "4 activités · 20 personnes accompagnées · 5 h",
        "▇▇▇▇▇▇▇▇▇▇ 3 Prendre en main du matériel",
        "▇▇▇ 1 Intelligence artificielle",
        "▇▇▇ 1 Courriels",
      ].join("\n"),
    );
  });

  it("an English member reads them in English; with nothing recorded, says so", async () => {
    await bot.db.prisma.member.update({ where: { id: adviser }, data: { locale: "en" } });
    try {
      await insertReport(bot, adviser, { date: day("2026-11-20"), durationMin: 45 });
      expect(await text("my figures")).toBe(
        [
          "Figures of Julien Carrère",
          "November 2026:",
          "1 activity · 1 person supported · 45 min",
          "▇▇▇▇▇▇▇▇▇▇ 1 E-mail",
          "",
          "Year 2026:",
          "1 activity · 1 person supported · 45 min",
          "▇▇▇▇▇▇▇▇▇▇ 1 E-mail",
        ].join("\n"),
      );
      await bot.db.prisma.activityReport.deleteMany({});
      expect(await text("figures")).toContain("November 2026:\nno activity recorded.");
    } finally {
      await bot.db.prisma.member.update({ where: { id: adviser }, data: { locale: "fr" } });
    }
  });
});
