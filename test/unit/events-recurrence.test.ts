import { DateTime } from "luxon";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildRule, occurrences } from "../../src/calendar/rrule.ts";
import { action, createTestBot, form, type TestBot } from "../support/bot.ts";
import { choiceByLabel, formOf } from "./activity-support.ts";

const paris = (at: Date) => DateTime.fromJSDate(at, { zone: "Europe/Paris" }).toFormat("ccc yyyy-MM-dd HH:mm");

describe("the rule of a recurring meeting", () => {
  it("monthly on the 2nd Tuesday at 18:00, October 2026 to April 2027: every date at 18:00 in Paris across both clock changes", () => {
    const first = new Date("2026-10-13T16:00:00Z");
    const built = buildRule("monthlyWeekday", first, { until: { year: 2027, month: 4, day: 30 } });
    expect(built).toEqual({ ok: true, rule: "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20270430T215959Z" });
    const dates = occurrences(built.ok ? built.rule! : "", first);
    expect(dates.map(paris)).toEqual([
      "Tue 2026-10-13 18:00",
      "Tue 2026-11-10 18:00",
      "Tue 2026-12-08 18:00",
      "Tue 2027-01-12 18:00",
      "Tue 2027-02-09 18:00",
      "Tue 2027-03-09 18:00",
      "Tue 2027-04-13 18:00",
    ]);
    // Summer time before 25 October and after 28 March: the instants differ by the offset, the wall clock does not.
    expect(dates[0]!.toISOString()).toBe("2026-10-13T16:00:00.000Z");
    expect(dates[1]!.toISOString()).toBe("2026-11-10T17:00:00.000Z");
    expect(dates[6]!.toISOString()).toBe("2027-04-13T16:00:00.000Z");
  });

  it("the last Friday of the month, and a fifth weekday read as 'the last'", () => {
    const first = new Date("2026-11-27T13:00:00Z"); // Friday 27 November, 14:00
    const last = buildRule("monthlyLastWeekday", first, { count: 4 });
    expect(last).toEqual({ ok: true, rule: "FREQ=MONTHLY;BYDAY=-1FR;COUNT=4" });
    expect(occurrences("FREQ=MONTHLY;BYDAY=-1FR;COUNT=4", first).map(paris)).toEqual([
      "Fri 2026-11-27 14:00",
      "Fri 2026-12-25 14:00",
      "Fri 2027-01-29 14:00",
      "Fri 2027-02-26 14:00",
    ]);
    // The same date as "4th Friday" is another rule: January 2027 has five Fridays.
    expect(occurrences("FREQ=MONTHLY;BYDAY=4FR;COUNT=3", first).map(paris)).toEqual([
      "Fri 2026-11-27 14:00",
      "Fri 2026-12-25 14:00",
      "Fri 2027-01-22 14:00",
    ]);
    // Friday 20 November is not the last one of its month.
    expect(buildRule("monthlyLastWeekday", new Date("2026-11-20T13:00:00Z"), { count: 3 })).toEqual({
      ok: false,
      error: "lastWeekday",
    });
    // Thursday 29 October 2026 is a fifth Thursday: monthly "same rank" becomes the last Thursday.
    expect(buildRule("monthlyWeekday", new Date("2026-10-29T13:00:00Z"), { count: 2 })).toEqual({
      ok: true,
      rule: "FREQ=MONTHLY;BYDAY=-1TH;COUNT=2",
    });
  });

  it("ends after a count (at most 12) or on a day included; weekly and same-date rules", () => {
    const first = new Date("2026-12-15T08:30:00Z"); // Tuesday 15 December, 09:30
    expect(occurrences(buildRuleOk("weekly", first, { count: 3 }), first).map(paris)).toEqual([
      "Tue 2026-12-15 09:30",
      "Tue 2026-12-22 09:30",
      "Tue 2026-12-29 09:30",
    ]);
    expect(
      occurrences(buildRuleOk("monthlyDate", first, { until: { year: 2027, month: 3, day: 15 } }), first).map(paris),
    ).toEqual(["Tue 2026-12-15 09:30", "Fri 2027-01-15 09:30", "Mon 2027-02-15 09:30", "Mon 2027-03-15 09:30"]);
    expect(buildRule("weekly", first, { count: 13 })).toEqual({ ok: false, error: "count" });
    expect(buildRule("weekly", first, { count: 0 })).toEqual({ ok: false, error: "count" });
    expect(buildRule("weekly", first, {})).toEqual({ ok: false, error: "end" });
    expect(buildRule("weekly", first, { count: 3, until: { year: 2027, month: 1, day: 1 } })).toEqual({
      ok: false,
      error: "end",
    });
    expect(buildRule("weekly", first, { until: { year: 2026, month: 12, day: 15 } })).toEqual({
      ok: false,
      error: "untilBefore",
    });
    expect(buildRule("weekly", first, { until: { year: 2027, month: 6, day: 30 } })).toEqual({
      ok: false,
      error: "tooMany",
    });
    expect(buildRule("none", first, {})).toEqual({ ok: true, rule: null });
  });
});

function buildRuleOk(...args: Parameters<typeof buildRule>): string {
  const built = buildRule(...args);
  if (!built.ok || !built.rule) throw new Error(JSON.stringify(built));
  return built.rule;
}

