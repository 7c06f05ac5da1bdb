import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { action, createTestBot, form, type TestBot } from "../support/bot.ts";
import { choiceByLabel, communeId, formOf, memberId, organisationId } from "./activity-support.ts";

let bot: TestBot;
let adviser: string;
let library: string;
let montech: string;
beforeAll(async () => {
  bot = await createTestBot();
  adviser = await memberId(bot, "demo-adviser");
  library = await organisationId(bot, "Réseau des médiathèques");
  montech = await communeId(bot, "Montech");
});
afterAll(() => bot.close());
beforeEach(async () => {
  await bot.db.prisma.activityReport.deleteMany({});
});

const reports = () => bot.db.prisma.activityReport.findMany({ where: { memberId: adviser } });

/** An individual session that breaks no rule; each test changes what it checks. "@library" is the library network's id. */
const individual = () => ({
  kind: "INDIVIDUAL",
  date: "2026-11-20",
  duration: "1h30",
  themes: ["email"],
  place: "@library",
});
const workshop = () => ({
  kind: "COLLECTIVE",
  date: "hier",
  duration: "2h",
  participants: "8",
  themes: ["equipment"],
  place: "@library",
});
const submit = (values: Record<string, string | string[]>) =>
  form("activity", { ...values, ...(values.place === "@library" ? { place: library } : {}) });

