import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EVENT_COUNTERS } from "../../src/features/events/counters.ts";
import { computeIndicators } from "../../src/features/indicators/compute.ts";
import type { CountScope, IndicatorFilter } from "../../src/features/indicators/counters.ts";
import { yearRange } from "../../src/features/indicators/period.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";
import { memberId } from "./activity-support.ts";
import { insertEvent, territoryId } from "./events-support.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());
beforeEach(async () => {
  await bot.db.prisma.event.deleteMany({});
});

const count = (computation: string, filter: IndicatorFilter, territoryIds?: string[]) => {
  const scope: CountScope = { networkId: bot.networkId, range: yearRange(2026), territoryIds };
  return EVENT_COUNTERS[computation]!(bot.db.prisma, scope, filter);
};
const at = (start: string, end: string) => ({ startsAt: new Date(start), endsAt: new Date(end) });

describe("indicators counted from events", () => {
  it("counts welcome evenings of the year in Paris time, not cancelled ones, and working groups by topic", async () => {
    await insertEvent(bot, { type: "WELCOME_EVENING", ...at("2026-05-12T16:30:00Z", "2026-05-12T19:00:00Z") });
    await insertEvent(bot, { type: "WELCOME_EVENING", ...at("2026-11-26T17:30:00Z", "2026-11-26T20:00:00Z") });
    await insertEvent(bot, {
      type: "WELCOME_EVENING",
      status: "CANCELLED",
      ...at("2026-11-27T17:30:00Z", "2026-11-27T20:00:00Z"),
    });
    // 1 January 2027 at 00:30 in Paris is still 2026 in UTC: it belongs to 2027.
    await insertEvent(bot, { type: "WELCOME_EVENING", ...at("2026-12-31T23:30:00Z", "2027-01-01T01:00:00Z") });
    // 1 January 2026 at 00:30 in Paris is 31 December 2025 in UTC: it belongs to 2026.
    await insertEvent(bot, { type: "SEMINAR", ...at("2025-12-31T23:30:00Z", "2026-01-01T01:00:00Z") });
    await insertEvent(bot, {
      type: "WORKING_GROUP",
      topic: "INTERN_HOUSING",
      ...at("2026-02-10T09:00:00Z", "2026-02-10T11:00:00Z"),
    });
    await insertEvent(bot, {
      type: "WORKING_GROUP",
      topic: "OTHER",
      ...at("2026-03-10T09:00:00Z", "2026-03-10T11:00:00Z"),
    });
    expect(await count("COUNT_EVENTS", { eventType: "WELCOME_EVENING" })).toBe(2);
    expect(await count("COUNT_EVENTS", { eventType: "SEMINAR" })).toBe(1);
    expect(await count("COUNT_EVENTS", { eventType: "WORKING_GROUP", topic: "INTERN_HOUSING" })).toBe(1);
  });

  it("counts participants (registered, not waiting nor cancelled) and attendance (checked in)", async () => {
    const [a, b, c, d] = (await Promise.all(
      ["demo-adviser", "demo-partner", "demo-cls", "demo-health"].map((k) => memberId(bot, k)),
    )) as [string, string, string, string];
    const forum = await insertEvent(bot, {
      type: "HEALTH_FORUM",
      ...at("2026-06-12T08:00:00Z", "2026-06-12T12:00:00Z"),
    });
    const seminar = await insertEvent(bot, { type: "SEMINAR", ...at("2026-06-13T08:00:00Z", "2026-06-13T12:00:00Z") });
    const row = (
      eventId: string,
      memberId: string,
      status: "REGISTERED" | "WAITLISTED" | "CANCELLED",
      checkedInAt: Date | null = null,
    ) => ({ networkId: bot.networkId, eventId, memberId, status, checkedInAt });
    await bot.db.prisma.eventRegistration.createMany({
      data: [
        row(forum.id, a, "REGISTERED", new Date("2026-06-12T08:05:00Z")),
        row(forum.id, b, "REGISTERED"),
        row(forum.id, c, "WAITLISTED"),
        row(forum.id, d, "CANCELLED"),
        row(seminar.id, a, "REGISTERED"),
      ],
    });
    expect(await count("COUNT_PARTICIPANTS", { eventType: "HEALTH_FORUM" })).toBe(2);
    expect(await count("COUNT_ATTENDANCE", { eventType: "HEALTH_FORUM" })).toBe(1);
    expect(await count("COUNT_ATTENDANCE", { eventType: "SEMINAR" })).toBe(0);
  });

  it("in a territory, counts only events whose audience names it or a territory in it", async () => {
    const epci = await territoryId(bot, "CC Terres des Confluences");
    const moissac = await territoryId(bot, "Moissac");
    await insertEvent(bot, {
      type: "HEALTH_FORUM",
      audienceTerritoryIds: [moissac],
      ...at("2026-10-01T16:00:00Z", "2026-10-01T18:00:00Z"),
    });
    await insertEvent(bot, { type: "HEALTH_FORUM", ...at("2026-10-02T16:00:00Z", "2026-10-02T18:00:00Z") });
    expect(await count("COUNT_EVENTS", { eventType: "HEALTH_FORUM" }, [epci, moissac])).toBe(1);
    expect(await count("COUNT_EVENTS", { eventType: "HEALTH_FORUM" })).toBe(2);
  });
});

describe("the plan's indicators fed by events", () => {
  const commissions = () =>
    bot.db.prisma.indicator.findFirstOrThrow({
      where: { networkId: bot.networkId, label: "Commissions santé réunies" },
    });
  const valueIn = async (id: string) =>
    (
      await computeIndicators(bot.db.prisma, {
        networkId: bot.networkId,
        window: { today: { year: 2026, month: 11, day: 23 } },
      })
    ).find((v) => v.id === id)!;

  it("a commission held in the bot counts; one planned for December counts only once held", async () => {
    const indicator = await commissions();
    await insertEvent(bot, { type: "HEALTH_COMMITTEE", ...at("2026-10-06T16:00:00Z", "2026-10-06T18:00:00Z") });
    await insertEvent(bot, { type: "HEALTH_COMMITTEE", ...at("2026-12-08T16:00:00Z", "2026-12-08T18:00:00Z") });
    expect(await valueIn(indicator.id)).toMatchObject({ value: 1, source: "data" });
    const december = await computeIndicators(bot.db.prisma, {
      networkId: bot.networkId,
      window: { today: { year: 2026, month: 12, day: 9 } },
    });
    expect(december.find((v) => v.id === indicator.id)!.value).toBe(2);
  });

  it("a commission held outside the bot and reported in a progress report adds to those held in the bot", async () => {
    const indicator = await commissions();
    await insertEvent(bot, { type: "HEALTH_COMMITTEE", ...at("2026-10-06T16:00:00Z", "2026-10-06T18:00:00Z") });
    const author = await memberId(bot, "demo-cls");
    const report = await bot.db.prisma.progressReport.create({
      data: {
        networkId: bot.networkId,
        memberId: author,
        ficheActionId: indicator.ficheActionId,
        indicatorId: indicator.id,
        value: 1,
        text: "Commission réunie en mairie",
        date: new Date("2026-03-12"),
      },
    });
    try {
      expect(await valueIn(indicator.id)).toMatchObject({ value: 2, source: "both" });
    } finally {
      await bot.db.prisma.progressReport.delete({ where: { id: report.id } });
    }
  });
});
