import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readAgeBreakdown } from "../../src/features/activities/ages.ts";
import { action, createTestBot, form, type TestBot } from "../support/bot.ts";
import { choiceByLabel, formOf, memberId, organisationId } from "./activity-support.ts";

let bot: TestBot;
let adviser: string;
let library: string;
beforeAll(async () => {
  bot = await createTestBot();
  adviser = await memberId(bot, "demo-adviser");
  library = await organisationId(bot, "Réseau des médiathèques");
});
afterAll(() => bot.close());
beforeEach(async () => {
  await bot.db.prisma.activityReport.deleteMany({});
});

const send = (input: Parameters<TestBot["send"]>[1]) => bot.send("demo-adviser", input);
const text = (input: Parameters<TestBot["send"]>[1]) => bot.text("demo-adviser", input);
const reports = () =>
  bot.db.prisma.activityReport.findMany({ where: { memberId: adviser }, orderBy: { createdAt: "asc" } });
const workshop = (ages: string, participants = "8") =>
  form("activity", {
    kind: "COLLECTIVE",
    date: "2026-11-20",
    duration: "2h",
    participants,
    themes: ["equipment"],
    place: library,
    ages,
  });
const individual = (kind: string, ageBracket: string) =>
  form("activity", { kind, date: "2026-11-20", duration: "45 min", themes: ["email"], place: library, ageBracket });

describe("the age breakdown of a workshop", () => {
  it("the workshop form asks it after the date and workshop fields, and says how to write it", async () => {
    const replies = await send(action("act:new:COLLECTIVE"));
    const names = formOf(replies).fields.map((f) => f.name);
    expect(names.slice(0, 5)).toEqual(["duration", "participants", "themes", "place", "commune"]);
    expect(names.indexOf("ages")).toBe(names.indexOf("workshopLevel") + 1);
    expect(names).not.toContain("ageBracket");
    expect(formOf(replies).byName.ages).toMatchObject({
      type: "text",
      required: false,
      label: "Répartition par âge (ex. 60+ : 5, 35-60 : 3)",
    });
    expect(replies[0]!.text).toContain(
      "Répartition par âge, facultative : tranches -12, 12-18, 18-35, 35-60, 60+, par exemple « 60+ : 5, 35-60 : 3 », « 5 plus de 60 ans » ou « -12 : 2 »",
    );
  });

  it("a submitted breakdown is saved by bracket", async () => {
    expect(await text(workshop("60+ : 5, 35-60 : 3"))).toMatch(/^Activité enregistrée/);
    expect((await reports())[0]!.ageBrackets).toEqual({ "35_60": 3, "60_plus": 5 });
  });

  const written: [string, Record<string, number>][] = [
    ["5 plus de 60 ans", { "60_plus": 5 }],
    ["-12: 2", { under_12: 2 }],
    ["moins de 12 ans : 1 ; de 12 à 18 ans : 4", { under_12: 1, "12_18": 4 }],
    ["18–35 ans = 2, 60 ans et plus = 3", { "18_35": 2, "60_plus": 3 }],
    ["3 seniors et 2 de 35 à 60 ans", { "35_60": 2, "60_plus": 3 }],
    ["60+ 5 35-60 3", { "35_60": 3, "60_plus": 5 }],
    ["under 12: 1, over 60: 2", { under_12: 1, "60_plus": 2 }],
  ];
  it.each(written)("« %s » is understood", async (typed, saved) => {
    expect(await text(workshop(typed))).toMatch(/^Activité enregistrée/);
    expect((await reports())[0]!.ageBrackets).toEqual(saved);
  });

  it("left empty, nothing is stored for ages", async () => {
    await send(workshop(""));
    expect((await reports())[0]!.ageBrackets).toBeNull();
  });

  it("more people than participants is refused with the sum and the participants, and the form keeps what was typed", async () => {
    const replies = await send(workshop("60+ : 6, 35-60 : 3"));
    expect(replies[0]!.text).toBe(
      "Rien n’a été enregistré :\n• la répartition par âge compte 9 personnes, plus que les 8 participants de l’atelier : corrigez l’une ou l’autre ;",
    );
    expect(formOf(replies).byName.ages!.value).toBe("60+ : 6, 35-60 : 3");
    expect(await reports()).toHaveLength(0);
  });

  it("an unknown bracket or a count that is not whole is refused, naming the part", async () => {
    expect(await text(workshop("60+ : 2, 40-50 : 3"))).toContain(
      "• « 40-50 : 3 » : je ne reconnais pas la tranche d’âge ; écrivez par exemple « 60+ : 5, 35-60 : 3 »",
    );
    expect(await text(workshop("adultes : 3"))).toContain("• « adultes : 3 » : je ne reconnais pas la tranche d’âge");
    expect(await text(workshop("60+ : 2.5"))).toContain(
      "• « 60+ : 2.5 » : le nombre de personnes d’une tranche d’âge est un nombre entier ;",
    );
    expect(await reports()).toHaveLength(0);
  });

  it("in English, the refusal says the same", async () => {
    await bot.db.prisma.member.update({ where: { id: adviser }, data: { locale: "en" } });
    try {
      expect((await send(workshop("over 60: 12", "10")))[0]!.text).toBe(
        "Nothing was recorded:\n• the age breakdown counts 12 people, more than the workshop’s 10 participants: correct one or the other;",
      );
    } finally {
      await bot.db.prisma.member.update({ where: { id: adviser }, data: { locale: "fr" } });
    }
  });
});

