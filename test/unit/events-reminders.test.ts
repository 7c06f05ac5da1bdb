import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { renderNotice } from "../../src/delivery/compose.ts";
import { readPayload } from "../../src/delivery/payload.ts";
import { loadAudienceMember } from "../../src/features/events/data.ts";
import { cancelRegistration, registerForEvent } from "../../src/features/events/registration.ts";
import { action, createTestBot, type TestBot } from "../support/bot.ts";
import { memberId } from "./activity-support.ts";
import { insertEvent } from "./events-support.ts";

let bot: TestBot;
const ids: Record<string, string> = {};
const START = new Date("2026-11-23T09:00:00Z");
beforeAll(async () => {
  bot = await createTestBot();
  for (const key of ["demo-adviser", "demo-partner", "demo-intern"]) ids[key] = await memberId(bot, key);
});
afterAll(() => bot.close());
beforeEach(async () => {
  bot.setNow(START);
  await bot.db.prisma.outboundMessage.deleteMany({});
  await bot.db.prisma.event.deleteMany({});
});

type Event = Awaited<ReturnType<typeof insertEvent>>;
const register = async (event: Event, who: string) =>
  registerForEvent(bot.db.prisma, {
    event,
    member: await loadAudienceMember(bot.db.prisma, ids[who]!),
    now: bot.now(),
    platforms: ["local"],
  });
const cancel = (event: Event, who: string) =>
  cancelRegistration(bot.db.prisma, { event, memberId: ids[who]!, now: bot.now(), platforms: ["local"] });
const reminders = async (who?: string) =>
  bot.db.prisma.outboundMessage.findMany({
    where: { idempotencyKey: { startsWith: "event-reminder:" }, ...(who ? { memberId: ids[who]! } : {}) },
    orderBy: { notBefore: "asc" },
  });
const slots = (rows: { idempotencyKey: string }[]) => rows.map((r) => r.idempotencyKey.split(":")[2]);

describe("reminders to event registrants", () => {
  it("a member registering 10 days ahead is reminded a week, a day and 2 hours before, at the event's Paris time across the clock change", async () => {
    bot.setNow(new Date("2026-10-16T09:00:00Z"));
    // 26 October 2026, 18:00 Paris (winter time); a week earlier, 18:00 Paris is still summer time.
    const event = await insertEvent(bot, {
      startsAt: new Date("2026-10-26T17:00:00Z"),
      endsAt: new Date("2026-10-26T19:00:00Z"),
    });
    const { registrationId } = await register(event, "demo-adviser");
    const rows = await reminders();
    expect(rows.map((r) => r.notBefore.toISOString())).toEqual([
      "2026-10-19T16:00:00.000Z",
      "2026-10-25T17:00:00.000Z",
      "2026-10-26T15:00:00.000Z",
    ]);
    expect(rows.map((r) => r.idempotencyKey)).toEqual(
      ["7d", "1d", "2h"].map((s) => `event-reminder:${registrationId}:${s}:0`),
    );
    for (const r of rows)
      expect(r).toMatchObject({
        memberId: ids["demo-adviser"],
        causeId: event.id,
        category: "event",
        status: "PENDING",
        targetId: "demo-adviser",
      });
    expect(readPayload(rows[0]!.payload)).toMatchObject({
      kind: "notice",
      notice: { key: "events.reminders.week", choices: [{ id: `evt.unregister:${event.id}` }] },
    });
  });

  it("a member registering the day before an 08:30 event only gets the 2-hour reminder, at 06:30 despite quiet hours", async () => {
    const event = await insertEvent(bot, {
      startsAt: new Date("2026-11-24T07:30:00Z"),
      endsAt: new Date("2026-11-24T10:00:00Z"),
    });
    await register(event, "demo-adviser");
    const rows = await reminders();
    expect(slots(rows)).toEqual(["2h"]);
    expect(rows[0]!.notBefore.toISOString()).toBe("2026-11-24T05:30:00.000Z");
  });

  it("a member registered for an online event is told when it starts, with the link", async () => {
    const event = await insertEvent(bot, { place: null, onlineUrl: "https://visio.example.org/seminaire" });
    await register(event, "demo-adviser");
    const rows = await reminders();
    expect(slots(rows)).toEqual(["7d", "1d", "2h", "start"]);
    expect(rows[3]!.notBefore.toISOString()).toBe(event.startsAt.toISOString());
    const payload = readPayload(rows[3]!.payload);
    if (payload.kind !== "notice") throw new Error("expected a notice");
    expect(renderNotice(payload.notice, "fr").text).toContain("https://visio.example.org/seminaire");
    expect(renderNotice(payload.notice, "en").text).toContain("is starting now");
  });

  it("a member who cancels is no longer reminded", async () => {
    const event = await insertEvent(bot);
    await register(event, "demo-adviser");
    await register(event, "demo-partner");
    await cancel(event, "demo-adviser");
    expect((await reminders("demo-adviser")).map((r) => r.status)).toEqual(["CANCELLED", "CANCELLED", "CANCELLED"]);
    expect((await reminders("demo-partner")).map((r) => r.status)).toEqual(["PENDING", "PENDING", "PENDING"]);
  });

  it("a member who registers again after cancelling is reminded again", async () => {
    const event = await insertEvent(bot);
    await register(event, "demo-adviser");
    await cancel(event, "demo-adviser");
    await register(event, "demo-adviser");
    expect((await reminders("demo-adviser")).map((r) => r.status)).toEqual(["PENDING", "PENDING", "PENDING"]);
  });

  it("when the organiser cancels the event, nobody is reminded and everyone is told", async () => {
    const event = await insertEvent(bot);
    await register(event, "demo-adviser");
    await register(event, "demo-partner");
    await bot.send("demo-coordinator", action(`evt.cancel-event:${event.id}`));
    expect((await reminders()).every((r) => r.status === "CANCELLED")).toBe(true);
    const told = await bot.db.prisma.outboundMessage.findMany({
      where: { idempotencyKey: { startsWith: "event-cancelled:" } },
    });
    expect(told.map((m) => m.status)).toEqual(["PENDING", "PENDING"]);
  });

  it("a member promoted from the waiting list gets the reminders, and nobody on the waiting list does", async () => {
    const event = await insertEvent(bot, { capacity: 1 });
    await register(event, "demo-adviser");
    await register(event, "demo-partner");
    expect(await reminders("demo-partner")).toHaveLength(0);
    await cancel(event, "demo-adviser");
    expect(slots(await reminders("demo-partner"))).toEqual(["7d", "1d", "2h"]);
  });

  it("the reminder reads in French and in English with the date in Paris time and a button to cancel", async () => {
    const event = await insertEvent(bot);
    await register(event, "demo-adviser");
    const payload = readPayload((await reminders())[1]!.payload);
    if (payload.kind !== "notice") throw new Error("expected a notice");
    const fr = renderNotice(payload.notice, "fr");
    const en = renderNotice(payload.notice, "en");
    expect(fr.text).toBe(
      "Rappel : « Séminaire des conseillers numériques », c’est demain, le jeudi 10 décembre 2026 à 14:00 (Hôtel du Département, Montauban). Si vous ne pouvez plus venir, annulez pour laisser votre place à quelqu’un d’autre.",
    );
    expect(en.text).toContain("is tomorrow, on Thursday, 10 December 2026 at 14:00 (Hôtel du Département, Montauban)");
    expect(fr.choices).toEqual([{ id: `evt.unregister:${event.id}`, label: expect.any(String), style: "danger" }]);
  });
});
