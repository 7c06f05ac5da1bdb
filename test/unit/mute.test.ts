import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action, choiceIds, createTestBot, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());

const mutedOf = async (user: string) =>
  (
    await bot.db.prisma.member.findFirstOrThrow({
      where: { identities: { some: { platform: "local", externalId: user } } },
    })
  ).mutedCategories;

describe("muting", () => {
  it("shows the three categories a member may mute, each with its button, and says urgent messages still come", async () => {
    const [reply] = await bot.send("demo-adviser", "sourdine");
    expect(reply!.text).toBe(
      [
        "Les messages non urgents que vous recevez :",
        "• annonces du réseau : reçus",
        "• rappels (groupes de travail, relances des rapports d’activité) : reçus",
        "• appels pour la lettre d’information : reçus",
        "Les messages urgents vous parviennent toujours, même en sourdine et pendant vos heures calmes.",
      ].join("\n"),
    );
    expect(choiceIds([reply!])).toEqual(["mute.toggle:broadcast", "mute.toggle:reminder", "mute.toggle:news"]);
  });

  it("a button mutes a category, the same button brings it back", async () => {
    const [muted] = await bot.send("demo-adviser", action("mute.toggle:broadcast"));
    expect(muted!.text).toContain("C’est noté : « annonces du réseau » en sourdine, sauf message urgent.");
    expect(muted!.text).toContain("• annonces du réseau : en sourdine");
    expect(muted!.choices![0]!.label).toBe("Rétablir : annonces du réseau");
    expect(await mutedOf("demo-adviser")).toEqual(["broadcast"]);
    await bot.send("demo-adviser", action("mute:t:news"));
    expect(await mutedOf("demo-adviser")).toEqual(["broadcast", "news"]);
    expect(await bot.text("demo-adviser", action("mute:t:broadcast"))).toContain(
      "C’est noté : vous recevez de nouveau « annonces du réseau ».",
    );
    expect(await mutedOf("demo-adviser")).toEqual(["news"]);
  });

  it("in English too", async () => {
    expect(await bot.text("demo-intern", "mute")).toContain("• network announcements: received");
    expect(await bot.text("demo-intern", action("mute:t:reminder"))).toContain(
      "Done: “reminders (working groups, activity report nudges)” muted, except urgent messages.",
    );
  });

  it("a category that cannot be muted is refused and nothing changes", async () => {
    expect(await bot.text("demo-partner", action("mute:t:progress"))).toContain("Ce bouton n’est plus valable.");
    expect(await mutedOf("demo-partner")).toEqual([]);
  });

  it("two presses at the same instant toggle twice rather than losing one", async () => {
    await Promise.all([
      bot.send("demo-cls", action("mute:t:broadcast")),
      bot.send("demo-cls", action("mute:t:reminder")),
    ]);
    expect((await mutedOf("demo-cls")).sort()).toEqual(["broadcast", "reminder"]);
  });
});
