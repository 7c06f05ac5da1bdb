import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action, choiceIds, createTestBot, form, type TestBot } from "../support/bot.ts";
import { createDeadline, createGroup, fakeSender, queuedFor } from "./deadline-support.ts";

let bot: TestBot;
let sender: ReturnType<typeof fakeSender>;
let groupId: string;
let roadmap: string;
beforeAll(async () => {
  bot = await createTestBot({ platforms: ["local"] });
  sender = fakeSender(bot);
  groupId = await createGroup(bot, "Logement des internes", "Julien Carrère, Thomas Lefèvre, Isabelle Fabre");
});
afterAll(() => bot.close());

describe("a task with reminders, answers and escalation", () => {
  it("creating a deadline queues each member's reminders at 09:00 Paris and the lead's follow-up at the due time", async () => {
    const created = await createDeadline(bot, { groupId, title: "Feuille de route", date: "04/12/2026" });
    expect(created.text).toBe(
      "Échéance « Feuille de route » (tâche) créée pour le groupe « Logement des internes » : vendredi 4 décembre 2026 à 18:00.\n" +
        "9 rappels programmés ; le premier part le vendredi 27 novembre 2026 à 09:00.",
    );
    roadmap = created.id!;
    expect(await queuedFor(bot, roadmap)).toEqual([
      "7d demo-adviser 2026-11-27T08:00:00.000Z",
      "7d demo-intern 2026-11-27T08:00:00.000Z",
      "7d demo-partner 2026-11-27T08:00:00.000Z",
      "2d demo-adviser 2026-12-02T08:00:00.000Z",
      "2d demo-intern 2026-12-02T08:00:00.000Z",
      "2d demo-partner 2026-12-02T08:00:00.000Z",
      "0d demo-adviser 2026-12-04T08:00:00.000Z",
      "0d demo-intern 2026-12-04T08:00:00.000Z",
      "0d demo-partner 2026-12-04T08:00:00.000Z",
      "overdue demo-coordinator 2026-12-04T17:00:00.000Z",
    ]);
  });

  it("each member gets the 7-day reminder once, in the language they have when it is sent, with its buttons", async () => {
    await bot.send("demo-adviser", "langue en");
    expect(await sender.at("2026-11-27T07:59:00Z")).toEqual([]);
    const sent = await sender.at("2026-11-27T08:00:00Z");
    expect(await sender.at("2026-11-27T08:00:00Z")).toEqual([]);
    expect(sent.map((s) => s.to).sort()).toEqual(["demo-adviser", "demo-intern", "demo-partner"]);
    const byMember = Object.fromEntries(sent.map((s) => [s.to, s]));
    expect(byMember["demo-adviser"]!.text).toBe(
      "Reminder — group “Logement des internes”: “Feuille de route” is due by Friday, 4 December 2026 at 18:00.",
    );
    expect(byMember["demo-partner"]!.text).toBe(
      "Rappel — groupe « Logement des internes » : « Feuille de route » est à faire pour le vendredi 4 décembre 2026 à 18:00.",
    );
    expect(byMember["demo-partner"]!.choices).toEqual([
      `dl.done:${roadmap}`,
      `dl.snooze:${roadmap}`,
      `dl.cant:${roadmap}`,
    ]);
    await bot.send("demo-adviser", "language fr");
  });

  it("snooze brings one more reminder 24 hours later and cancels nothing else", async () => {
    bot.setNow(new Date("2026-11-27T08:05:00Z"));
    expect(await bot.text("demo-partner", action(`dl.snooze:${roadmap}`))).toBe(
      "D’accord, je vous le rappelle le samedi 28 novembre 2026 à 09:05.",
    );
    expect(await sender.at("2026-11-28T08:04:00Z")).toEqual([]);
    const sent = await sender.at("2026-11-28T08:05:00Z");
    expect(sent.map((s) => [s.to, s.text.startsWith("Rappel")])).toEqual([["demo-partner", true]]);
    expect(await queuedFor(bot, roadmap)).toContain("2d demo-partner 2026-12-02T08:00:00.000Z");
  });

  it("a member who answers done gets no more reminders; the others still do", async () => {
    expect(await bot.text("demo-adviser", action(`dl.done:${roadmap}`))).toBe(
      "Noté : « Feuille de route » est fait. Vous n’aurez plus de rappel pour cette échéance.",
    );
    expect((await queuedFor(bot, roadmap)).filter((q) => q.includes("demo-adviser"))).toEqual([]);
    expect(await bot.text("demo-adviser", action(`dl.snooze:${roadmap}`))).toBe(
      "Vous avez déjà répondu pour « Feuille de route » : vous n’aurez plus de rappel. Tapez « échéances » pour revoir votre réponse.",
    );
    const sent = await sender.at("2026-12-02T08:00:00Z");
    expect(sent.map((s) => s.to).sort()).toEqual(["demo-intern", "demo-partner"]);
  });

  it("“can't” asks for a reason, and the lead's status view shows it beside who is done and who has not answered", async () => {
    const [ask] = await bot.send("demo-intern", action(`dl.cant:${roadmap}`));
    expect(ask!.text).toBe("Say in one sentence why you can't for “Feuille de route”: the group lead will see it.");
    expect(ask!.form!.id).toBe(`dlc:${roadmap}`);
    expect(await bot.text("demo-intern", form(`dlc:${roadmap}`, { reason: "  " }))).toContain(
      "Give a reason of 500 characters at most.",
    );
    expect(
      await bot.text("demo-intern", form(`dlc:${roadmap}`, { reason: "On placement in Toulouse that week" })),
    ).toBe("Noted: you can't for “Feuille de route” (On placement in Toulouse that week). The group lead will see it.");
    const [status] = await bot.send("demo-coordinator", action(`dl.status:${roadmap}`));
    expect(status!.text).toBe(
      [
        "« Feuille de route » — groupe « Logement des internes », vendredi 4 décembre 2026 à 18:00",
        "Fait (1) : Julien Carrère",
        "Empêchés (1) :",
        "• Thomas Lefèvre : On placement in Toulouse that week",
        "Sans réponse (1) : Isabelle Fabre",
      ].join("\n"),
    );
    expect(choiceIds([status!])).toEqual([`dl.ask-cancel:${roadmap}`]);
    expect(await bot.text("demo-adviser", action(`dl.status:${roadmap}`))).toContain(
      "Seuls le responsable du groupe « Logement des internes »",
    );
  });

  it("at the due time the lead hears once who has not answered and who can't, with the reasons", async () => {
    expect((await sender.at("2026-12-04T08:00:00Z")).map((s) => s.to)).toEqual(["demo-partner"]);
    const sent = await sender.at("2026-12-04T17:00:00Z");
    expect(sent).toEqual([
      {
        to: "demo-coordinator",
        text: [
          "Échéance passée : « Feuille de route » (groupe « Logement des internes ») était pour le vendredi 4 décembre 2026 à 18:00.",
          "Sans réponse : Isabelle Fabre.",
          "Empêchés :",
          "• Thomas Lefèvre : On placement in Toulouse that week",
        ].join("\n"),
        choices: [`dl.status:${roadmap}`],
      },
    ]);
    expect(await sender.at("2026-12-04T17:30:00Z")).toEqual([]);
  });

  it("a button pressed after the due time says answers are closed", async () => {
    expect(await bot.text("demo-partner", action(`dl.done:${roadmap}`))).toBe(
      "L’échéance « Feuille de route » était pour le vendredi 4 décembre 2026 à 18:00 : les réponses sont closes. Si besoin, prévenez directement le responsable du groupe.",
    );
    expect(await bot.db.prisma.deadlineResponse.count({ where: { deadlineId: roadmap } })).toBe(2);
  });

  it("no escalation reaches the lead when everyone has answered", async () => {
    const { id } = await createDeadline(bot, { groupId, title: "Compte rendu", date: "11/12/2026" });
    for (const who of ["demo-adviser", "demo-intern", "demo-partner"]) await bot.send(who, action(`dl.done:${id}`));
    expect(await queuedFor(bot, id!)).toEqual(["overdue demo-coordinator 2026-12-11T17:00:00.000Z"]);
    expect(await sender.at("2026-12-11T17:00:00Z")).toEqual([]);
    const overdue = await bot.db.prisma.outboundMessage.findFirstOrThrow({
      where: { idempotencyKey: `dl:${id}:overdue` },
    });
    expect(overdue).toMatchObject({ status: "CANCELLED", lastError: "nothing left to say" });
  });
});

