import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeliveryWorker } from "../../src/delivery/worker.ts";
import { createTelegramDriver, type TelegramHarness } from "../fakes/telegram/driver.ts";
import { createTestBot, onboard, silentLog, type TestBot } from "../support/bot.ts";

let bot: TestBot;
let telegram: TelegramHarness;
beforeAll(async () => {
  bot = await createTestBot({ platforms: ["telegram", "local"] });
  telegram = await createTelegramDriver(bot.dispatch);
  // The demo coordinator talks to the bot on Telegram.
  const coordinator = await bot.db.prisma.member.findFirstOrThrow({ where: { roles: { has: "NETWORK_COORDINATOR" } } });
  telegram.fake.openPrivateChat(telegram.user("sophie"));
  await bot.db.prisma.platformIdentity.create({
    data: {
      networkId: bot.networkId,
      memberId: coordinator.id,
      platform: "telegram",
      externalId: telegram.externalId("sophie"),
    },
  });
});
afterAll(async () => {
  await telegram.close();
  await bot.close();
});

/** Runs Telegram's sender until nothing is pending any more. */
async function drain(): Promise<void> {
  const sender = createDeliveryWorker({ db: bot.db.prisma, adapter: telegram.adapter, log: silentLog });
  const deadline = Date.now() + 20_000;
  while (
    (await bot.db.prisma.outboundMessage.count({
      where: { platform: "telegram", status: { in: ["PENDING", "SENDING"] } },
    })) > 0
  ) {
    if (Date.now() > deadline) throw new Error("messages still pending");
    if ((await sender.runOnce()) === 0) await sleep(25);
  }
}

describe("a role request on Telegram", () => {
  it("the coordinator reads the request in their Telegram chat and approves it with its button", async () => {
    await onboard(bot, "telegram-hopeful", "PARTNER");
    await drain();
    const notices = telegram.fake.sentMessages(telegram.user("sophie").id);
    expect(notices.map((m) => m.text)).toEqual([
      expect.stringContaining("Nouvelle demande de rôle : telegram-hopeful demande le rôle « partenaire »"),
    ]);
    expect(notices[0]!.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(["Valider", "Refuser"]);
    const answer = await telegram.press("sophie", "Valider");
    expect(answer.map((r) => r.text)).toContain("Rôle « partenaire » accordé à telegram-hopeful.");
    const member = await bot.db.prisma.member.findFirstOrThrow({ where: { displayName: "telegram-hopeful" } });
    expect(member.roles).toEqual(["PARTNER"]);
  });
});
