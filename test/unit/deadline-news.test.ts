import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action, createTestBot, form, type TestBot } from "../support/bot.ts";
import { createDeadline, fakeSender } from "./deadline-support.ts";

let bot: TestBot;
let sender: ReturnType<typeof fakeSender>;
let groupId: string;
let letter: string;
let agenda: string;
beforeAll(async () => {
  bot = await createTestBot({ platforms: ["local"] });
  sender = fakeSender(bot);
});
afterAll(() => bot.close());

const itemsOf = (deadlineId: string) =>
  bot.db.prisma.collectedItem.findMany({
    where: { deadlineId },
    select: { text: true, member: { select: { displayName: true } } },
    orderBy: { createdAt: "asc" },
  });

describe("collecting news for the health newsletter", () => {
  it("a CLS coordinator creates the group, leading it; the network coordinator opens the collection", async () => {
    const text = await bot.text(
      "demo-cls",
      form("grp", {
        name: "Lettre santé",
        description: "Lettre d’information du CLS",
        lead: "Camille Roques",
        members: "nathalie bousquet\nIsabelle FABRE, Julien",
      }),
    );
    expect(text).toBe(
      "Groupe « Lettre santé » créé avec 3 membres : Isabelle Fabre, Julien Carrère et Nathalie Bousquet. Responsable : Camille Roques.",
    );
    groupId = (await bot.db.prisma.workingGroup.findFirstOrThrow({ where: { name: "Lettre santé" } })).id;
    const created = await createDeadline(bot, {
      groupId,
      title: "Lettre santé n°3",
      kind: "NEWS_COLLECTION",
      date: "10/12/2026",
    });
    expect(created.text).toContain("Échéance « Lettre santé n°3 » (collecte de nouvelles) créée");
    letter = created.id!;
  });

  it("the reminder offers to send an item, snooze, or say there is nothing to share", async () => {
    const sent = await sender.at("2026-12-03T08:00:00Z");
    expect(sent.map((s) => s.to).sort()).toEqual(["demo-adviser", "demo-health", "demo-partner"]);
    expect(sent[0]!.text).toBe(
      "Rappel — groupe « Lettre santé » : envoyez vos nouvelles pour « Lettre santé n°3 » avant le jeudi 10 décembre 2026 à 18:00.",
    );
    expect(sent[0]!.choices).toEqual([`dl.item:${letter}`, `dl.snooze:${letter}`, `dl.nothing:${letter}`]);
  });

  it("members send items with the reminder's button or by typing “nouvelle”; each stops their reminders", async () => {
    const [ask] = await bot.send("demo-health", action(`dl.item:${letter}`));
    expect(ask!.form!.id).toBe(`dln:${letter}`);
    expect(
      await bot.text(
        "demo-health",
        form(`dln:${letter}`, { text: "La CPTS recrute une infirmière Asalée.\nContact : secretariat@cpts.example" }),
      ),
    ).toBe(
      "Merci : votre nouvelle est enregistrée pour « Lettre santé n°3 » (collecte close le jeudi 10 décembre 2026 à 18:00). Vous pouvez en envoyer d’autres avec « nouvelle <texte> ».",
    );
    expect(
      await bot.text("demo-partner", "nouvelle Forum santé le 12 juin à Moissac : stands et dépistages."),
    ).toContain("Merci : votre nouvelle est enregistrée");
    expect(await bot.text("demo-adviser", action(`dl.nothing:${letter}`))).toBe(
      "Noté : rien à partager pour « Lettre santé n°3 ». Vous n’aurez plus de rappel.",
    );
    const pending = await bot.db.prisma.outboundMessage.count({ where: { causeId: letter, status: "PENDING" } });
    expect(pending).toBe(0);
  });

  it("an empty or oversized item is refused with a sentence and nothing is saved", async () => {
    expect(await bot.text("demo-partner", "nouvelle")).toBe(
      "Votre nouvelle est vide : écrivez-la après le mot, par exemple « nouvelle Forum santé le 12 juin à Moissac ».",
    );
    expect(await bot.text("demo-partner", `nouvelle ${"x".repeat(2001)}`)).toMatch(
      /^Votre nouvelle fait 2\s001 caractères ; la limite est de 2\s000 : raccourcissez-la\.$/,
    );
    expect(await bot.text("demo-health", form(`dln:${letter}`, { text: "   " }))).toContain("Votre nouvelle est vide");
    expect(await bot.text("demo-intern", "news Welcome evening on 12 May")).toBe(
      "No news collection is open in your groups at the moment.",
    );
    expect(await itemsOf(letter)).toHaveLength(2);
  });

  it("with two collections open, the member chooses which one gets the item, the text kept", async () => {
    agenda = (
      await createDeadline(bot, { groupId, title: "Agenda du forum", kind: "NEWS_COLLECTION", date: "17/12/2026" })
    ).id!;
    const replies = await bot.send("demo-partner", "nouvelle Atelier numérique à la médiathèque de Caussade");
    expect(replies[0]!.text).toBe("Plusieurs collectes sont ouvertes : choisissez celle qui recevra votre nouvelle.");
    const fields = replies[0]!.form!.fields;
    expect(fields.map((f) => [f.name, f.value])).toEqual([
      ["collection", undefined],
      ["text", "Atelier numérique à la médiathèque de Caussade"],
    ]);
    expect(fields[0]!.options!.map((o) => o.label)).toEqual(["Lettre santé n°3", "Agenda du forum"]);
    expect(
      await bot.text(
        "demo-partner",
        form("dln", { collection: agenda, text: "Atelier numérique à la médiathèque de Caussade" }),
      ),
    ).toContain("pour « Agenda du forum »");
    expect((await itemsOf(agenda)).map((i) => i.member.displayName)).toEqual(["Isabelle Fabre"]);
  });

  it("at the due time the author and the group lead each get every item in one message; nobody is chased when all answered", async () => {
    const sent = await sender.at("2026-12-10T17:00:00Z");
    // The second collection's 7-day reminders are due this round too, for those who have not sent anything to it.
    expect(sent.map((s) => s.to).sort()).toEqual(["demo-adviser", "demo-cls", "demo-coordinator", "demo-health"]);
    const digests = sent.filter((s) => s.to === "demo-cls" || s.to === "demo-coordinator");
    expect(digests[1]!.text).toBe(digests[0]!.text);
    expect(digests[0]!.text).toBe(
      [
        "Nouvelles collectées pour « Lettre santé n°3 » (groupe « Lettre santé ») : 2 nouvelles.",
        "— Nathalie Bousquet (CPTS Quercy Garonne) :\nLa CPTS recrute une infirmière Asalée.\nContact : secretariat@cpts.example",
        "— Isabelle Fabre (Réseau des médiathèques de Tarn-et-Garonne) :\nForum santé le 12 juin à Moissac : stands et dépistages.",
      ].join("\n\n"),
    );
    expect(await sender.at("2026-12-10T17:00:00Z")).toEqual([]);
  });

  it("for the second collection, the lead also hears who has sent nothing", async () => {
    const sent = await sender.at("2026-12-17T17:00:00Z");
    const toLead = sent.filter((s) => s.to === "demo-cls").map((s) => s.text);
    expect(toLead).toHaveLength(2);
    expect(toLead).toContain(
      "Échéance passée : « Agenda du forum » (groupe « Lettre santé ») était pour le jeudi 17 décembre 2026 à 18:00.\nSans réponse : Julien Carrère et Nathalie Bousquet.",
    );
    expect(toLead.find((t) => t.startsWith("Nouvelles collectées"))).toContain("1 nouvelle.");
  });
});
