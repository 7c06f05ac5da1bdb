import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBot, type TestBot } from "../support/bot.ts";
import { createDeadline, createGroup, type DeadlineInput, queuedFor } from "./deadline-support.ts";

let bot: TestBot;
let groupId: string;
beforeAll(async () => {
  bot = await createTestBot({ platforms: ["local"] });
  groupId = await createGroup(bot, "Parcours d’installation", "Julien Carrère, Isabelle Fabre");
});
afterAll(() => bot.close());

const counts = async () => ({
  deadlines: await bot.db.prisma.deadline.count(),
  outbox: await bot.db.prisma.outboundMessage.count(),
});

describe("when reminders go", () => {
  it("reminders are at 09:00 Paris across the change to summer time, a Sunday moves to the Friday, and quiet hours hold them", async () => {
    // Julien's quiet hours end at 10:00: his 09:00 reminders wait until then.
    await bot.db.prisma.member.updateMany({
      where: { displayName: "Julien Carrère" },
      data: { quietStartMin: 20 * 60, quietEndMin: 10 * 60 },
    });
    const { id } = await createDeadline(bot, { groupId, title: "Dossier ARS", date: "30/03/2027" });
    expect(await queuedFor(bot, id!)).toEqual([
      "7d demo-partner 2027-03-23T08:00:00.000Z",
      "7d demo-adviser 2027-03-23T09:00:00.000Z",
      "2d demo-partner 2027-03-26T08:00:00.000Z",
      "2d demo-adviser 2027-03-26T09:00:00.000Z",
      "0d demo-partner 2027-03-30T07:00:00.000Z",
      "0d demo-adviser 2027-03-30T08:00:00.000Z",
      "overdue demo-coordinator 2027-03-30T16:00:00.000Z",
    ]);
    await bot.db.prisma.member.updateMany({
      where: { displayName: "Julien Carrère" },
      data: { quietStartMin: 20 * 60, quietEndMin: 8 * 60 },
    });
  });

  it("a reminder falling on a public holiday (14 July) goes on the working day before; custom days are kept", async () => {
    const { id, text } = await createDeadline(bot, {
      groupId,
      title: "Bilan semestriel",
      date: "16/07/2027",
      time: "10:00",
      reminders: "2; 21",
    });
    expect(text).toContain("4 rappels programmés ; le premier part le vendredi 25 juin 2027 à 09:00.");
    expect(await queuedFor(bot, id!)).toEqual([
      "21d demo-adviser 2027-06-25T07:00:00.000Z",
      "21d demo-partner 2027-06-25T07:00:00.000Z",
      "2d demo-adviser 2027-07-13T07:00:00.000Z",
      "2d demo-partner 2027-07-13T07:00:00.000Z",
      "overdue demo-coordinator 2027-07-16T08:00:00.000Z",
    ]);
    expect(await bot.db.prisma.deadline.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({
      reminderDays: [21, 2],
      reminderMinute: 540,
    });
  });
});

describe("bad input is refused before anything is queued, with a sentence that says why", () => {
  const base = { title: "Feuille de route", date: "15/01/2027" };

  const cases: [string, Partial<DeadlineInput>, string][] = [
    [
      "a past due date",
      { date: "01/11/2026" },
      "Le dimanche 1 novembre 2026 à 18:00 est passé : choisissez une date à venir.",
    ],
    ["an impossible date", { date: "31/02/2027" }, "Je ne reconnais pas cette date"],
    ["an unreadable time", { time: "25h" }, "Je ne reconnais pas cette heure"],
    [
      "a recurrence that never fires",
      { kind: "MEETING", time: "09:00", recurrence: "0 9 31 2 *" },
      "Cette récurrence ne tombe jamais dans les deux prochaines années",
    ],
    [
      "an invalid recurrence",
      { kind: "MEETING", time: "09:00", recurrence: "tous les 36 du mois" },
      "Je ne comprends pas cette récurrence",
    ],
    ["reminder days over 60", { reminders: "7, 90" }, "Les rappels sont des nombres de jours de 0 à 60"],
    [
      "reminder days that are not numbers",
      { reminders: "sept, deux" },
      "Les rappels sont des nombres de jours de 0 à 60",
    ],
    ["a meeting without a time", { kind: "MEETING" }, "Une réunion a besoin d’une heure"],
    ["a one-letter title", { title: "X" }, "Donnez un titre de 2 à 120 caractères."],
  ];
  it.each(cases)("%s", async (_, change, sentence) => {
    const before = await counts();
    const { replies, id } = await createDeadline(bot, { groupId, ...base, ...change });
    expect(id).toBeUndefined();
    expect(replies[0]!.text).toContain("L’échéance n’a pas été créée :");
    expect(replies[0]!.text).toContain(sentence);
    // The form comes back with what was typed, to correct one field.
    const fields = Object.fromEntries(replies[0]!.form!.fields.map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({ groupId, title: change.title ?? base.title, date: change.date ?? base.date });
    expect(await counts()).toEqual(before);
  });

  it("a group with no members", async () => {
    await createGroup(bot, "Groupe vide", "Isabelle Fabre");
    expect(await bot.text("demo-coordinator", "groupe Groupe vide retirer Isabelle Fabre")).toContain(
      "1 membre retiré",
    );
    const empty = await bot.db.prisma.workingGroup.findFirstOrThrow({ where: { name: "Groupe vide" } });
    const before = await counts();
    const { text } = await createDeadline(bot, { groupId: empty.id, ...base });
    expect(text).toContain(
      "Le groupe « Groupe vide » n’a aucun membre : ajoutez-en avec « groupe Groupe vide ajouter <noms> », puis créez l’échéance.",
    );
    expect(await counts()).toEqual(before);
  });

  it("a CLS coordinator can set deadlines only for the groups they lead", async () => {
    expect(await bot.text("demo-cls", "échéance")).toBe(
      "Vous ne gérez encore aucun groupe de travail : créez-en un avec « groupe créer ».",
    );
    const { text } = await createDeadline(bot, { groupId, ...base }, "demo-cls");
    expect(text).toBe("Vous ne gérez encore aucun groupe de travail : créez-en un avec « groupe créer ».");
    expect(await bot.text("demo-adviser", "échéance")).toContain(
      "Cette commande est réservée aux coordinateurs du réseau ou coordonnateurs CLS.",
    );
  });
});
