import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { say } from "../../src/core/reply.ts";
import { enqueueMessages } from "../../src/delivery/outbox.ts";
import { createDeliveryWorker } from "../../src/delivery/worker.ts";
import { createTelegramDriver, type TelegramHarness } from "../fakes/telegram/driver.ts";
import { createTestBot, silentLog, type TestBot } from "../support/bot.ts";

let bot: TestBot;
let telegram: TelegramHarness;
beforeEach(async () => {
  bot = await createTestBot();
  telegram = await createTelegramDriver(bot.dispatch, { deliveryRetryMs: 50 });
});
afterEach(async () => {
  await telegram.close();
  await bot.close();
});

/** `count` members who pressed Start, each with one reminder due now. */
async function remindersFor(count: number) {
  const members = Array.from({ length: count }, (_, i) => ({ id: 7000 + i, is_bot: false, first_name: `Interne${i}` }));
  for (const m of members) telegram.fake.openPrivateChat(m);
  await enqueueMessages(
    bot.db.prisma,
    members.map((m) => ({
      networkId: bot.networkId,
      idempotencyKey: `deadline:logement:7d:${m.id}`,
      platform: "telegram" as const,
      target: { to: "member" as const, id: String(m.id) },
      reply: say("Rappel : le groupe de travail logement des internes se réunit jeudi à 14 h.", [
        { id: "deadline:done:1", label: "C’est fait" },
      ]),
      category: "reminder",
      notBefore: new Date(),
    })),
  );
  return members;
}

/** Runs one sender until nothing is pending any more. */
async function drain(): Promise<void> {
  const sender = createDeliveryWorker({
    db: bot.db.prisma,
    adapter: telegram.adapter,
    log: silentLog,
    concurrency: 32,
  });
  const deadline = Date.now() + 45_000;
  while ((await bot.db.prisma.outboundMessage.count({ where: { status: { in: ["PENDING", "SENDING"] } } })) > 0) {
    if (Date.now() > deadline) throw new Error("messages still pending");
    if ((await sender.runOnce()) === 0) await sleep(25);
  }
}

const sentTo = () => telegram.fake.sentMessages().map((m) => String(m.chat.id));

describe("reminders through the outbox to Telegram", () => {
  it("every member gets their reminder exactly once, paced without a single 429", async () => {
    const members = await remindersFor(120);
    await drain();
    expect(sentTo().sort()).toEqual(members.map((m) => String(m.id)).sort());
    expect(telegram.fake.callsOf("sendMessage").filter((c) => c.status === 429)).toHaveLength(0);
    expect(
      await bot.db.prisma.outboundMessage.count({ where: { status: "SENT", platformMessageId: { not: null } } }),
    ).toBe(120);
  });

  it("with 429s and 5xx from Telegram, everything is delivered once, after the retry-after, without a storm", async () => {
    const members = await remindersFor(60);
    telegram.fake.failNext("sendMessage", { status: 429, retryAfter: 1 }, 3, 10);
    telegram.fake.failNext("sendMessage", { status: 502 }, 4, 5);
    await drain();
    expect(sentTo().sort()).toEqual(members.map((m) => String(m.id)).sort());
    const calls = telegram.fake.callsOf("sendMessage");
    expect(calls.filter((c) => c.status === 429)).toHaveLength(3);
    expect(calls.filter((c) => c.status === 502)).toHaveLength(4);
    // One call per message plus one per injected failure: no retry storm.
    expect(calls.length).toBe(60 + 3 + 4);
    expect(telegram.fake.limits.ignoredRetryAfter).toBe(0);
  });

  it("a member who blocked the bot is reported as failed; the others are delivered", async () => {
    const members = await remindersFor(5);
    telegram.fake.block(members[2]!);
    await drain();
    expect(sentTo().length).toBe(4);
    const failed = await bot.db.prisma.outboundMessage.findMany({
      where: { status: "FAILED" },
      select: { targetId: true, lastError: true },
    });
    expect(failed).toHaveLength(1);
    expect(failed[0]!.targetId).toBe(String(members[2]!.id));
    expect(failed[0]!.lastError).toMatch(/403/);
  });
});
