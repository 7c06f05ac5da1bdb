import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { action, createTestBot, form, type TestBot } from "../support/bot.ts";
import { choiceByLabel, formOf, memberId } from "./activity-support.ts";

let bot: TestBot;
let member: string;
beforeAll(async () => {
  bot = await createTestBot();
  member = await memberId(bot, "demo-health");
});
afterAll(() => bot.close());
beforeEach(async () => {
  await bot.db.prisma.progressReport.deleteMany({});
  await bot.db.prisma.conversation.deleteMany({});
});

const send = (input: string | ReturnType<typeof action>) => bot.send("demo-health", input);
const labels = (replies: Reply[]) => replies.flatMap((r) => r.choices ?? []).map((c) => c.label);

async function openForm(ficheLabel: string) {
  const fiches = await send("avancement");
  return formOf(await send(action(choiceByLabel(fiches, ficheLabel))));
}

describe("the progress form", () => {
  it("« avancement » alone offers every fiche of both plans, then the form for the one chosen, dated today", async () => {
    const fiches = await send("avancement");
    expect(fiches[0]!.text).toContain("Sur quelle fiche-action voulez-vous rendre compte d’un avancement ?");
    expect(labels(fiches)).toHaveLength(16);
    expect(labels(fiches).slice(0, 2)).toEqual([
      "CLS-TDC 1.1.1 Déploiement de formations et d'ateliers de se…",
      "CLS-TDC 1.1.2 Dynamisation de la commission communautaire S…",
    ]);
    const opened = formOf(
      await send(action(choiceByLabel(fiches, "CLS-TDC 1.1.2 Dynamisation de la commission communautaire S…"))),
    );
    expect(opened.fields.map((f) => [f.name, f.type, f.required])).toEqual([
      ["text", "textarea", true],
      ["date", "date", false],
      ["indicator", "select", false],
      ["value", "number", false],
    ]);
    expect(opened.byName.text!.maxLength).toBe(500);
    expect(opened.byName.date!.value).toBe("2026-11-23");
    expect(opened.byName.indicator!.options!.map((o) => o.label)).toEqual([
      "Aucun indicateur",
      "Commissions santé réunies",
      "Élus présents aux commissions santé (émargements)",
    ]);
  });

  it("an indicator counted from the bot's data is not in the form's list", async () => {
    const opened = await openForm("SDAASP-82 3.1 Coordination de l'offre de médiation numériqu…");
    expect(opened.byName.indicator!.options!.map((o) => o.label)).toEqual([
      "Aucun indicateur",
      "Actions conduites par le réseau",
    ]);
  });

  it("a submitted form is saved; an indicator without a value counts one", async () => {
    const opened = await openForm("CLS-TDC 2.2.1 Déployer une émission radio « santé » sur une…");
    const radio = opened.byName.indicator!.options!.find((o) => o.label === "Émissions radio réalisées")!.value;
    const saved = await send(
      form(opened.id, { text: "Émission sur CFM consacrée au dépistage", date: "hier", indicator: radio }),
    );
    expect(saved[0]!.text).toBe(
      [
        "Avancement enregistré sur CLS-TDC 2.2.1, le dim. 22 nov. 2026. Merci !",
        "Ajouté : +1 Émissions radio réalisées.",
        "« Émissions radio réalisées » : 1 sur 2 en 2026.",
      ].join("\n"),
    );
    const rows = await bot.db.prisma.progressReport.findMany({ where: { memberId: member } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      text: "Émission sur CFM consacrée au dépistage",
      date: new Date("2026-11-22T00:00:00Z"),
      indicatorId: radio,
    });
    expect(Number(rows[0]!.value)).toBe(1);
  });

  it("a report on an earlier year counts in that year's total", async () => {
    const opened = await openForm("CLS-TDC 2.1.1 Création d'une newsletter numérique santé");
    const issues = opened.byName.indicator!.options![1]!.value;
    const saved = await send(
      form(opened.id, { text: "Newsletter de décembre", date: "15/12/2025", indicator: issues, value: "1" }),
    );
    expect(saved[0]!.text).toContain("« Newsletters publiées » : 1 sur 3 en 2025.");
  });

  it("a wrong form is refused with every reason, and shown again as typed", async () => {
    const opened = await openForm("CLS-TDC 3.2.1 Mise en place de forums santé, journées de ré…");
    const replies = await send(form(opened.id, { text: "", date: "25/12/2026", value: "0" }));
    expect(replies[0]!.text).toBe(
      [
        "Rien n’a été enregistré :",
        "• dites en une phrase ce qui s’est passé ;",
        "• la date est dans le futur : on rend compte d’un avancement une fois qu’il a eu lieu ;",
        "• la valeur doit être comprise entre 1 et 100 000 ;",
        "• une valeur s’ajoute à un indicateur : choisissez-le, ou videz la valeur ;",
      ].join("\n"),
    );
    expect(formOf(replies).byName.date!.value).toBe("25/12/2026");
    const participants = opened.byName.indicator!.options!.find(
      (o) => o.label === "Participants aux forums santé",
    )!.value;
    const tooMany = await send(
      form(opened.id, { text: "Forum de novembre", indicator: participants, value: "100001" }),
    );
    expect(tooMany[0]!.text).toBe("Rien n’a été enregistré :\n• la valeur doit être comprise entre 1 et 100 000 ;");
    const notADate = await send(
      form(opened.id, {
        text: "Forum : contact 06 12 34 56 78",
        date: "la semaine dernière",
        indicator: participants,
        value: "-3",
      }),
    );
    expect(notADate[0]!.text).toBe(
      [
        "Rien n’a été enregistré :",
        "• le texte semble contenir un numéro de téléphone : le bot suit l’avancement des actions, pas les coordonnées des personnes ; retirez-le ;",
        "• la date s’écrit comme 12/11, 12/11/2026 ou « hier » ;",
        "• la valeur doit être comprise entre 1 et 100 000 ;",
      ].join("\n"),
    );
    expect(await bot.db.prisma.progressReport.count()).toBe(0);
  });

  it("an indicator the bot counts cannot be given a value, even by a stale form", async () => {
    const counted = await bot.db.prisma.indicator.findFirstOrThrow({
      where: { computation: "COUNT_MEMBERS" },
      include: { ficheAction: true },
    });
    const replies = await send(
      form(`progress:${counted.ficheActionId}`, {
        text: "Deux nouveaux conseillers",
        indicator: counted.id,
        value: "2",
      }),
    );
    expect(replies[0]!.text).toBe(
      "Rien n’a été enregistré :\n• cet indicateur se calcule à partir des données du bot : enregistrez l’avancement sans indicateur ;",
    );
  });
});

