import { describe, expect, it } from "vitest";
import { describeRecurrence, nextOccurrence, parseRecurrence } from "../../src/calendar/recurrence.ts";

const at = (text: string) => new Date(text);
// Tuesday 9 March 2027, 14:00 Paris (winter time): the second Tuesday of the month.
const secondTuesday = at("2027-03-09T13:00:00Z");

/** The next `count` occurrences after `from`. */
function series(cron: string, from: Date, count: number): string[] {
  const out: string[] = [];
  let after = from;
  for (let i = 0; i < count; i++) {
    const next = nextOccurrence(cron, after);
    if (!next) break;
    out.push(next.toISOString());
    after = next;
  }
  return out;
}

describe("recurrences typed by coordinators", () => {
  it.each(["", "  ", "aucune", "Aucune", "none", "None"])("%j is a one-off meeting", (text) => {
    expect(parseRecurrence(text, secondTuesday)).toEqual({ ok: true, cron: null });
  });

  it.each(["mensuel", "Mensuel", "monthly", "chaque mois", "every month", "tous les mois"])(
    "%j keeps the weekday and week of the month",
    (text) => {
      expect(parseRecurrence(text, secondTuesday)).toEqual({ ok: true, cron: "0 14 * * 2#2" });
    },
  );

  it("a monthly second Tuesday stays at 14:00 Paris across both clock changes", () => {
    expect(series("0 14 * * 2#2", secondTuesday, 9)).toEqual([
      "2027-04-13T12:00:00.000Z",
      "2027-05-11T12:00:00.000Z",
      "2027-06-08T12:00:00.000Z",
      "2027-07-13T12:00:00.000Z",
      "2027-08-10T12:00:00.000Z",
      "2027-09-14T12:00:00.000Z",
      "2027-10-12T12:00:00.000Z",
      "2027-11-09T13:00:00.000Z",
      "2027-12-14T13:00:00.000Z",
    ]);
  });

  it("a meeting on a fifth weekday repeats on the same day of the month instead", () => {
    // Tuesday 30 March 2027 09:30 Paris summer time.
    expect(parseRecurrence("mensuel", at("2027-03-30T07:30:00Z"))).toEqual({ ok: true, cron: "30 9 30 * *" });
  });

  it.each(["3 par an", "3 fois par an", "trois fois par an", "3 a year", "3 times a year", "three times a year"])(
    "%j repeats the same day and time every four months",
    (text) => {
      // Saturday 15 May 2027 10:00 Paris.
      expect(parseRecurrence(text, at("2027-05-15T08:00:00Z"))).toEqual({ ok: true, cron: "0 10 15 1,5,9 *" });
    },
  );

  it("three a year wraps into the next year at the same Paris time", () => {
    expect(series("0 10 15 1,5,9 *", at("2027-05-15T08:00:00Z"), 3)).toEqual([
      "2027-09-15T08:00:00.000Z",
      "2028-01-15T09:00:00.000Z",
      "2028-05-15T08:00:00.000Z",
    ]);
  });

  it("other plain words: weekly, quarterly, yearly", () => {
    expect(parseRecurrence("hebdomadaire", secondTuesday)).toEqual({ ok: true, cron: "0 14 * * 2" });
    expect(parseRecurrence("trimestriel", secondTuesday)).toEqual({ ok: true, cron: "0 14 9 3,6,9,12 *" });
    expect(parseRecurrence("annuel", secondTuesday)).toEqual({ ok: true, cron: "0 14 9 3 *" });
    expect(parseRecurrence("5 par an", secondTuesday)).toEqual({ ok: false, error: "calendar.errors.recurrence" });
  });

  it("a valid 5-field cron expression is kept as typed", () => {
    expect(parseRecurrence("30 9 * * 1-5", secondTuesday)).toEqual({ ok: true, cron: "30 9 * * 1-5" });
    expect(parseRecurrence("0 9 29 2 *", secondTuesday)).toEqual({ ok: true, cron: "0 9 29 2 *" });
    expect(parseRecurrence("0 9 * * THU#1", secondTuesday)).toEqual({ ok: true, cron: "0 9 * * thu#1" });
  });

  it.each(["0 9 31 2 *", "0 9 30 2 *", "0 9 31 4,6,9,11 *"])("%j never happens and is refused", (text) => {
    expect(parseRecurrence(text, secondTuesday)).toEqual({ ok: false, error: "calendar.errors.neverFires" });
  });

  it.each([
    "61 * * * *",
    "0 25 * * *",
    "0 9 * *",
    "0 0 9 * * *",
    "@monthly",
    "H 9 * * *",
    "0 9 * * 8",
    "tous les jours de pluie",
    "0 9 ? * MON#6",
  ])("%j is not a recurrence", (text) => {
    expect(parseRecurrence(text, secondTuesday)).toEqual({ ok: false, error: "calendar.errors.recurrence" });
  });
});

describe("next occurrence", () => {
  it("is strictly after the given instant", () => {
    expect(nextOccurrence("0 14 * * 2#2", secondTuesday)?.toISOString()).toBe("2027-04-13T12:00:00.000Z");
    expect(nextOccurrence("0 14 * * 2#2", at("2027-03-09T12:59:59Z"))?.toISOString()).toBe("2027-03-09T13:00:00.000Z");
  });

  it("is null when nothing happens within two years", () => {
    // After 1 March 2028 the next 29 February is in 2032.
    expect(nextOccurrence("0 9 29 2 *", at("2028-03-01T00:00:00Z"))).toBeNull();
    expect(nextOccurrence("0 9 31 2 *", secondTuesday)).toBeNull();
  });
});

describe("recurrences described to members", () => {
  it.each([
    ["0 14 * * 2#2", "chaque 2e mardi du mois à 14:00", "every 2nd Tuesday of the month at 14:00"],
    ["30 9 * * 1#1", "chaque 1er lundi du mois à 09:30", "every 1st Monday of the month at 09:30"],
    ["0 17 * * 4#3", "chaque 3e jeudi du mois à 17:00", "every 3rd Thursday of the month at 17:00"],
    ["0 14 * * 2", "chaque mardi à 14:00", "every Tuesday at 14:00"],
    ["0 10 15 1,5,9 *", "tous les 4 mois le 15 à 10:00", "every 4 months on the 15th at 10:00"],
    ["0 10 1 * *", "chaque mois le 1er à 10:00", "every month on the 1st at 10:00"],
    ["0 10 22 * *", "chaque mois le 22 à 10:00", "every month on the 22nd at 10:00"],
    ["0 14 9 3 *", "chaque année le 9 mars à 14:00", "every year on 9 March at 14:00"],
    ["30 9 * * 1-5", "30 9 * * 1-5", "30 9 * * 1-5"],
    ["0 10 15 1,2,9 *", "0 10 15 1,2,9 *", "0 10 15 1,2,9 *"],
  ])("%s", (cron, fr, en) => {
    expect(describeRecurrence(cron, "fr")).toBe(fr);
    expect(describeRecurrence(cron, "en")).toBe(en);
  });

  it("describes what parseRecurrence builds", () => {
    const parsed = parseRecurrence("3 par an", at("2027-05-15T08:00:00Z"));
    expect(parsed.ok && parsed.cron && describeRecurrence(parsed.cron, "fr")).toBe("tous les 4 mois le 15 à 10:00");
  });
});