describe("the age bracket of one person", () => {
  it("individual support and one-off requests offer one bracket after the date, and save it", async () => {
    const shown = formOf(await send(action("act:new:INDIVIDUAL")));
    const names = shown.fields.map((f) => f.name);
    expect(names.indexOf("ageBracket")).toBe(names.indexOf("date") + 1);
    expect(names).not.toContain("ages");
    expect(shown.byName.ageBracket!.options!.map((o) => o.label)).toEqual([
      "—",
      "moins de 12 ans",
      "12–18 ans",
      "18–35 ans",
      "35–60 ans",
      "60 ans et plus",
    ]);
    await send(individual("INDIVIDUAL", "60_plus"));
    await send(individual("ONE_OFF", "35_60"));
    await send(individual("ONE_OFF", ""));
    expect((await reports()).map((r) => r.ageBrackets)).toEqual([{ "60_plus": 1 }, { "35_60": 1 }, null]);
  });

  it("a bracket not in the list is refused", async () => {
    expect(await text(individual("INDIVIDUAL", "senior"))).toContain("• la tranche d’âge se choisit dans la liste ;");
    expect(await reports()).toHaveLength(0);
  });
});

describe("ages when reading back, editing and repeating", () => {
  it("« mes activités » shows them; Edit pre-fills them and keeps them; emptied, they are removed", async () => {
    await send(workshop("60+ : 5, 35-60 : 3"));
    await send(individual("INDIVIDUAL", "60_plus"));
    const listed = await send("mes activités");
    expect(listed[0]!.text).toContain(
      "Atelier collectif — 2 h — 8 pers. (35–60 ans : 3, 60 ans et plus : 5) — Prendre en main du matériel",
    );
    expect(listed[0]!.text).toContain("Accompagnement individuel — 45 min — 60 ans et plus — Courriels");

    const [group, alone] = await reports();
    const opened = formOf(await send(action(`act:e:${group!.id}`)));
    expect(opened.byName.ages!.value).toBe("35-60 : 3, 60+ : 5");
    const values = Object.fromEntries(
      opened.fields.filter((f) => f.value !== undefined).map((f) => [f.name, f.value!]),
    );
    expect(await text(form(opened.id, { ...values, duration: "1h30" }))).toMatch(/^Compte rendu modifié/);
    expect(await bot.db.prisma.activityReport.findUniqueOrThrow({ where: { id: group!.id } })).toMatchObject({
      durationMin: 90,
      ageBrackets: { "35_60": 3, "60_plus": 5 },
    });

    const single = formOf(await send(action(`act:e:${alone!.id}`)));
    expect(single.byName.ageBracket!.value).toBe("60_plus");
    const kept = Object.fromEntries(single.fields.filter((f) => f.value !== undefined).map((f) => [f.name, f.value!]));
    await send(form(single.id, { ...kept, ageBracket: "" }));
    expect((await bot.db.prisma.activityReport.findUniqueOrThrow({ where: { id: alone!.id } })).ageBrackets).toBeNull();
  });

  it("« same as last time » shows the ages in the draft, saves them, and « Correct » pre-fills them", async () => {
    await send(workshop("60+ : 5, 35-60 : 3"));
    const draft = await send(action("act:same"));
    expect(draft[0]!.text).toContain("Âges : 35–60 ans : 3, 60 ans et plus : 5");
    const corrected = formOf(await send(action(choiceByLabel(draft, "Corriger"))));
    expect(corrected.byName.ages!.value).toBe("35-60 : 3, 60+ : 5");
    await send(action(choiceByLabel(draft, "Confirmer")));
    expect((await reports()).map((r) => r.ageBrackets)).toEqual([
      { "35_60": 3, "60_plus": 5 },
      { "35_60": 3, "60_plus": 5 },
    ]);
  });

  it("the draft of an individual support names the one bracket", async () => {
    await send(individual("INDIVIDUAL", "18_35"));
    expect(await text(action("act:same"))).toContain("Âge : 18–35 ans");
  });

  it("a quick entry about seniors shows their ages in the draft", async () => {
    expect(await text("activité atelier 6 seniors arnaques 2h médiathèque")).toContain("Âges : 60 ans et plus : 6");
  });
});

describe("reading a typed breakdown", () => {
  it("parts read either way round, repeated brackets add up, zeros count for nothing", () => {
    expect(readAgeBreakdown("60+ : 2, 3 plus de 60 ans, 12-18 : 0")).toEqual({ ok: true, breakdown: { "60_plus": 5 } });
    expect(readAgeBreakdown("2 -12")).toEqual({ ok: true, breakdown: { under_12: 2 } });
    expect(readAgeBreakdown("  ")).toEqual({ ok: true, breakdown: null });
    expect(readAgeBreakdown("60+")).toEqual({ ok: false, problem: "unknown", part: "60+" });
    expect(readAgeBreakdown("60+ : -3")).toEqual({ ok: false, problem: "unknown", part: "60+ : -3" });
  });
});
