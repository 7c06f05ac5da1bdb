import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DeliveryOutcome, DeliveryTarget } from "../../src/core/channel.ts";
import { say } from "../../src/core/reply.ts";
import { claimDueMessages } from "../../src/delivery/claims.ts";
import { enqueueMessages, type NewOutboundMessage } from "../../src/delivery/outbox.ts";
import { createDeliveryWorker } from "../../src/delivery/worker.ts";
import { createTestBot, silentLog, type TestBot } from "../support/bot.ts";

let bot: TestBot;
let clock = new Date("2026-11-23T09:00:00Z");
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());
beforeEach(async () => {
  await bot.db.prisma.outboundMessage.deleteMany();
  clock = new Date("2026-11-23T09:00:00Z");
});

/** A platform that records what it is asked to send, and answers as told. */
function recordingPlatform(
  answer: (target: DeliveryTarget, n: number) => DeliveryOutcome = (_t, n) => ({
    kind: "sent",
    platformMessageId: `m${n}`,
  }),
) {
  const sent: { target: DeliveryTarget; text: string }[] = [];
  return {
    sent,
    adapter: {
      platform: "telegram" as const,
      deliver: async (target: DeliveryTarget, reply: { text: string }) => {
        sent.push({ target, text: reply.text });
        return answer(target, sent.length);
      },
    },
  };
}

const worker = (adapter: ReturnType<typeof recordingPlatform>["adapter"], extra = {}) =>
  createDeliveryWorker({ db: bot.db.prisma, adapter, log: silentLog, now: () => clock, ...extra });

const message = (n: number, over: Partial<NewOutboundMessage> = {}): NewOutboundMessage => ({
  networkId: bot.networkId,
  idempotencyKey: `reminder:${n}`,
  platform: "telegram",
  target: { to: "member", id: String(1000 + n) },
  reply: say(`Rappel ${n} : groupe de travail logement des internes, jeudi 14 h.`),
  category: "reminder",
  notBefore: clock,
  ...over,
});

const statusOf = async (key: string) =>
  bot.db.prisma.outboundMessage.findFirstOrThrow({ where: { idempotencyKey: key } });