describe("the activity form", () => {
  it("asks the kind first, then opens the form with the fields a Discord modal shows first", async () => {
    const kinds = await bot.send("demo-adviser", "activité");
    expect(kinds[0]!.choices!.map((c) => c.label)).toEqual([
      "Accompagnement individuel",
      "Atelier collectif",
      "Demande ponctuelle",
      "Comme la dernière fois",
    ]);
    const collective = formOf(await bot.send("demo-adviser", action(choiceByLabel(kinds, "Atelier collectif"))));
    expect(collective.id).toBe("activity");
    expect(collective.fields.slice(0, 5).map((f) => f.name)).toEqual([
      "duration",
      "participants",
      "themes",
      "place",
      "commune",
    ]);
    expect(collective.byName.date!.value).toBe("2026-11-23");
    expect(collective.byName.kind!.value).toBe("COLLECTIVE");
    expect(collective.byName.themes!.options).toHaveLength(18);
    expect(collective.byName.place!.options!.map((o) => o.label)).toEqual(
      expect.arrayContaining(["Réseau des médiathèques de Tarn-et-Garonne", "À domicile", "À distance", "Autre lieu"]),
    );
    const alone = formOf(await bot.send("demo-adviser", action("act.new:INDIVIDUAL")));
    expect(alone.fields.slice(0, 5).map((f) => f.name)).toEqual(["duration", "themes", "place", "commune", "date"]);
    expect(alone.fields.map((f) => f.name)).toContain("referral");
    expect(alone.fields.map((f) => f.name)).not.toContain("participants");
  });

  it("a submitted form saves a report with every field, and offers the same again", async () => {
    const replies = await bot.send(
      "demo-adviser",
      submit({
        kind: "COLLECTIVE",
        date: "12/11",
        duration: "1 h 30",
        participants: "12",
        themes: ["procedures", "security"],
        procedures: ["caf", "tax"],
        place: "OTHER_PLACE",
        commune: "montech",
        equipment: ["smartphone", "tablet"],
        workshopTitle: "Sécuriser son compte CAF",
        workshopLevel: "beginner",
        notes: "Salle prêtée par la mairie.",
      }),
    );
    expect(replies[0]!.text).toBe(
      "Activité enregistrée : jeu. 12 nov. 2026 — Atelier collectif — 1 h 30 — 12 pers. — Démarches administratives, Sécurité numérique. Merci !",
    );
    expect(replies[0]!.choices).toEqual([{ id: "act.same", label: "Comme la dernière fois" }]);
    const [saved] = await reports();
    expect(saved).toMatchObject({
      kind: "COLLECTIVE",
      date: new Date("2026-11-12T00:00:00Z"),
      durationMin: 90,
      place: "OTHER_PLACE",
      organisationId: null,
      territoryId: montech,
      participants: 12,
      themes: ["procedures", "security"],
      procedures: ["caf", "tax"],
      equipment: ["smartphone", "tablet"],
      workshopTitle: "Sécuriser son compte CAF",
      workshopLevel: "beginner",
      notes: "Salle prêtée par la mairie.",
      networkId: bot.networkId,
    });
  });

  it("an individual session keeps autonomy and referral, counts one person, and drops workshop fields", async () => {
    await bot.send(
      "demo-adviser",
      submit({
        ...individual(),
        participants: "5",
        autonomy: "partly",
        referral: "social_worker",
        workshopTitle: "x",
        equipment: "computer",
      }),
    );
    const [saved] = await reports();
    expect(saved).toMatchObject({
      kind: "INDIVIDUAL",
      participants: 1,
      place: "SUPPORT_SITE",
      organisationId: library,
      autonomy: "partly",
      referred: true,
      referralKind: "social_worker",
      workshopTitle: null,
      equipment: ["computer"],
    });
  });

  it("at home the commune may be left out; another place needs one", async () => {
    expect(await bot.text("demo-adviser", submit({ ...individual(), place: "HOME" }))).toMatch(/^Activité enregistrée/);
    expect(await bot.text("demo-adviser", submit({ ...individual(), place: "OTHER_PLACE" }))).toContain(
      "• pour un autre lieu, indiquez la commune ;",
    );
    expect(await reports()).toHaveLength(1);
  });

  const refusals: [string, Record<string, string | string[]>, string][] = [
    [
      "a future date",
      { ...individual(), date: "24/11/2026" },
      "• la date est dans le futur : on rend compte d’une activité une fois qu’elle a eu lieu ;",
    ],
    ["tomorrow", { ...individual(), date: "demain" }, "• la date est dans le futur"],
    [
      "an unreadable date",
      { ...individual(), date: "mardi dernier" },
      "• la date s’écrit comme 12/11, 12/11/2026 ou « hier » ;",
    ],
    [
      "more than 12 hours",
      { ...individual(), duration: "12h01" },
      "• la durée doit être comprise entre 1 minute et 12 heures ;",
    ],
    [
      "no time at all",
      { ...individual(), duration: "0" },
      "• la durée doit être comprise entre 1 minute et 12 heures ;",
    ],
    [
      "an unreadable duration",
      { ...individual(), duration: "longtemps" },
      "• la durée s’écrit en minutes ou en heures",
    ],
    [
      "a workshop of nobody",
      { ...workshop(), participants: "0" },
      "• un atelier collectif compte de 2 à 100 participants",
    ],
    [
      "a workshop of 101",
      { ...workshop(), participants: "101" },
      "• un atelier collectif compte de 2 à 100 participants",
    ],
    [
      "a workshop of one",
      { ...workshop(), participants: "1" },
      "(pour une seule personne, choisissez l’accompagnement individuel)",
    ],
    [
      "an unknown theme",
      { ...individual(), themes: ["email", "astrology"] },
      "• un des thèmes n’est pas dans la liste nationale",
    ],
    ["no theme", { ...individual(), themes: [] }, "• choisissez au moins un thème ;"],
    [
      "a site of no network",
      { ...individual(), place: "5b0c7a0e-0000-4000-8000-000000000000" },
      "• cette structure ne fait pas partie du réseau",
    ],
    [
      "a support site without the site",
      { ...individual(), place: "SUPPORT_SITE" },
      "• indiquez dans quelle structure l’activité a eu lieu ;",
    ],
    [
      "an unknown commune",
      { ...individual(), place: "OTHER_PLACE", commune: "Toulouse" },
      "• cette commune n’est pas dans le réseau",
    ],
    ["no kind", { ...individual(), kind: "" }, "• choisissez le type d’activité"],
  ];
  it.each(refusals)("refuses %s with the sentence that says why, and saves nothing", async (_, values, sentence) => {
    const replies = await bot.send("demo-adviser", submit(values));
    expect(replies[0]!.text).toMatch(/^Rien n’a été enregistré :\n/);
    expect(replies[0]!.text).toContain(sentence);
    expect(replies[0]!.text.split("\n"), replies[0]!.text).toHaveLength(2);
    expect(formOf(replies).byName.duration!.value).toBe(values.duration);
    expect(await reports()).toHaveLength(0);
  });

  it("names every wrong field in one answer", async () => {
    const text = await bot.text(
      "demo-adviser",
      submit({ ...workshop(), date: "30/12/2026", duration: "13h", participants: "150", themes: ["x"] }),
    );
    expect(text.split("\n").slice(0, 5)).toEqual([
      "Rien n’a été enregistré :",
      "• la date est dans le futur : on rend compte d’une activité une fois qu’elle a eu lieu ;",
      "• la durée doit être comprise entre 1 minute et 12 heures ;",
      "• un atelier collectif compte de 2 à 100 participants (pour une seule personne, choisissez l’accompagnement individuel) ;",
      "• un des thèmes n’est pas dans la liste nationale : choisissez-les dans la liste ;",
    ]);
    expect(await reports()).toHaveLength(0);
  });
});

