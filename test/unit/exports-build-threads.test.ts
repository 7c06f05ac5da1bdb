import { threadId } from "node:worker_threads";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BuildPool, builds, CONCURRENT_BUILDS } from "../../src/features/builds/pool.ts";
import { writeActivitiesCsv } from "../../src/features/reports/csv.ts";
import { writeCopilWorkbook } from "../../src/features/reports/workbook.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";
import { expectedFigures, readWorkbook, seedReports, sheetRows } from "./reports-support.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
  await seedReports(bot);
});
afterAll(() => bot.close());

const year = { from: { year: 2026, month: 1, day: 1 }, to: { year: 2026, month: 11, day: 22 } };

/** A promise and the hand that settles it: lets a test hold a build open as long as it wants, without timers. */
function gate(): { opened: Promise<void>; open(): void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Lets the other tasks of this thread run until `ready` holds (no timer: one turn of the loop at a time). */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setImmediate(resolve));
}

describe("exports are written away from the thread that answers members", () => {
  it("the COPIL workbook and the activities CSV come from a build thread, with every activity of the year", async () => {
    const query = { networkId: bot.networkId, range: year, locale: "fr" as const };
    const expected = await expectedFigures(bot, "2026-01-01", "2026-11-22");
    const workbook = await writeCopilWorkbook(bot.db.prisma, query);
    const csv = await writeActivitiesCsv(bot.db.prisma, query);
    expect(workbook.threadId).toBeDefined();
    expect(workbook.threadId).not.toBe(threadId);
    expect(csv.threadId).not.toBe(threadId);
    expect(sheetRows(await readWorkbook(workbook.bytes), "Activités")).toHaveLength(expected.count + 1);
    expect(parse(Buffer.from(csv.bytes).toString("utf8"), { delimiter: ";", bom: true })).toHaveLength(
      expected.count + 1,
    );
  });

  it("at most two files are built at once: a third waits until one of them is done", async () => {
    const pool = new BuildPool(2);
    const started = [gate(), gate(), gate()];
    const release = [gate(), gate(), gate()];
    let told: number | undefined;
    const runs = [0, 1, 2].map((i) =>
      pool.build(
        "csv",
        async (channel) => {
          started[i]!.open();
          await release[i]!.opened;
          await channel.send({ op: "text", text: `file ${i}` });
        },
        { onWait: (ahead) => void (told = ahead) },
      ),
    );
    await Promise.all([started[0]!.opened, started[1]!.opened]);
    await until(() => pool.load.waiting === 1);
    expect(pool.load).toEqual({ running: 2, waiting: 1 });
    expect(told).toBe(2);
    release[1]!.open();
    await started[2]!.opened;
    expect(pool.load).toEqual({ running: 2, waiting: 0 });
    release[0]!.open();
    release[2]!.open();
    const files = await Promise.all(runs);
    expect(files.map((f) => Buffer.from(f.bytes).toString("utf8"))).toEqual(["file 0", "file 1", "file 2"]);
    expect(new Set(files.map((f) => f.threadId)).has(threadId)).toBe(false);
    expect(pool.load).toEqual({ running: 0, waiting: 0 });
  });

  it("a coordinator whose export must wait is told how many are ahead, then gets the file", async () => {
    expect(CONCURRENT_BUILDS).toBe(2);
    const hold = gate();
    const busy = [0, 1].map(() =>
      builds.build("csv", async (channel) => channel.send({ op: "text", text: await hold.opened.then(() => "x") })),
    );
    await until(() => builds.load.running === 2);
    const answer = bot.send("demo-coordinator", "export 2025");
    await until(() => builds.load.waiting === 1);
    // The notice is queued before the export starts, so it is there once a thread frees up.
    hold.open();
    const replies = await answer;
    await Promise.all(busy);
    expect(replies.flatMap((r) => r.files ?? []).map((f) => f.name)).toEqual(["copil-tarn-et-garonne-2025.xlsx"]);
    const queued = await bot.db.prisma.outboundMessage.findMany({ where: { category: "export" } });
    expect(queued).toHaveLength(1);
    expect(queued[0]!.payload).toEqual({
      kind: "notice",
      notice: { key: "reports.progress.waiting", params: { ahead: 2 } },
    });
    expect(queued[0]!.targetId).toBe("demo-coordinator");
  });
});
