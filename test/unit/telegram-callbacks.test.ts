import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CALLBACK_DATA_MAX_BYTES, createCallbackCodec } from "../../src/channels/telegram/callback-data.ts";
import { createTelegramDriver, type TelegramHarness } from "../fakes/telegram/driver.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";

describe("Telegram buttons", () => {
  const codec = createCallbackCodec("123:token");

  it("a choice id carrying UUIDs fits Telegram's 64 bytes and comes back unchanged", () => {
    const id = "onb:territory:0b6f1c2e-8f3a-4c5d-9e7f-1a2b3c4d5e6f";
    const data = codec.encode(id);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    expect(codec.decode(data)).toBe(id);
  });

  it("a choice id too long even when compacted still works while the bot runs", () => {
    const id = `role-refusal:${"0b6f1c2e-8f3a-4c5d-9e7f-1a2b3c4d5e6f"}:${"1b6f1c2e-8f3a-4c5d-9e7f-1a2b3c4d5e6f"}:confirm`;
    const data = codec.encode(id);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    expect(codec.decode(data)).toBe(id);
  });

  it("data altered by a client, or signed by another bot, is not trusted", () => {
    const data = codec.encode("profile:edit");
    expect(codec.decode(`${data.slice(0, -1)}x`)).toBeUndefined();
    expect(codec.decode(data.replace("profile", "members"))).toBeUndefined();
    expect(createCallbackCodec("456:other").decode(data)).toBeUndefined();
    expect(codec.decode("")).toBeUndefined();
    expect(codec.decode("onb:language:fr")).toBeUndefined();
  });

  describe("pressed in a chat", () => {
    let bot: TestBot;
    let driver: TelegramHarness;
    beforeAll(async () => {
      bot = await createTestBot();
      driver = await createTelegramDriver(bot.dispatch);
      const adviser = await bot.db.prisma.member.findFirstOrThrow({
        where: { identities: { some: { platform: "local", externalId: "demo-adviser" } } },
      });
      await bot.db.prisma.platformIdentity.create({
        data: {
          networkId: bot.networkId,
          memberId: adviser.id,
          platform: "telegram",
          externalId: driver.externalId("adviser"),
        },
      });
    });
    afterAll(async () => {
      await driver?.close();
      await bot?.close();
    });

    async function pressForged(data: string) {
      const [menu] = await driver.send("adviser", "profil");
      expect(menu!.choices).toContain("Modifier mon profil");
      const message = driver.fake.sentMessages(driver.user("adviser").id).at(-1)!;
      return driver.pressWithData("adviser", message, data);
    }

    it("a forged button is answered with a sentence, and the press is acknowledged", async () => {
      const answered = driver.fake.callsOf("answerCallbackQuery").length;
      const answer = await pressForged("AAAAAAAAAAAprofile:edit");
      expect(answer.map((r) => r.text).join("\n")).toContain("Ce bouton n’est plus valable");
      expect(driver.fake.callsOf("answerCallbackQuery")).toHaveLength(answered + 1);
    });

    it("corrupted button data is answered the same way", async () => {
      const answer = await pressForged("\u0000garbage");
      expect(answer.map((r) => r.text).join("\n")).toContain("Ce bouton n’est plus valable");
    });

    it("a genuine button press does what it says", async () => {
      await driver.send("adviser", "profil");
      const form = await driver.press("adviser", "Modifier mon profil");
      expect(form.map((r) => r.text).join("\n")).not.toContain("Ce bouton n’est plus valable");
      expect(driver.fake.callsOf("answerCallbackQuery").length).toBeGreaterThanOrEqual(3);
    });
  });
});