describe("the outbox", () => {
  it("a due message is sent once and marked sent with the platform's message id", async () => {
    await enqueueMessages(bot.db.prisma, [message(1)]);
    const platform = recordingPlatform();
    expect(await worker(platform.adapter).runOnce()).toBe(1);
    expect(await worker(platform.adapter).runOnce()).toBe(0);
    expect(platform.sent).toEqual([
      { target: { to: "member", id: "1001" }, text: "Rappel 1 : groupe de travail logement des internes, jeudi 14 h." },
    ]);
    expect(await statusOf("reminder:1")).toMatchObject({
      status: "SENT",
      platformMessageId: "m1",
      attempts: 1,
      sentAt: clock,
    });
  });

  it("a message is not sent before its time", async () => {
    await enqueueMessages(bot.db.prisma, [message(2, { notBefore: new Date(clock.getTime() + 60_000) })]);
    const platform = recordingPlatform();
    expect(await worker(platform.adapter).runOnce()).toBe(0);
    clock = new Date(clock.getTime() + 60_000);
    expect(await worker(platform.adapter).runOnce()).toBe(1);
  });

  it("queuing the same message twice (a cause re-run) sends it once", async () => {
    expect(await enqueueMessages(bot.db.prisma, [message(3)])).toBe(1);
    expect(await enqueueMessages(bot.db.prisma, [message(3), message(4)])).toBe(1);
    const platform = recordingPlatform();
    await worker(platform.adapter).runOnce();
    expect(platform.sent.map((s) => s.target.id).sort()).toEqual(["1003", "1004"]);
  });

  it("two senders draining the same queue together deliver every message exactly once", async () => {
    await enqueueMessages(
      bot.db.prisma,
      Array.from({ length: 400 }, (_, i) => message(100 + i)),
    );
    const platform = recordingPlatform();
    const a = worker(platform.adapter, { batchSize: 25, concurrency: 4 });
    const b = worker(platform.adapter, { batchSize: 25, concurrency: 4 });
    const drain = async (w: typeof a) => {
      while ((await w.runOnce()) > 0);
    };
    await Promise.all([drain(a), drain(b)]);
    const ids = platform.sent.map((s) => s.target.id);
    expect(ids.length).toBe(400);
    expect(new Set(ids).size).toBe(400);
    expect(await bot.db.prisma.outboundMessage.count({ where: { status: "SENT" } })).toBe(400);
  });

  it("a 429 puts the message back until after the platform's retry-after, then it goes", async () => {
    await enqueueMessages(bot.db.prisma, [message(5)]);
    const platform = recordingPlatform((_t, n) =>
      n === 1
        ? { kind: "retry", afterMs: 7_000, reason: "429 Too Many Requests" }
        : { kind: "sent", platformMessageId: "ok" },
    );
    await worker(platform.adapter).runOnce();
    expect(await statusOf("reminder:5")).toMatchObject({
      status: "PENDING",
      lastError: "429 Too Many Requests",
      notBefore: new Date(clock.getTime() + 7_000),
    });
    clock = new Date(clock.getTime() + 6_999);
    expect(await worker(platform.adapter).runOnce()).toBe(0);
    clock = new Date(clock.getTime() + 1);
    await worker(platform.adapter).runOnce();
    expect(await statusOf("reminder:5")).toMatchObject({ status: "SENT", attempts: 2 });
  });

  it("a member who blocked the bot is recorded as a permanent failure and not retried", async () => {
    await enqueueMessages(bot.db.prisma, [message(6)]);
    const platform = recordingPlatform(() => ({
      kind: "failed",
      reason: "403 Forbidden: bot was blocked by the user",
    }));
    await worker(platform.adapter).runOnce();
    clock = new Date(clock.getTime() + 3_600_000);
    await worker(platform.adapter).runOnce();
    expect(platform.sent.length).toBe(1);
    expect(await statusOf("reminder:6")).toMatchObject({
      status: "FAILED",
      lastError: "403 Forbidden: bot was blocked by the user",
    });
  });

  it("an outage that keeps going backs off, then the message is given up and the reason recorded", async () => {
    await enqueueMessages(bot.db.prisma, [message(7)]);
    const platform = recordingPlatform(() => ({ kind: "retry", afterMs: 1_000, reason: "502 Bad Gateway" }));
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const before = clock.getTime();
      await worker(platform.adapter, { maxAttempts: 4, backoffBaseMs: 10_000 }).runOnce();
      const row = await statusOf("reminder:7");
      if (row.status === "PENDING") {
        delays.push(row.notBefore.getTime() - before);
        clock = row.notBefore;
      }
    }
    expect(delays).toEqual([1_000, 1_000, 10_000]);
    expect(await statusOf("reminder:7")).toMatchObject({
      status: "FAILED",
      attempts: 4,
      lastError: "gave up after 4 attempts: 502 Bad Gateway",
    });
  });

  it("a sender that died mid-send: once its lease is over, another sender delivers the message", async () => {
    await enqueueMessages(bot.db.prisma, [message(8)]);
    const [claimed] = await claimDueMessages(bot.db.prisma, "telegram", clock, 10, 60_000);
    expect(claimed?.attempt).toBe(1);
    const platform = recordingPlatform();
    expect(await worker(platform.adapter).runOnce()).toBe(0);
    clock = new Date(clock.getTime() + 60_001);
    expect(await worker(platform.adapter).runOnce()).toBe(1);
    expect(await statusOf("reminder:8")).toMatchObject({ status: "SENT", attempts: 2 });
  });

  it("a stopped sender finishes what it was delivering", async () => {
    await enqueueMessages(bot.db.prisma, [message(9), message(10)]);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const platform = recordingPlatform();
    const slow = {
      ...platform.adapter,
      deliver: async (t: DeliveryTarget, r: { text: string }) => (await gate, platform.adapter.deliver(t, r)),
    };
    const w = createDeliveryWorker({ db: bot.db.prisma, adapter: slow, log: silentLog, now: () => clock, idleMs: 10 });
    w.start();
    await new Promise((r) => setTimeout(r, 100));
    const stopped = w.stop();
    release();
    await stopped;
    expect(await bot.db.prisma.outboundMessage.count({ where: { status: "SENT" } })).toBe(2);
  });
});
