import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { action, createTestBot, type TestBot } from "../support/bot.ts";
import { choiceByLabel, formOf, memberId } from "./activity-support.ts";

let bot: TestBot;
let coordinator: string;
beforeAll(async () => {
  bot = await createTestBot();
  coordinator = await memberId(bot, "demo-cls");
});
afterAll(() => bot.close());
beforeEach(async () => {
  await bot.db.prisma.progressReport.deleteMany({});
  await bot.db.prisma.conversation.deleteMany({});
});

const send = (input: string | ReturnType<typeof action>) => bot.send("demo-cls", input);
const labels = (replies: Reply[]) => replies.flatMap((r) => r.choices ?? []).map((c) => c.label);
const reports = () =>
  bot.db.prisma.progressReport.findMany({
    where: { memberId: coordinator },
    include: { ficheAction: true, indicator: true },
    orderBy: { createdAt: "asc" },
  });

describe("a progress line becomes a draft to check", () => {
  it("« commission santé tenue 1.1.2, 18 présents »: the fiche by its code, +1 meeting or +18 present to choose, then saved once", async () => {
    const draft = await send("avancement commission santé tenue 1.1.2, 18 présents");
    expect(draft[0]!.text).toBe(
      [
        "Avancement à enregistrer :",
        "Fiche : CLS-TDC 1.1.2 Dynamisation de la commission communautaire Santé",
        "Date : lun. 23 nov. 2026",
        "Texte : commission santé tenue 1.1.2, 18 présents",
        "Indicateur : à choisir",
        "L’ajouter à un indicateur ? Choisissez-en un, ou « Sans indicateur ».",
      ].join("\n"),
    );
    // Nothing is chosen for the member: Save appears once an indicator (or none) is chosen.
    expect(labels(draft)).toEqual([
      "+1 Commissions santé réunies",
      "+18 Élus présents aux commissions santé (émargements)",
      "Sans indicateur",
      "Corriger",
      "Autre fiche…",
      "Abandonner",
    ]);
    const chosen = await send(action(choiceByLabel(draft, "+18 Élus présents aux commissions santé (émargements)")));
    expect(chosen[0]!.text).toContain("Indicateur : +18 Élus présents aux commissions santé (émargements)");
    expect(await reports()).toHaveLength(0);
    const save = choiceByLabel(chosen, "Enregistrer");
    const saved = await send(action(save));
    expect(saved[0]!.text).toBe(
      [
        "Avancement enregistré sur CLS-TDC 1.1.2, le lun. 23 nov. 2026. Merci !",
        "Ajouté : +18 Élus présents aux commissions santé (émargements).",
        "« Élus présents aux commissions santé (émargements) » : 18 en 2026 (le plan ne fixe pas de cible chiffrée).",
      ].join("\n"),
    );
    const [row] = await reports();
    expect(row).toMatchObject({
      text: "commission santé tenue 1.1.2, 18 présents",
      date: new Date("2026-11-23T00:00:00Z"),
    });
    expect(row!.ficheAction.code).toBe("1.1.2");
    expect(row!.indicator!.label).toBe("Élus présents aux commissions santé (émargements)");
    expect(Number(row!.value)).toBe(18);
    expect(await bot.text("demo-cls", action(save))).toBe(
      "Ce brouillon a déjà été enregistré ou abandonné. Tapez « avancement » pour en saisir un nouveau.",
    );
    expect(await reports()).toHaveLength(1);
  });

  it("saving adds to the indicator's value: a second meeting makes 2 of 3 this year", async () => {
    for (const line of ["commission santé de septembre 1.1.2", "commission santé tenue 1.1.2"]) {
      const draft = await send(`avancement ${line}`);
      const chosen = await send(action(choiceByLabel(draft, "+1 Commissions santé réunies")));
      const saved = await send(action(choiceByLabel(chosen, "Enregistrer")));
      expect(saved[0]!.text).toContain("Ajouté : +1 Commissions santé réunies.");
    }
    const last = (await reports()).at(-1)!;
    expect(Number(last.value)).toBe(1);
    const replies = await send("avancements");
    expect(replies[0]!.text).toContain("CLS-TDC 1.1.2 — +1 Commissions santé réunies");
    const draft = await send("avancement 3e commission santé 1.1.2");
    const chosen = await send(action(choiceByLabel(draft, "+1 Commissions santé réunies")));
    expect((await send(action(choiceByLabel(chosen, "Enregistrer"))))[0]!.text).toContain(
      "« Commissions santé réunies » : 3 sur 3 en 2026.",
    );
  });

  it("« newsletter n°2 publiée 2.1.1 »: n°2 is not a count; the newsletter counts one more issue", async () => {
    const draft = await send("avancement newsletter n°2 publiée 2.1.1");
    expect(draft[0]!.text).toContain("Fiche : CLS-TDC 2.1.1 Création d'une newsletter numérique santé");
    expect(labels(draft)).toEqual([
      "+1 Newsletters publiées",
      "Sans indicateur",
      "Corriger",
      "Autre fiche…",
      "Abandonner",
    ]);
    const chosen = await send(action(choiceByLabel(draft, "+1 Newsletters publiées")));
    const saved = await send(action(choiceByLabel(chosen, "Enregistrer")));
    expect(saved[0]!.text).toContain("« Newsletters publiées » : 1 sur 3 en 2026.");
  });

  it("« forum santé hier 120 participants »: no code, so the fiche is asked, the likeliest first; yesterday is the date", async () => {
    const draft = await send("avancement forum santé hier 120 participants");
    expect(draft[0]!.text).toBe(
      ["Texte : forum santé hier 120 participants", "Date : dim. 22 nov. 2026", "Sur quelle fiche-action ?"].join("\n"),
    );
    const fiches = labels(draft);
    expect(fiches[0]).toBe("CLS-TDC 3.2.1 Mise en place de forums santé, journées de ré…");
    expect(fiches).toHaveLength(17);
    expect(fiches.at(-1)).toBe("Abandonner");
    const onFiche = await send(action(choiceByLabel(draft, fiches[0]!)));
    expect(onFiche[0]!.text).toContain("Date : dim. 22 nov. 2026");
    expect(labels(onFiche)).toEqual([
      "+1 Forums santé organisés",
      "+120 Participants aux forums santé",
      "Sans indicateur",
      "Corriger",
      "Autre fiche…",
      "Abandonner",
    ]);
    const chosen = await send(action(choiceByLabel(onFiche, "+120 Participants aux forums santé")));
    const saved = await send(action(choiceByLabel(chosen, "Enregistrer")));
    expect(saved[0]!.text).toContain("« Participants aux forums santé » : 120 en 2026");
    expect((await reports())[0]).toMatchObject({ date: new Date("2026-11-22T00:00:00Z") });
  });

  it("a code two plans share is asked about with a button per plan; the plan's name settles it", async () => {
    const plan = await bot.db.prisma.plan.create({
      data: {
        networkId: bot.networkId,
        code: "CLS-GM",
        title: "CLS du Grand Montauban",
        startYear: 2024,
        endYear: 2028,
      },
    });
    const axis = await bot.db.prisma.axis.create({
      data: { networkId: bot.networkId, planId: plan.id, number: 2, title: "Communiquer" },
    });
    await bot.db.prisma.ficheAction.create({
      data: { networkId: bot.networkId, axisId: axis.id, code: "2.1.1", title: "Lettre d'information santé" },
    });
    try {
      const asked = await send("avancement newsletter publiée 2.1.1");
      expect(asked[0]!.text).toContain("Plusieurs fiches-actions correspondent : laquelle ?");
      expect(labels(asked)).toEqual([
        "CLS-GM 2.1.1 Lettre d'information santé",
        "CLS-TDC 2.1.1 Création d'une newsletter numérique santé",
        "Autre fiche…",
        "Abandonner",
      ]);
      expect(await reports()).toHaveLength(0);
      const picked = await send(
        action(choiceByLabel(asked, "CLS-TDC 2.1.1 Création d'une newsletter numérique santé")),
      );
      expect(picked[0]!.text).toContain("Fiche : CLS-TDC 2.1.1");
      const named = await send("avancement newsletter CLS-TDC 2.1.1 publiée");
      expect(named[0]!.text).toContain("Fiche : CLS-TDC 2.1.1");
    } finally {
      await bot.db.prisma.plan.deleteMany({ where: { code: "CLS-GM" } });
    }
  });

  it("two counts for one indicator are both offered, never one picked", async () => {
    const draft = await send("avancement 4.2.1 atelier seniors 12 participants puis 8 participants");
    expect(labels(draft)).toEqual([
      "+1 Actions d'aller-vers proposées",
      "+12 Participants aux actions d'aller-vers",
      "+8 Participants aux actions d'aller-vers",
      "+1 Structures mobilisées",
      "Sans indicateur",
      "Corriger",
      "Autre fiche…",
      "Abandonner",
    ]);
  });

  it("an unknown code is refused with the close ones as buttons", async () => {
    const draft = await send("avancement réunion 1.4");
    expect(draft[0]!.text).toContain("Aucune fiche-action n’a le code 1.4.\nVoici les fiches aux codes proches :");
    expect(labels(draft)).toEqual([
      "CLS-TDC 1.1.1 Déploiement de formations et d'ateliers de se…",
      "CLS-TDC 1.1.2 Dynamisation de la commission communautaire S…",
      "CLS-TDC 1.3.1 Identifier un interlocuteur unique au sein de…",
      "CLS-TDC 1.5.1 Déploiement d'une commission de coordination…",
      "Autre fiche…",
      "Abandonner",
    ]);
    const inPlan = await send("avancement point CLS 2.1");
    expect(inPlan[0]!.text).toContain("Le plan CLS-TDC n’a pas de fiche-action 2.1.");
    expect(labels(inPlan).slice(0, 2)).toEqual([
      "CLS-TDC 2.1.1 Création d'une newsletter numérique santé",
      "SDAASP-82 2.1 Soutenir l'accueil des internes en médecine g…",
    ]);
  });

  it("an indicator the bot counts from its data is said so, and no value is offered for it", async () => {
    const draft = await send("avancement rencontre des conseillers numériques 3.1");
    expect(draft[0]!.text).toContain(
      "« Acteurs membres du réseau de médiation numérique » se calcule à partir des données du bot : un avancement n’y ajoute rien.",
    );
    expect(labels(draft).filter((l) => l.includes("Acteurs membres"))).toEqual([]);
    expect(labels(draft)).toContain("+1 Actions conduites par le réseau");
  });

  it("a line with two dates asks which one, before anything else", async () => {
    const asked = await send("avancement commission santé 1.1.2 prévue le 12/11, tenue le 16/11");
    expect(asked[0]!.text).toContain("La ligne donne plusieurs dates : laquelle est la bonne ?");
    expect(labels(asked)).toEqual(["jeu. 12 nov. 2026", "lun. 16 nov. 2026", "Abandonner"]);
    const draft = await send(action(choiceByLabel(asked, "lun. 16 nov. 2026")));
    expect(draft[0]!.text).toContain("Date : lun. 16 nov. 2026");
    expect(labels(draft)[0]).toBe("+1 Commissions santé réunies");
  });

  it("Correct opens the form pre-filled with the draft", async () => {
    const draft = await send("avancement forum santé 3.2.1 le 12/11 120 participants");
    const chosen = await send(action(choiceByLabel(draft, "+120 Participants aux forums santé")));
    const opened = formOf(await send(action(choiceByLabel(chosen, "Corriger"))));
    expect(opened.byName.text!.value).toBe("forum santé 3.2.1 le 12/11 120 participants");
    expect(opened.byName.date!.value).toBe("2026-11-12");
    expect(opened.byName.value!.value).toBe("120");
    expect(opened.byName.indicator!.options!.find((o) => o.value === opened.byName.indicator!.value)!.label).toBe(
      "Participants aux forums santé",
    );
  });
});