describe("creating and cancelling a recurring meeting", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(() => bot.close());
  beforeEach(async () => {
    await bot.db.prisma.outboundMessage.deleteMany({});
    await bot.db.prisma.event.deleteMany({});
  });

  const commission = (values: Record<string, string | string[]>) =>
    form("evtnew", {
      title: "Commission santé",
      type: "HEALTH_COMMITTEE",
      date: "08/12/2026",
      start: "14h",
      end: "16h",
      place: "Hôtel du Département",
      onlineUrl: "",
      capacity: "20",
      waitlist: "yes",
      closes: "07/12/2026",
      roles: [],
      ficheActionId: "",
      questions: "",
      ...values,
    });

  it("the form offers the repeat; a monthly 2nd Tuesday ×4 creates four dates sharing a series, each open to registration", async () => {
    const f = formOf(await bot.send("demo-coordinator", "événement créer"));
    expect(f.byName.repeat!.options!.map((o) => o.value)).toEqual([
      "none",
      "weekly",
      "monthlyWeekday",
      "monthlyLastWeekday",
      "monthlyDate",
    ]);
    const done = (await bot.send("demo-coordinator", commission({ repeat: "monthlyWeekday", repeatCount: "4" })))
      .map((r) => r.text)
      .join("\n");
    expect(done).toContain("Réunion mensuelle « Commission santé » créée : 4 dates");
    const rows = await bot.db.prisma.event.findMany({
      where: { networkId: bot.networkId },
      orderBy: { startsAt: "asc" },
    });
    expect(rows.map((r) => paris(r.startsAt))).toEqual([
      "Tue 2026-12-08 14:00",
      "Tue 2027-01-12 14:00",
      "Tue 2027-02-09 14:00",
      "Tue 2027-03-09 14:00",
    ]);
    expect(rows.map((r) => paris(r.endsAt).slice(-5))).toEqual(["16:00", "16:00", "16:00", "16:00"]);
    expect(new Set(rows.map((r) => r.seriesId)).size).toBe(1);
    expect(rows[0]!.seriesId).not.toBeNull();
    expect(rows.every((r) => r.recurrence === "FREQ=MONTHLY;BYDAY=2TU;COUNT=4")).toBe(true);
    // Registration closes at the end of the day before each date (closes on 07/12 for the 08/12 date).
    expect(rows.map((r) => paris(r.registrationClosesAt!))).toEqual([
      "Tue 2026-12-08 00:00",
      "Tue 2027-01-12 00:00",
      "Tue 2027-02-09 00:00",
      "Tue 2027-03-09 00:00",
    ]);
    const list = (await bot.send("demo-adviser", "événements")).map((r) => r.text).join("\n");
    expect(list.match(/Commission santé/g)).toHaveLength(4);
    // Registration is per date.
    await bot.send("demo-adviser", action(`evt.register:${rows[1]!.id}`));
    expect(await bot.db.prisma.eventRegistration.count({ where: { eventId: rows[1]!.id, status: "REGISTERED" } })).toBe(
      1,
    );
    expect(await bot.db.prisma.eventRegistration.count({ where: { eventId: rows[0]!.id } })).toBe(0);
    const view = (await bot.send("demo-coordinator", `événement ${rows[1]!.id.slice(0, 8)} inscrits`))
      .map((r) => r.text)
      .join("\n");
    expect(view).toContain("🔁 mensuel");
  });

  it("refuses a repeat without an end, or with too many dates, and sends the form back", async () => {
    const noEnd = await bot.send("demo-coordinator", commission({ repeat: "weekly" }));
    expect(noEnd.map((r) => r.text).join("\n")).toContain("indiquez soit un nombre de dates, soit une date de fin");
    expect(formOf(noEnd).byName.repeat!.value).toBe("weekly");
    const tooMany = await bot.send("demo-coordinator", commission({ repeat: "weekly", repeatUntil: "30/06/2027" }));
    expect(tooMany.map((r) => r.text).join("\n")).toContain("plus de 12 dates");
    expect(await bot.db.prisma.event.count({ where: { networkId: bot.networkId } })).toBe(0);
  });

  it("cancelling one date asks 'this one / this one and the following'; the second cancels the rest and tells registrants", async () => {
    await bot.send("demo-coordinator", commission({ repeat: "monthlyWeekday", repeatCount: "4", closes: "" }));
    const rows = await bot.db.prisma.event.findMany({
      where: { networkId: bot.networkId },
      orderBy: { startsAt: "asc" },
    });
    await bot.send("demo-adviser", action(`evt.register:${rows[2]!.id}`));
    const asked = await bot.send("demo-coordinator", `événement ${rows[1]!.id.slice(0, 8)} annuler`);
    expect(asked.map((r) => r.text).join("\n")).toContain("réunion récurrente");
    expect(choiceByLabel(asked, "Annuler cette date seulement")).toBe(`evt.cancel-event:${rows[1]!.id}`);
    const following = choiceByLabel(asked, "Annuler cette date et les suivantes (3)");
    expect(following).toBe(`evt.cancel-following:${rows[1]!.id}`);
    const done = (await bot.send("demo-coordinator", action(following))).map((r) => r.text).join("\n");
    expect(done).toContain("3 dates annulées");
    expect(done).toContain("prévenues : 1");
    const after = await bot.db.prisma.event.findMany({
      where: { networkId: bot.networkId },
      orderBy: { startsAt: "asc" },
    });
    expect(after.map((r) => r.status)).toEqual(["SCHEDULED", "CANCELLED", "CANCELLED", "CANCELLED"]);
    expect(after.map((r) => r.sequence)).toEqual([0, 1, 1, 1]);
    expect(
      await bot.db.prisma.outboundMessage.count({
        where: { idempotencyKey: { startsWith: `event-cancelled:${rows[2]!.id}:` } },
      }),
    ).toBe(1);
    // The first date alone: cancelling it asks nothing about the following (none left scheduled).
    const last = await bot.send("demo-coordinator", action(`evt.ask-cancel:${rows[0]!.id}`));
    expect(last.flatMap((r) => r.choices ?? []).map((c) => c.id)).toEqual([
      `evt.cancel-event:${rows[0]!.id}`,
      `evt.registrants:${rows[0]!.id}`,
    ]);
  });
});
