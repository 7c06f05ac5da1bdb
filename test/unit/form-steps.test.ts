import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { action, createTestBot, type Speaker, type TestBot } from "../support/bot.ts";

let bot: TestBot;
let last: Reply[] = [];
beforeAll(async () => {
  bot = await createTestBot();
  const adviser = await bot.db.prisma.member.findFirstOrThrow({ where: { roles: { has: "DIGITAL_ADVISER" } } });
  await bot.db.prisma.platformIdentity.create({
    data: { networkId: bot.networkId, memberId: adviser.id, platform: "telegram", externalId: "501" },
  });
});
afterAll(() => bot.close());

const tg: Speaker = { platform: "telegram", user: "501", scope: "private", forms: "steps" };

/** Sends as the Telegram member and remembers what they were shown. */
async function send(input: string | ReturnType<typeof action>): Promise<Reply[]> {
  last = await bot.send(tg, input);
  return last;
}
/** Presses the button labelled `label` in the last replies. */
function press(label: string): Promise<Reply[]> {
  const choice = last.flatMap((r) => r.choices ?? []).find((c) => c.label === label);
  if (!choice) throw new Error(`no button "${label}" in: ${JSON.stringify(last)}`);
  return send(action(choice.id));
}
const keep = () => press("Garder la valeur actuelle");

describe("forms on a channel without forms, one question at a time", () => {
  it("the profile form is asked field by field, keeping current values on request, and saved at the end", async () => {
    const first = await send(action("profile:edit"));
    expect(first.some((r) => r.form)).toBe(false);
    expect(first.map((r) => r.text)).toEqual([
      "Mon profil — question 1 sur 5\nNom affiché\nValeur actuelle : Julien Carrère",
    ]);
    expect(first[0]!.choices!.map((c) => c.label)).toEqual(["Garder la valeur actuelle", "Annuler"]);
    const organisation = await send("Julien Carrère-Lafon");
    expect(organisation[0]!.text).toContain("question 2 sur 5\nStructure");
    expect(organisation[0]!.choices!.map((c) => c.label)).toContain("APAS 82");
    await keep();
    await keep();
    const quietEnd = await send("21h30");
    expect(quietEnd[0]!.text).toContain("question 5 sur 5");
    const saved = await keep();
    expect(saved[0]!.text).toBe("Votre profil est enregistré.");
    const member = await bot.db.prisma.member.findFirstOrThrow({
      where: { identities: { some: { externalId: "501" } } },
    });
    expect(member).toMatchObject({
      displayName: "Julien Carrère-Lafon",
      quietStartMin: 21 * 60 + 30,
      quietEndMin: 8 * 60,
    });
  });

  it("an answer that is not an option is asked again with a reason; a button's number is accepted", async () => {
    await send("profil modifier");
    await keep();
    const again = await send("la lune");
    expect(again[0]!.text).toMatch(/^Choisissez une réponse avec les boutons/);
    expect((await send("1"))[0]!.text).toContain("question 3 sur 5");
    expect((await send("annuler"))[0]!.text).toBe("Formulaire abandonné : rien n’a été enregistré.");
  });

  it("a button of an earlier question is stale and does not answer the current one", async () => {
    await send("profil modifier");
    const firstQuestion = last;
    await keep();
    last = firstQuestion;
    const stale = await keep();
    expect(stale[0]!.text).toMatch(
      /^Ce bouton n’est plus valable\. Voici où nous en sommes :\nMon profil — question 2 sur 5\nStructure/,
    );
    await press("Annuler");
  });

  it("a form half answered survives a restart", async () => {
    await send("profil modifier");
    await send("Julien R.");
    bot.restart();
    expect((await keep())[0]!.text).toContain("question 3 sur 5");
    await press("Annuler");
    const member = await bot.db.prisma.member.findFirstOrThrow({
      where: { identities: { some: { externalId: "501" } } },
    });
    expect(member.displayName).toBe("Julien Carrère-Lafon");
  });

  it("a wrong value is refused by the same rules as a native form", async () => {
    await send("profil modifier");
    for (let i = 0; i < 3; i++) await keep();
    await send("25:00");
    expect((await keep())[0]!.text).toContain("les heures calmes s’écrivent comme 20:00");
  });
});