describe("lines that are refused", () => {
  it("a phone number, an e-mail or a social-security number is refused before anything is stored", async () => {
    expect(await bot.text("demo-cls", "avancement rappeler Mme Martin au 06 12 34 56 78 1.1.2")).toBe(
      "Rien n’a été enregistré :\n• le texte semble contenir un numéro de téléphone : le bot suit l’avancement des actions, pas les coordonnées des personnes ; retirez-le ;",
    );
    expect(await bot.text("demo-cls", "avancement contact jean.martin@exemple.fr 2.1.1")).toContain(
      "une adresse e-mail",
    );
    expect(await bot.text("demo-cls", "avancement dossier 1 84 12 76 451 089 46")).toContain(
      "un numéro de sécurité sociale",
    );
    expect(await bot.db.prisma.conversation.count()).toBe(0);
  });

  it("a future date, an impossible count or a text too long says why", async () => {
    expect(await bot.text("demo-cls", "avancement forum santé demain 3.2.1")).toBe(
      "Rien n’a été enregistré :\n• la date est dans le futur : on rend compte d’un avancement une fois qu’il a eu lieu ;",
    );
    expect(await bot.text("demo-cls", "avancement forum 3.2.1 0 participant")).toContain(
      "• la valeur doit être comprise entre 1 et 100 000 ;",
    );
    expect(await bot.text("demo-cls", "avancement forum 3.2.1 250000 participants")).toContain(
      "• la valeur doit être comprise entre 1 et 100 000 ;",
    );
    expect(await bot.text("demo-cls", `avancement ${"x".repeat(501)}`)).toContain(
      "• le texte fait au plus 500 caractères : raccourcissez-le ;",
    );
    expect(await reports()).toHaveLength(0);
  });

  it("a digital adviser is not offered the command", async () => {
    expect(await bot.text("demo-adviser", "avancement commission santé 1.1.2")).toContain("coordinateurs");
  });
});
