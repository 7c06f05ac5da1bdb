import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NEW_MEMBERS_PER_SCOPE } from "../../src/features/budgets/limits.ts";
import { createTestBot, type Speaker, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
  for (const scopeId of ["guild-a", "guild-b"])
    await bot.db.prisma.channelBinding.create({ data: { networkId: bot.networkId, platform: "discord", scopeId } });
});
afterAll(() => bot.close());

const stranger: Speaker = { platform: "telegram", user: "tg-stranger", scope: "private", conversation: "private" };
const later = (minutes: number) => bot.setNow(new Date(bot.now().getTime() + minutes * 60_000));

describe("link codes and newcomers are rate-limited", () => {
  it("a platform account no network knows yet is stopped after 5 wrong link codes, even with the right one, until the window passes", async () => {
    const issued = await bot.text("demo-adviser", "lier");
    const code = /[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(issued)![0];
    for (const wrong of ["AAAA-AAAA", "BBBB-BBBB", "CCCC-CCCC", "DDDD-DDDD", "EEEE-EEEE"]) {
      expect(await bot.text(stranger, `lier ${wrong}`)).not.toContain("Trop de codes erronés");
    }
    expect(await bot.text(stranger, `lier ${code}`)).toContain("Trop de codes erronés");
    expect(
      await bot.db.prisma.platformIdentity.count({ where: { platform: "telegram", externalId: "tg-stranger" } }),
    ).toBe(0);
    later(10);
    const newCode = /[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(await bot.text("demo-adviser", "lier"))![0];
    await bot.text(stranger, `lier ${newCode}`);
    expect(
      await bot.db.prisma.platformIdentity.count({ where: { platform: "telegram", externalId: "tg-stranger" } }),
    ).toBe(1);
  });

  it("newcomers beyond a minute's budget in one guild are asked to come back; another guild is unaffected; a minute later they join", async () => {
    later(1);
    const inGuild = (guild: string, i: number): Speaker => ({
      platform: "discord",
      user: `${guild}-user-${i}`,
      scope: guild,
      conversation: "group",
    });
    for (let i = 0; i < NEW_MEMBERS_PER_SCOPE.max; i++) await bot.send(inGuild("guild-a", i), "bonjour");
    const refused = await bot.text(inGuild("guild-a", 999), "bonjour");
    expect(refused).toBe(
      "Beaucoup de personnes rejoignent le réseau par ce canal en ce moment : réessayez dans une minute.",
    );
    expect(
      await bot.db.prisma.platformIdentity.count({ where: { platform: "discord", externalId: "guild-a-user-999" } }),
    ).toBe(0);
    expect(await bot.text(inGuild("guild-b", 0), "bonjour")).not.toContain("Beaucoup de personnes");
    later(1);
    expect(await bot.text(inGuild("guild-a", 999), "bonjour")).not.toContain("Beaucoup de personnes");
    expect(
      await bot.db.prisma.platformIdentity.count({ where: { platform: "discord", externalId: "guild-a-user-999" } }),
    ).toBe(1);
  });
});
