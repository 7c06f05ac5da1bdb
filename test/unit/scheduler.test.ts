import { setTimeout as sleep } from "node:timers/promises";
import cron from "node-cron";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botJobs } from "../../src/bot.ts";
import { RETENTION } from "../../src/config/retention.ts";
import { say } from "../../src/core/reply.ts";
import { enqueueMessages } from "../../src/delivery/outbox.ts";
import { pruneExpiredRows } from "../../src/scheduler/maintenance.ts";
import { startScheduler } from "../../src/scheduler/scheduler.ts";
import { createTestBot, silentLog, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());

const now = new Date("2026-11-23T03:17:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("maintenance", () => {
  it("redelivery claims, finished outbox rows, old notices and web-chat files are deleted after their retention; the rest stays", async () => {
    const db = bot.db.prisma;
    await db.processedEvent.createMany({
      data: [
        { platform: "telegram", eventId: "old", receivedAt: ago(RETENTION.handledEventsMs + 1) },
        { platform: "telegram", eventId: "recent", receivedAt: ago(RETENTION.handledEventsMs - 60_000) },
      ],
    });
    const base = {
      networkId: bot.networkId,
      platform: "telegram" as const,
      target: { to: "member" as const, id: "1" },
      reply: say("Rappel"),
      category: "reminder",
      notBefore: now,
    };
    await enqueueMessages(
      db,
      ["old-sent", "old-cancelled", "old-pending", "new-sent"].map((k) => ({ ...base, idempotencyKey: k })),
    );
    const oldDate = ago(RETENTION.finishedMessagesMs + 1);
    await db.outboundMessage.updateMany({
      where: { idempotencyKey: "old-sent" },
      data: { status: "SENT", createdAt: oldDate },
    });
    await db.outboundMessage.updateMany({
      where: { idempotencyKey: "old-cancelled" },
      data: { status: "CANCELLED", createdAt: oldDate },
    });
    await db.localInboxMessage.create({
      data: {
        userId: "demo-adviser",
        payload: say("Ancien rappel") as object,
        updatedAt: ago(RETENTION.localInboxMs + 1),
      },
    });
    await db.localInboxMessage.create({ data: { userId: "demo-adviser", payload: say("Rappel récent") as object } });
    await db.outboundMessage.updateMany({ where: { idempotencyKey: "old-pending" }, data: { createdAt: oldDate } });
    await db.outboundMessage.updateMany({ where: { idempotencyKey: "new-sent" }, data: { status: "SENT" } });
    const file = (name: string, createdAt: Date) => ({
      networkId: bot.networkId,
      name,
      mediaType: "text/csv",
      content: Uint8Array.from([59]),
      createdAt,
    });
    await db.generatedFile.createMany({
      data: [file("week-old.csv", ago(RETENTION.generatedFilesMs + 1)), file("yesterday.csv", ago(24 * 3600_000))],
    });

    expect(await pruneExpiredRows(db, now)).toEqual({
      handledEvents: 1,
      finishedMessages: 2,
      localInbox: 1,
      generatedFiles: 1,
    });
    expect((await db.generatedFile.findMany({ select: { name: true } })).map((f) => f.name)).toEqual(["yesterday.csv"]);
    expect(await db.localInboxMessage.count()).toBe(1);
    expect((await db.processedEvent.findMany({ select: { eventId: true } })).map((e) => e.eventId)).toEqual(["recent"]);
    expect(
      (await db.outboundMessage.findMany({ select: { idempotencyKey: true }, orderBy: { idempotencyKey: "asc" } })).map(
        (m) => m.idempotencyKey,
      ),
    ).toEqual(["new-sent", "old-pending"]);
  });

  it("the bot's jobs have valid schedules", () => {
    for (const job of botJobs(bot.db.prisma, { platforms: ["local"] }))
      expect(cron.validate(job.schedule), job.name).toBe(true);
  });

  it("node-cron runs a job on its schedule, a failing run is logged and the next one still runs", async () => {
    let runs = 0;
    const stop = startScheduler(
      [
        {
          name: "every-second",
          schedule: "* * * * * *",
          run: async () => {
            runs++;
            if (runs === 1) throw new Error("database busy");
          },
        },
      ],
      silentLog,
    );
    for (let i = 0; i < 80 && runs < 2; i++) await sleep(50);
    await stop();
    expect(runs).toBeGreaterThanOrEqual(2);
  });
});
