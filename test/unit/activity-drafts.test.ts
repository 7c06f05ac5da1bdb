import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { action, createTestBot, form, type Speaker, type TestBot } from "../support/bot.ts";
import { choiceByLabel, communeId, formOf, memberId } from "./activity-support.ts";

let bot: TestBot;
let adviser: string;
beforeAll(async () => {
  bot = await createTestBot();
  adviser = await memberId(bot, "demo-adviser");
});
afterAll(() => bot.close());
beforeEach(async () => {
  await bot.db.prisma.activityReport.deleteMany({});
  await bot.db.prisma.conversation.deleteMany({});
});

const reports = () =>
  bot.db.prisma.activityReport.findMany({ where: { memberId: adviser }, orderBy: { createdAt: "asc" } });
const send = (input: string | ReturnType<typeof action>) => bot.send("demo-adviser", input);
const labels = (replies: Reply[]) => replies.flatMap((r) => r.choices ?? []).map((c) => c.label);

describe("quick entry", () => {
  it("a line becomes a draft to confirm; confirming saves it once", async () => {
    const draft = await send("activité atelier 8 pers 2h Montech smartphone hier");
    expect(draft[0]!.text).toBe(
      [
        "Voici ce que j’ai compris :",
        "Type : Atelier collectif",
        "Date : dim. 22 nov. 2026",
        "Durée : 2 h",
        "Lieu : Autre lieu (Montech)",
        "Participants : 8",
        "Thèmes : Prendre en main du matériel",
        "Matériel : Smartphone",
      ].join("\n"),
    );
    expect(labels(draft)).toEqual(["Confirmer", "Corriger", "Abandonner"]);
    expect(await reports()).toHaveLength(0);
    const confirm = choiceByLabel(draft, "Confirmer");
    const saved = await send(action(confirm));
    expect(saved[0]!.text).toBe(
      "Activité enregistrée : dim. 22 nov. 2026 — Atelier collectif — 2 h — 8 pers. — Prendre en main du matériel. Merci !",
    );
    expect(await reports()).toEqual([
      expect.objectContaining({
        kind: "COLLECTIVE",
        date: new Date("2026-11-22T00:00:00Z"),
        durationMin: 120,
        participants: 8,
        place: "OTHER_PLACE",
        territoryId: await communeId(bot, "Montech"),
        equipment: ["smartphone"],
      }),
    ]);
    expect(await bot.text("demo-adviser", action(confirm))).toBe(
      "Ce brouillon a déjà été enregistré ou abandonné. Tapez « activité » pour en saisir une nouvelle.",
    );
    expect(await reports()).toHaveLength(1);
  });

  it("without a place, the adviser's own structure is proposed", async () => {
    const draft = await send("activité accompagnement 1h30 courriel");
    expect(draft[0]!.text).toContain("Lieu : France Services itinérante du Conseil départemental");
    await send(action(choiceByLabel(draft, "Confirmer")));
    const [saved] = await reports();
    expect(saved).toMatchObject({
      kind: "INDIVIDUAL",
      place: "SUPPORT_SITE",
      durationMin: 90,
      themes: ["email"],
      participants: 1,
    });
  });

  it("an ambiguity is asked with a button per reading, and the button settles it", async () => {
    const draft = await send("activité 8 tablette");
    expect(draft[0]!.text).toContain("« 8 » peut se lire de plusieurs façons : laquelle est la bonne ?");
    expect(labels(draft)).not.toContain("Confirmer");
    const hours = await send(action(choiceByLabel(draft, "8 h")));
    expect(hours[0]!.text).toContain("Durée : 8 h");
    expect(hours[0]!.text).not.toContain("peut se lire");
    // The kind is still missing: asked with buttons, then the draft may be confirmed.
    expect(hours[0]!.text).toContain("Quel type d’activité était-ce ?");
    const kind = await send(action(choiceByLabel(hours, "Accompagnement individuel")));
    expect(kind[0]!.text).toContain("Type : Accompagnement individuel");
    await send(action(choiceByLabel(kind, "Confirmer")));
    expect(await reports()).toEqual([
      expect.objectContaining({ kind: "INDIVIDUAL", durationMin: 480, equipment: ["tablet"] }),
    ]);
  });

  it("each ambiguity is asked in turn; a second press of an answered question's button does not answer the next", async () => {
    const draft = await send("activité 8 portable");
    const first = await send(action(choiceByLabel(draft, "8 pers.")));
    expect(first[0]!.text).toContain("Participants : 8");
    expect(first[0]!.text).toContain("« portable » peut se lire de plusieurs façons");
    expect(labels(first).slice(0, 2)).toEqual(["Smartphone", "Ordinateur"]);
    const stale = await send(action(choiceByLabel(draft, "8 h")));
    expect(stale[0]!.text).toMatch(
      /^Ce bouton n’est plus valable\. Voici où nous en sommes :\nVoici ce que j’ai compris :/,
    );
    expect(stale[0]!.text).toContain("Durée : à préciser");
    expect(stale[0]!.text).toContain("« portable » peut se lire de plusieurs façons");
    const settled = await send(action(choiceByLabel(first, "Smartphone")));
    expect(settled[0]!.text).toContain("Matériel : Smartphone");
    expect(settled[0]!.text).not.toContain("peut se lire");
  });

  it("a missing duration is asked with the usual durations as buttons", async () => {
    const draft = await send("activité accompagnement courriel hier");
    expect(draft[0]!.text).toContain("Durée : à préciser");
    expect(draft[0]!.text).toContain("Combien de temps a-t-elle duré ?");
    expect(labels(draft).slice(0, 6)).toEqual(["15 min", "30 min", "45 min", "1 h", "1 h 30", "2 h"]);
    const answered = await send(action(choiceByLabel(draft, "45 min")));
    expect(answered[0]!.text).toContain("Durée : 45 min");
    expect(labels(answered)[0]).toBe("Confirmer");
  });

  it("missing themes send the adviser to the form; a rule broken by the draft is named and Confirm withheld", async () => {
    const noTheme = await send("activité accompagnement 1h hier");
    expect(noTheme[0]!.text).toContain(
      "Thèmes : à préciser\nQuels thèmes ont été abordés ? Choisissez-les avec « Corriger ».",
    );
    expect(labels(noTheme)).toEqual(["Corriger", "Abandonner"]);
    const tooMany = await send("activité atelier 150 pers 2h smartphone");
    expect(tooMany[0]!.text).toContain("• un atelier collectif compte de 2 à 100 participants");
    expect(labels(tooMany)).toEqual(["Corriger", "Abandonner"]);
  });

  it("Correct opens the form pre-filled with the draft; submitting it saves the report and ends the draft", async () => {
    const draft = await send("activité atelier 8 pers 2h Montech smartphone hier");
    const opened = formOf(await send(action(choiceByLabel(draft, "Corriger"))));
    expect(opened.id).toBe("activity");
    const values = Object.fromEntries(
      opened.fields.filter((f) => f.value !== undefined).map((f) => [f.name, f.value!]),
    );
    expect(values).toEqual({
      kind: "COLLECTIVE",
      date: "2026-11-22",
      duration: "2 h",
      participants: "8",
      place: "OTHER_PLACE",
      // The official geography gives the demo 195 communes: more than a menu holds, so the commune is typed.
      commune: "Montech",
      themes: ["equipment"],
      equipment: ["smartphone"],
    });
    await send(form("activity", { ...values, participants: "9" }));
    expect(await reports()).toEqual([expect.objectContaining({ participants: 9 })]);
    expect(await bot.text("demo-adviser", action(choiceByLabel(draft, "Confirmer")))).toContain(
      "déjà été enregistré ou abandonné",
    );
    expect(await reports()).toHaveLength(1);
  });

  it("a draft survives a restart; Drop forgets it", async () => {
    const draft = await send("activité rdv 45 min à distance impôts hier");
    bot.restart();
    expect(await bot.text("demo-adviser", action(choiceByLabel(draft, "Abandonner")))).toBe(
      "Brouillon abandonné : rien n’a été enregistré.",
    );
    expect(await bot.text("demo-adviser", action(choiceByLabel(draft, "Confirmer")))).toContain(
      "déjà été enregistré ou abandonné",
    );
    const again = await send("activité rdv 45 min à distance impôts hier");
    bot.restart();
    await send(action(choiceByLabel(again, "Confirmer")));
    expect(await reports()).toEqual([expect.objectContaining({ place: "REMOTE", procedures: ["tax"] })]);
  });

  it("a line with a phone number, an e-mail or a social-security number is refused and nothing is kept", async () => {
    for (const [line, what] of [
      ["activité rdv 1h Mme Martin 06 12 34 56 78 caf", "un numéro de téléphone"],
      ["activité rdv 1h courriel martin.l@orange.fr", "une adresse e-mail"],
      ["activité rdv 1h ameli 2 69 05 49 588 157 80", "un numéro de sécurité sociale"],
    ]) {
      expect(await bot.text("demo-adviser", line!)).toBe(
        `Rien n’a été enregistré :\n• le texte semble contenir ${what} : le bot enregistre des activités, jamais les personnes accompagnées ; retirez-${what!.startsWith("une") ? "la" : "le"} ;`,
      );
    }
    expect(await bot.db.prisma.conversation.count()).toBe(0);
  });
});