describe("many fiches", () => {
  it("over 25 fiches, the plans come first, then the fiches of the plan chosen", async () => {
    const plan = await bot.db.prisma.plan.create({
      data: {
        networkId: bot.networkId,
        code: "SDAASP-17",
        title: "SDAASP de la Charente-Maritime",
        startYear: 2018,
        endYear: 2024,
      },
    });
    const axis = await bot.db.prisma.axis.create({
      data: { networkId: bot.networkId, planId: plan.id, number: 1, title: "Accès aux services" },
    });
    for (let i = 1; i <= 12; i++)
      await bot.db.prisma.ficheAction.create({
        data: { networkId: bot.networkId, axisId: axis.id, code: `1.${i}`, title: `Fiche ${i}` },
      });
    try {
      const plans = await send("avancement");
      expect(labels(plans)).toEqual(["CLS-TDC (8 fiches)", "SDAASP-17 (12 fiches)", "SDAASP-82 (8 fiches)"]);
      const fiches = await send(action(choiceByLabel(plans, "SDAASP-17 (12 fiches)")));
      expect(labels(fiches)).toHaveLength(12);
      expect(labels(fiches)[1]).toBe("SDAASP-17 1.2 Fiche 2");
      expect(formOf(await send(action(choiceByLabel(fiches, "SDAASP-17 1.10 Fiche 10")))).title).toBe(
        "Avancement d’une fiche-action",
      );
      // A line without a code: the likeliest fiches, then the plans.
      const asked = await send("avancement forum santé de juin");
      expect(labels(asked).slice(0, 2)).toEqual([
        "CLS-TDC 3.2.1 Mise en place de forums santé, journées de ré…",
        "CLS-TDC 1.1.2 Dynamisation de la commission communautaire S…",
      ]);
      expect(labels(asked).slice(-4)).toEqual([
        "CLS-TDC (8 fiches)",
        "SDAASP-17 (12 fiches)",
        "SDAASP-82 (8 fiches)",
        "Abandonner",
      ]);
      const group = await send(action(choiceByLabel(asked, "CLS-TDC (8 fiches)")));
      const drafted = await send(
        action(choiceByLabel(group, "CLS-TDC 3.2.1 Mise en place de forums santé, journées de ré…")),
      );
      expect(drafted[0]!.text).toContain("Fiche : CLS-TDC 3.2.1");
    } finally {
      await bot.db.prisma.plan.delete({ where: { id: plan.id } });
    }
  });
});

describe("in English", () => {
  it("« progress » reads the line and answers in the member's language", async () => {
    await bot.db.prisma.member.create({
      data: {
        networkId: bot.networkId,
        displayName: "Emma Wilson",
        roles: ["HEALTH_COMMITTEE"],
        status: "ACTIVE",
        locale: "en",
        identities: { create: { networkId: bot.networkId, platform: "local", externalId: "emma" } },
      },
    });
    const draft = await bot.send("emma", "progress health committee held 1.1.2, 18 present");
    expect(draft[0]!.text).toContain(
      "Fiche: CLS-TDC 1.1.2 Dynamisation de la commission communautaire Santé\nDate: Mon, 23 Nov 2026",
    );
    expect(labels(draft)).toEqual([
      "+1 Commissions santé réunies",
      "+18 Élus présents aux commissions santé (émargements)",
      "No indicator",
      "Correct",
      "Another fiche…",
      "Drop",
    ]);
    const none = await bot.send("emma", action(choiceByLabel(draft, "No indicator")));
    expect(none[0]!.text).toContain("Indicator: none");
    expect((await bot.send("emma", action(choiceByLabel(none, "Save"))))[0]!.text).toBe(
      "Progress recorded on CLS-TDC 1.1.2, on Mon, 23 Nov 2026. Thank you!",
    );
  });
});