describe("privacy: the bot records activities, never the people helped", () => {
  const personal: [string, string, string][] = [
    ["a mobile number with spaces", "Rappeler Mme D. au 06 12 34 56 78", "un numéro de téléphone"],
    ["an international number", "tel +33 6 12 34 56 78", "un numéro de téléphone"],
    ["a number without spaces", "0612345678 à rappeler", "un numéro de téléphone"],
    ["a landline with dots", "05.63.12.34.56", "un numéro de téléphone"],
    ["an e-mail address", "son adresse: jean.dupont@example.fr", "une adresse e-mail"],
    ["a social-security number", "NIR 1 84 12 76 451 089 46", "un numéro de sécurité sociale"],
    ["a social-security number without its key", "1841276451089", "un numéro de sécurité sociale"],
  ];
  it.each(personal)("notes with %s are refused", async (_, notes, what) => {
    const text = await bot.text("demo-adviser", submit({ ...individual(), notes }));
    expect(text).toContain(`• le texte semble contenir ${what} :`);
    expect(text).toContain("le bot enregistre des activités, jamais les personnes accompagnées");
    expect(await reports()).toHaveLength(0);
  });

  it("a workshop title is checked the same way", async () => {
    expect(
      await bot.text("demo-adviser", submit({ ...workshop(), workshopTitle: "Atelier de marie@example.org" })),
    ).toContain("adresse e-mail");
  });

  it("dates, durations, head counts and postcodes are not mistaken for personal data", async () => {
    const notes = "Séance du 12/11/2026 de 14h à 15h30, 8 pers, salle 2, 82000 Montauban, suite le 06/12.";
    expect(await bot.text("demo-adviser", submit({ ...individual(), notes }))).toMatch(/^Activité enregistrée/);
  });
});

describe("in English", () => {
  it("an English-speaking adviser gets the form, the confirmation and the refusals in English", async () => {
    await bot.db.prisma.member.update({ where: { id: adviser }, data: { locale: "en" } });
    try {
      const kinds = await bot.send("demo-adviser", "activity");
      expect(kinds[0]!.choices!.map((c) => c.label)).toEqual([
        "Individual support",
        "Collective workshop",
        "One-off request",
        "Same as last time",
      ]);
      const shown = formOf(await bot.send("demo-adviser", action("act:new:INDIVIDUAL")));
      expect(shown.byName.themes!.options!.map((o) => o.label)).toContain("Online banking and shopping");
      expect(shown.byName.place!.options!.map((o) => o.label)).toContain("At home");
      expect(await bot.text("demo-adviser", submit({ ...individual(), duration: "800" }))).toMatch(
        /^Nothing was recorded:\n• the duration must be between 1 minute and 12 hours;/,
      );
      expect(await bot.text("demo-adviser", submit(individual()))).toBe(
        "Activity recorded: Fri, 20 Nov 2026 — Individual support — 1 h 30 — E-mail. Thank you!",
      );
    } finally {
      await bot.db.prisma.member.update({ where: { id: adviser }, data: { locale: "fr" } });
    }
  });
});

describe("who may report", () => {
  it("members without the digital adviser role are told who may", async () => {
    expect(await bot.text("demo-coordinator", "activité")).toContain("réservée aux conseillers numériques");
  });
});