describe("same as last time", () => {
  it("repeats the last report, dated today and without its notes, as a draft to confirm", async () => {
    const saved = await send(
      form("activity", {
        kind: "INDIVIDUAL",
        date: "12/11",
        duration: "1h",
        themes: ["banking_shopping"],
        place: "REMOTE",
        equipment: ["smartphone"],
        autonomy: "partly",
        notes: "Première séance.",
      }),
    );
    const again = await send(action(choiceByLabel(saved, "Comme la dernière fois")));
    expect(again[0]!.text.split("\n").slice(0, 3)).toEqual([
      "Comme la dernière fois, à la date d’aujourd’hui (sans les notes) :",
      "Voici ce que j’ai compris :",
      "Type : Accompagnement individuel",
    ]);
    expect(again[0]!.text).toContain("Date : lun. 23 nov. 2026");
    expect(again[0]!.text).not.toContain("Première séance");
    await send(action(choiceByLabel(again, "Confirmer")));
    const [, copy] = await reports();
    expect(copy).toMatchObject({
      date: new Date("2026-11-23T00:00:00Z"),
      durationMin: 60,
      themes: ["banking_shopping"],
      place: "REMOTE",
      equipment: ["smartphone"],
      autonomy: "partly",
      notes: null,
    });
  });

  it("« activité idem » does the same, and says so when there is nothing to repeat", async () => {
    expect(await bot.text("demo-adviser", "activité idem")).toBe(
      "Vous n’avez encore enregistré aucune activité à refaire. Tapez « activité » pour en saisir une.",
    );
    await send(
      form("activity", {
        kind: "COLLECTIVE",
        duration: "2h",
        participants: "6",
        themes: ["ai"],
        place: "HOME",
        workshopTitle: "Découvrir l’IA",
      }),
    );
    const again = await send("activité pareil");
    expect(again[0]!.text).toContain("Atelier : « Découvrir l’IA »");
    await send(action(choiceByLabel(again, "Confirmer")));
    expect((await reports()).map((r) => r.workshopTitle)).toEqual(["Découvrir l’IA", "Découvrir l’IA"]);
  });
});

