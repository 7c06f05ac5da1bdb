import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botJobs } from "../../src/bot.ts";
import { rollOverRecurringDeadlines } from "../../src/features/deadlines/feature.ts";
import { action, createTestBot, type TestBot } from "../support/bot.ts";
import { createDeadline, createGroup, queuedFor } from "./deadline-support.ts";

let bot: TestBot;
let first: string;
beforeAll(async () => {
  bot = await createTestBot({ platforms: ["local"] });
});
afterAll(() => bot.close());

const series = () =>
  bot.db.prisma.deadline.findMany({
    where: { title: "Commission mensuelle" },
    orderBy: { dueAt: "asc" },
    select: { id: true, dueAt: true, seriesId: true, cancelledAt: true },
  });
const rollOver = (iso: string) => rollOverRecurringDeadlines(bot.db.prisma, new Date(iso), ["local"]);

describe("a monthly meeting", () => {
  it("is created as the first occurrence of its series, the recurrence described in the confirmation", async () => {
    const groupId = await createGroup(
      bot,
      "Commission de coordination sanitaire territoriale",
      "Nathalie Bousquet, Camille Roques, Thomas Lefèvre",
    );
    const created = await createDeadline(bot, {
      groupId,
      title: "Commission mensuelle",
      kind: "MEETING",
      date: "08/12/2026",
      time: "14:00",
      recurrence: "mensuel",
    });
    expect(created.text).toContain(
      "Elle se répète chaque 2e mardi du mois à 14:00 : l’occurrence suivante est créée le jour de chaque échéance, avec ses rappels.",
    );
    first = created.id!;
    expect(await series()).toEqual([
      { id: first, dueAt: new Date("2026-12-08T13:00:00Z"), seriesId: first, cancelledAt: null },
    ]);
    expect(await rollOver("2026-12-08T12:59:00Z")).toBe(0);
  });

  it("rolls over once to the 2nd Tuesday of next month with its reminders, even when two processes run it at the same time", async () => {
    const runs = await Promise.all([rollOver("2026-12-08T13:00:00Z"), rollOver("2026-12-08T13:00:00Z")]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await rollOver("2026-12-08T13:05:00Z")).toBe(0);
    const [, next] = await series();
    expect(next).toMatchObject({ dueAt: new Date("2027-01-12T13:00:00Z"), seriesId: first, cancelledAt: null });
    // 7 days before; 2 days before is a Sunday, so the Friday; the morning itself. Meetings have no escalation.
    expect(await queuedFor(bot, next!.id)).toEqual([
      "7d demo-cls 2027-01-05T08:00:00.000Z",
      "7d demo-health 2027-01-05T08:00:00.000Z",
      "7d demo-intern 2027-01-05T08:00:00.000Z",
      "2d demo-cls 2027-01-08T08:00:00.000Z",
      "2d demo-health 2027-01-08T08:00:00.000Z",
      "2d demo-intern 2027-01-08T08:00:00.000Z",
      "0d demo-cls 2027-01-12T08:00:00.000Z",
      "0d demo-health 2027-01-12T08:00:00.000Z",
      "0d demo-intern 2027-01-12T08:00:00.000Z",
    ]);
  });

  it("after the bot was stopped for months, the scheduled job creates the next occurrence still ahead, not the missed ones", async () => {
    const job = botJobs(bot.db.prisma, { platforms: ["local"] }).find(
      (j) => j.name === "roll-over-recurring-deadlines",
    )!;
    expect(job.schedule).toBe("*/5 * * * *");
    expect(await job.run(new Date("2027-03-20T10:00:00Z"))).toBe(1);
    expect((await series()).map((d) => d.dueAt.toISOString())).toEqual([
      "2026-12-08T13:00:00.000Z",
      "2027-01-12T13:00:00.000Z",
      "2027-04-13T12:00:00.000Z",
    ]);
  });

  it("cancelling an occurrence ends the series", async () => {
    const april = (await series())[2]!;
    bot.setNow(new Date("2027-03-21T10:00:00Z"));
    expect(await bot.text("demo-coordinator", action(`dl.ask-cancel:${april.id}`))).toBe(
      "Annuler « Commission mensuelle » (mardi 13 avril 2027 à 14:00) ? Les rappels en attente seront retirés et les prochaines occurrences ne seront plus créées.",
    );
    expect(await bot.text("demo-coordinator", action(`dl.cancel:${april.id}`))).toContain("annulée");
    expect(await rollOver("2027-04-13T12:00:00Z")).toBe(0);
    expect(await series()).toHaveLength(3);
  });
});