describe("a meeting, the member's list and cancellation", () => {
  let meeting: string;

  it("a meeting's reminders offer “I'll be there”, snooze and “I can't make it”", async () => {
    const created = await createDeadline(bot, {
      groupId,
      title: "Commission de coordination",
      kind: "MEETING",
      date: "15/12/2026",
      time: "14h30",
    });
    meeting = created.id!;
    expect(created.text).toContain("3 rappels programmés ; le premier part le mardi 15 décembre 2026 à 09:00.");
    const row = await bot.db.prisma.outboundMessage.findFirstOrThrow({
      where: { idempotencyKey: `dl:${meeting}:0d:${await memberId("demo-intern")}` },
    });
    expect(row.payload).toMatchObject({
      kind: "notice",
      notice: {
        key: "deadlines.reminder.MEETING",
        choices: [{ id: `dl.attend:${meeting}` }, { id: `dl.snooze:${meeting}` }, { id: `dl.cant:${meeting}` }],
      },
    });
    expect((await queuedFor(bot, meeting)).some((q) => q.startsWith("overdue"))).toBe(false);
  });

  it("a member lists their deadlines with their answer and buttons; the coordinator also sees who answered", async () => {
    const replies = await bot.send("demo-intern", "deadlines");
    expect(replies.map((r) => r.text)).toEqual([
      "1 deadline in the next 90 days:",
      "Commission de coordination (meeting) — group “Logement des internes”, Tuesday, 15 December 2026 at 14:30.\nYou have not answered yet.",
    ]);
    expect(choiceIds(replies)).toEqual([`dl.attend:${meeting}`, `dl.cant:${meeting}`]);
    expect(await bot.text("demo-intern", action(`dl.attend:${meeting}`))).toBe(
      "Noted: you will attend “Commission de coordination” on Tuesday, 15 December 2026 at 14:30. No more reminders.",
    );
    const coordinator = await bot.send("demo-coordinator", "échéances");
    expect(coordinator[1]!.text).toContain("Vous suivez ce groupe sans en être membre.");
    expect(choiceIds(coordinator)).toEqual([`dl.status:${meeting}`]);
    expect(await bot.text("demo-health", "échéances")).toBe(
      "Aucune échéance dans les 90 prochains jours pour vos groupes.",
    );
  });

  it("snoozing less than a day before the meeting is refused with a sentence", async () => {
    bot.setNow(new Date("2026-12-14T14:00:00Z"));
    expect(await bot.text("demo-partner", action(`dl.snooze:${meeting}`))).toBe(
      "« Commission de coordination » est pour le mardi 15 décembre 2026 à 14:30 : c’est trop proche pour reporter le rappel d’un jour. Répondez dès maintenant.",
    );
  });

  it("the coordinator cancels after confirming: pending reminders are withdrawn and buttons say it is cancelled", async () => {
    const [confirm] = await bot.send("demo-coordinator", action(`dl.ask-cancel:${meeting}`));
    expect(confirm!.text).toBe(
      "Annuler « Commission de coordination » (mardi 15 décembre 2026 à 14:30) ? Les rappels encore en attente seront retirés.",
    );
    expect(choiceIds([confirm!])).toEqual([`dl.cancel:${meeting}`]);
    expect(await bot.text("demo-coordinator", action(`dl.cancel:${meeting}`))).toBe(
      "Échéance « Commission de coordination » annulée ; rappels en attente retirés : 2.",
    );
    expect(await bot.text("demo-coordinator", action(`dl.cancel:${meeting}`))).toBe(
      "L’échéance « Commission de coordination » est déjà annulée.",
    );
    expect(await queuedFor(bot, meeting)).toEqual([]);
    expect(await bot.text("demo-partner", action(`dl.attend:${meeting}`))).toBe(
      "L’échéance « Commission de coordination » a été annulée : il n’y a plus rien à faire.",
    );
    expect(await sender.at("2026-12-15T08:00:00Z")).toEqual([]);
  });

  it("a member outside the group cannot answer its deadline", async () => {
    const { id } = await createDeadline(bot, { groupId, title: "Bilan annuel", date: "18/12/2026" });
    expect(await bot.text("demo-health", action(`dl.done:${id}`))).toBe(
      "Vous ne faites pas partie du groupe « Logement des internes » : cette échéance ne vous concerne pas.",
    );
    // A malformed id is no deadline at all: the dispatcher answers it as a stale button.
    expect(await bot.text("demo-health", action("dl.done:not-a-deadline"))).toBe(
      "Ce bouton n’est plus valable. Voici où nous en sommes :",
    );
  });
});

async function memberId(key: string): Promise<string> {
  const identity = await bot.db.prisma.platformIdentity.findFirstOrThrow({
    where: { platform: "local", externalId: key },
  });
  return identity.memberId;
}