describe("in English", () => {
  it("the draft of an English-speaking adviser reads in English", async () => {
    await bot.db.prisma.member.update({ where: { id: adviser }, data: { locale: "en" } });
    try {
      const draft = await send("activity atelier 8 pers 2h Montech smartphone hier");
      expect(draft[0]!.text).toContain(
        "Here is what I understood:\nKind: Collective workshop\nDate: Sun, 22 Nov 2026\nDuration: 2 h\nPlace: Other place (Montech)",
      );
      expect(labels(draft)).toEqual(["Confirm", "Correct", "Drop"]);
    } finally {
      await bot.db.prisma.member.update({ where: { id: adviser }, data: { locale: "fr" } });
    }
  });
});

describe("on Telegram, the form one question at a time", () => {
  const tg: Speaker = { platform: "telegram", user: "601", scope: "private", forms: "steps" };
  let last: Reply[] = [];
  const say = async (input: string | ReturnType<typeof action>) => (last = await bot.send(tg, input));
  const press = (label: string) => say(action(choiceByLabel(last, label)));

  it("asks each field with buttons or typed answers and saves the report at the end", async () => {
    await bot.db.prisma.platformIdentity.create({
      data: { networkId: bot.networkId, memberId: adviser, platform: "telegram", externalId: "601" },
    });
    await say("activité");
    const first = await press("Accompagnement individuel");
    expect(first[0]!.text).toBe("Compte rendu d’activité — question 1 sur 12\nDurée (ex. 45 min, 1h30, 90)");
    expect((await say("1h30"))[0]!.text).toContain("question 2 sur 12\nThèmes abordés");
    await press("Courriels");
    await press("Démarches administratives");
    expect((await press("Suivant"))[0]!.text).toContain("question 3 sur 12\nLieu");
    await press("À domicile");
    expect((await say("Montech"))[0]!.text).toContain("question 5 sur 12\nDate");
    expect((await say("hier"))[0]!.text).toContain("question 6 sur 12\nTranche d’âge");
    await press("60 ans et plus");
    await press("CAF");
    await press("Suivant");
    expect(last[0]!.text).toContain("question 8 sur 12\nMatériel utilisé");
    await press("Suivant");
    await press("En partie autonome");
    await press("Passer");
    expect(last[0]!.text).toContain("question 11 sur 12\nNotes");
    await press("Passer");
    const saved = await press("Garder la valeur actuelle");
    expect(saved[0]!.text).toBe(
      "Activité enregistrée : dim. 22 nov. 2026 — Accompagnement individuel — 1 h 30 — Courriels, Démarches administratives. Merci !",
    );
    expect(await reports()).toEqual([
      expect.objectContaining({
        kind: "INDIVIDUAL",
        durationMin: 90,
        place: "HOME",
        territoryId: await communeId(bot, "Montech"),
        themes: ["email", "procedures"],
        procedures: ["caf"],
        autonomy: "partly",
        equipment: [],
        ageBrackets: { "60_plus": 1 },
      }),
    ]);
  });

  it("a wrong answer is refused by the same rules once the form is complete, and the form asked again", async () => {
    await say("activité");
    await press("Accompagnement individuel");
    await say("15h");
    await press("Courriels");
    await press("Suivant");
    await press("À distance");
    // Every other question left as it is: the last one (the kind) completes the form.
    for (let i = 4; i <= 12; i++)
      await press(["Suivant", "Garder la valeur actuelle", "Passer"].find((l) => labels(last).includes(l))!);
    expect(last.map((r) => r.text).join("\n")).toContain("• la durée doit être comprise entre 1 minute et 12 heures ;");
    expect(last.at(-1)!.text).toContain("question 1 sur 12");
    expect(await reports()).toHaveLength(0);
  });
});
