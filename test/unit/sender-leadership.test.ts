import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryTarget } from "../../src/core/channel.ts";
import { say } from "../../src/core/reply.ts";
import { openDatabase } from "../../src/db/database.ts";
import { enqueueMessages } from "../../src/delivery/outbox.ts";
import { createDeliveryWorker } from "../../src/delivery/worker.ts";
import { createTestBot, silentLog, type TestBot } from "../support/bot.ts";
import { createTestDatabase, databaseKind, postgresUrl } from "../support/database.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());

describe("one sender per platform among replicas", () => {
  it("replicas on one PostgreSQL: one holds a platform's sender lock, another takes over when it lets go", async () => {
    // PGlite is one process's database (its folder is locked), so that process always sends.
    const replica =
      databaseKind === "postgresql"
        ? await openDatabase({ kind: "postgresql", url: postgresUrl!, schema: bot.db.schema! })
        : bot.db;
    const first = bot.db.leadership(424_242);
    const second = replica.leadership(424_242);
    expect(await first.isLeader()).toBe(true);
    expect(await second.isLeader()).toBe(databaseKind === "pglite");
    await first.release();
    expect(await second.isLeader()).toBe(true);
    expect(await bot.db.leadership(424_243).isLeader()).toBe(true);
    await second.release();
    if (replica !== bot.db) await replica.close();
  });

  it("a deployment in another schema of the same PostgreSQL database holds its own lock", async () => {
    const other = databaseKind === "postgresql" ? await createTestDatabase() : bot.db;
    const here = bot.db.leadership(424_250);
    const there = other.leadership(424_250);
    expect(await here.isLeader()).toBe(true);
    expect(await there.isLeader()).toBe(true);
    await here.release();
    await there.release();
    if (other !== bot.db) await other.destroy();
  });

  it("a sender that does not hold the lock sends nothing, and starts when it gets it", async () => {
    await enqueueMessages(bot.db.prisma, [
      {
        networkId: bot.networkId,
        idempotencyKey: "broadcast:1:m1",
        platform: "slack",
        target: { to: "member", id: "T1:U1" },
        reply: say("Mois du numérique : programme en ligne."),
        category: "broadcast",
        notBefore: new Date(),
      },
    ]);
    const sent: DeliveryTarget[] = [];
    let leader = false;
    const worker = createDeliveryWorker({
      db: bot.db.prisma,
      adapter: {
        platform: "slack",
        deliver: async (target) => (sent.push(target), { kind: "sent", platformMessageId: "C1:1" }),
      },
      log: silentLog,
      idleMs: 10,
      leadership: { isLeader: async () => leader, release: async () => {} },
    });
    worker.start();
    await sleep(150);
    expect(sent).toEqual([]);
    leader = true;
    for (let i = 0; i < 100 && sent.length === 0; i++) await sleep(20);
    await worker.stop();
    expect(sent).toEqual([{ to: "member", id: "T1:U1" }]);
  });

  it("a new sole sender sends at once what a dead sender had claimed, instead of waiting for its lease", async () => {
    const target = { to: "member" as const, id: "T1:U2" };
    await enqueueMessages(bot.db.prisma, [
      {
        networkId: bot.networkId,
        idempotencyKey: "broadcast:2:m2",
        platform: "slack",
        target,
        reply: say("Forum santé : inscriptions ouvertes."),
        category: "broadcast",
        notBefore: new Date(),
      },
    ]);
    // The previous sender claimed it with a five-minute lease, then died before sending.
    await bot.db.prisma.outboundMessage.updateMany({
      where: { idempotencyKey: "broadcast:2:m2" },
      data: { status: "SENDING", attempts: 1, lockedUntil: new Date(Date.now() + 300_000) },
    });
    const sent: DeliveryTarget[] = [];
    const worker = createDeliveryWorker({
      db: bot.db.prisma,
      adapter: { platform: "slack", deliver: async (t) => (sent.push(t), { kind: "sent", platformMessageId: "C1:2" }) },
      log: silentLog,
      idleMs: 10,
      leadership: { isLeader: async () => true, release: async () => {} },
    });
    worker.start();
    for (let i = 0; i < 100 && sent.length === 0; i++) await sleep(20);
    await worker.stop();
    expect(sent).toEqual([target]);
    expect(
      await bot.db.prisma.outboundMessage.findFirst({
        where: { idempotencyKey: "broadcast:2:m2" },
        select: { status: true, attempts: true },
      }),
    ).toEqual({ status: "SENT", attempts: 2 });
  });
});
