import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action, createTestBot, type Speaker, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
  await bot.db.prisma.channelBinding.create({ data: { networkId: bot.networkId, platform: "telegram", scopeId: "-100" } });
  const adviser = await bot.db.prisma.member.findFirstOrThrow({ where: { roles: { has: "DIGITAL_ADVISER" } } });
  await bot.db.prisma.platformIdentity.create({ data: { networkId: bot.networkId, memberId: adviser.id, platform: "telegram", externalId: "501" } });
});
afterAll(() => bot.close());

const tg: Speaker = { platform: "telegram", user: "501", scope: "private", forms: "steps" };

describe("forms on a channel without forms, one question at a time", () => {
  it("the profile form is asked field by field, keeping current values on request, and saved at the end", async () => {
    const first = await bot.send(tg, action("profile:edit"));
    expect(first.some((r) => r.form)).toBe(false);
    expect(first.at(-1)!.text).toBe("Mon profil — question 1 sur 5\nNom affiché\nValeur actuelle : Julien Carrère");
    expect(first.at(-1)!.choices!.map((c) => c.label)).toEqual(["Garder la valeur actuelle", "Annuler"]);
    const organisation = await bot.send(tg, "Julien Carrère-Lafon");
    expect(organisation[0]!.text).toContain("question 2 sur 5\nStructure");
    expect(organisation[0]!.choices!.map((c) => c.label)).toContain("APAS 82");
    await bot.send(tg, action("form:next"));
    await bot.send(tg, action("form:next"));
    const quietEnd = await bot.send(tg, "21h30");
    expect(quietEnd[0]!.text).toContain("question 5 sur 5");
    const saved = await bot.send(tg, action("form:next"));
    expect(saved[0]!.text).toBe("Votre profil est enregistré.");
    const member = await bot.db.prisma.member.findFirstOrThrow({ where: { identities: { some: { externalId: "501" } } } });
    expect(member).toMatchObject({ displayName: "Julien Carrère-Lafon", quietStartMin: 21 * 60 + 30, quietEndMin: 8 * 60 });
  });

  it("an answer that is not an option is asked again with a reason; a button's number is accepted", async () => {
    await bot.send(tg, "profil modifier");
    await bot.send(tg, action("form:next"));
    const again = await bot.send(tg, "la lune");
    expect(again[0]!.text).toMatch(/^Choisissez une réponse avec les boutons/);
    const next = await bot.send(tg, "1");
    expect(next[0]!.text).toContain("question 3 sur 5");
    expect(await bot.text(tg, "annuler")).toBe("Formulaire abandonné : rien n’a été enregistré.");
  });

  it("a form half answered survives a restart", async () => {
    await bot.send(tg, "profil modifier");
    await bot.send(tg, "Julien R.");
    bot.restart();
    expect(await bot.text(tg, action("form:next"))).toContain("question 3 sur 5");
    await bot.send(tg, action("form:cancel"));
    const member = await bot.db.prisma.member.findFirstOrThrow({ where: { identities: { some: { externalId: "501" } } } });
    expect(member.displayName).toBe("Julien Carrère-Lafon");
  });

  it("a wrong value is refused by the same rules as a native form", async () => {
    await bot.send(tg, "profil modifier");
    for (let i = 0; i < 3; i++) await bot.send(tg, action("form:next"));
    await bot.send(tg, "25:00");
    expect(await bot.text(tg, action("form:next"))).toContain("les heures calmes s’écrivent comme 20:00");
  });
});
