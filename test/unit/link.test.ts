import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBot, onboard, type Speaker, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
  // A Telegram group of the network, bound to it (binding by coordinators comes with the adapters).
  await bot.db.prisma.channelBinding.create({
    data: { networkId: bot.networkId, platform: "telegram", scopeId: "chat-82" },
  });
});
afterAll(() => bot.close());

const telegram = (user: string): Speaker => ({ platform: "telegram", user, scope: "chat-82", name: `tg-${user}` });
const codeIn = (text: string) => /([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(text)![1]!;
const minutes = (n: number) => n * 60_000;

describe("linking a second platform", () => {
  it("a code from the web chat attaches a Telegram account to the same member", async () => {
    const code = codeIn(await bot.text("demo-cls", "lier"));
    expect(await bot.text(telegram("1001"), `lier ${code.toLowerCase()}`)).toBe(
      "C’est fait, Camille Roques : ce compte Telegram est relié à votre profil.",
    );
    expect(await bot.text(telegram("1001"), "profil")).toContain("Comptes reliés : chat local et Telegram");
    // The placeholder member created by the first Telegram message is gone.
    expect(await bot.db.prisma.member.count({ where: { displayName: "tg-1001" } })).toBe(0);
    expect(await bot.db.prisma.auditLog.count({ where: { action: "identity.link", outcome: "allowed" } })).toBe(1);
  });

  it("a code works once", async () => {
    const code = codeIn(await bot.text("demo-health", "lier"));
    await bot.send(telegram("1002"), `lier ${code}`);
    expect(await bot.text(telegram("1003"), `lier ${code}`)).toContain("Ce code a déjà servi");
  });

  it("a code expires after 10 minutes", async () => {
    bot.setNow(new Date("2026-11-23T10:00:00Z"));
    const code = codeIn(await bot.text("demo-partner", "lier"));
    bot.setNow(new Date(Date.parse("2026-11-23T10:00:00Z") + minutes(10) + 1000));
    expect(await bot.text(telegram("1004"), `lier ${code}`)).toBe(
      "Ce code a expiré (il est valable 10 minutes). Tapez « lier » sur votre compte d’origine pour en obtenir un nouveau.",
    );
  });

  it("asking for a new code cancels the previous one", async () => {
    const first = codeIn(await bot.text("demo-partner", "lier"));
    codeIn(await bot.text("demo-partner", "lier"));
    expect(await bot.text(telegram("1005"), `lier ${first}`)).toContain("Ce code n’existe pas");
  });

  it("an account that already has its own profile cannot be attached to another", async () => {
    await onboard(bot, telegram("1006"), "PARTNER");
    const code = codeIn(await bot.text("demo-partner", "lier"));
    expect(await bot.text(telegram("1006"), `lier ${code}`)).toContain("a déjà son propre profil");
  });

  it("someone who has not onboarded cannot issue a code but is told how to use one", async () => {
    expect(await bot.text(telegram("1007"), "lier")).toContain("tapez « lier » suivi du code");
  });

  it("after five wrong codes, guessing is stopped for ten minutes", async () => {
    bot.setNow(new Date("2026-11-24T08:00:00Z"));
    for (let i = 0; i < 5; i++)
      expect(await bot.text(telegram("1008"), "lier AAAA-AAAA")).toContain("Ce code n’existe pas");
    const code = codeIn(await bot.text("demo-coordinator", "lier"));
    expect(await bot.text(telegram("1008"), `lier ${code}`)).toContain("Trop de codes erronés");
    bot.setNow(new Date(Date.parse("2026-11-24T08:00:00Z") + minutes(11)));
    expect(await bot.text(telegram("1008"), `lier ${codeIn(await bot.text("demo-coordinator", "lier"))}`)).toContain(
      "C’est fait",
    );
  });

  it("two accounts redeeming the same code at the same instant: exactly one is attached", async () => {
    bot.setNow(new Date("2026-11-25T08:00:00Z"));
    const code = codeIn(await bot.text("demo-intern", "link"));
    await Promise.all([bot.send(telegram("2001"), "hi"), bot.send(telegram("2002"), "hi")]);
    const answers = await Promise.all([
      bot.text(telegram("2001"), `link ${code}`),
      bot.text(telegram("2002"), `link ${code}`),
    ]);
    expect(answers.filter((a) => a.startsWith("Done,")).length).toBe(1);
    expect(answers.filter((a) => a.includes("déjà servi") || a.includes("already been used")).length).toBe(1);
    const intern = await bot.db.prisma.member.findFirstOrThrow({
      where: { roles: { has: "INTERN" } },
      include: { identities: true },
    });
    expect(intern.identities.map((i) => i.platform).sort()).toEqual(["local", "telegram"]);
  });
});
