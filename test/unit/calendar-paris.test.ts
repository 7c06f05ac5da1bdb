import { describe, expect, it } from "vitest";
import { addDays, parisDay, parisInstant, parseInstant } from "../../src/calendar/paris.ts";

const iso = (d: Date) => d.toISOString();

describe("Paris wall clock", () => {
  it("09:00 in Paris is 08:00Z in winter and 07:00Z in summer", () => {
    expect(iso(parisInstant({ year: 2027, month: 1, day: 15 }, 9 * 60))).toBe("2027-01-15T08:00:00.000Z");
    expect(iso(parisInstant({ year: 2027, month: 7, day: 15 }, 9 * 60))).toBe("2027-07-15T07:00:00.000Z");
  });

  it("a minute skipped by the March change moves forward: 02:30 on 28 March 2027 is 03:30 summer time", () => {
    expect(iso(parisInstant({ year: 2027, month: 3, day: 28 }, 2 * 60 + 30))).toBe("2027-03-28T01:30:00.000Z");
    expect(iso(parisInstant({ year: 2027, month: 3, day: 28 }, 3 * 60))).toBe("2027-03-28T01:00:00.000Z");
  });

  it("a minute repeated by the October change is its first occurrence, in summer time", () => {
    expect(iso(parisInstant({ year: 2026, month: 10, day: 25 }, 2 * 60 + 30))).toBe("2026-10-25T00:30:00.000Z");
    expect(iso(parisInstant({ year: 2026, month: 10, day: 25 }, 3 * 60 + 30))).toBe("2026-10-25T02:30:00.000Z");
  });

  it("the Paris day of an instant is not its UTC day near midnight", () => {
    expect(parisDay(new Date("2027-06-30T22:30:00Z"))).toEqual({ year: 2027, month: 7, day: 1 });
    expect(parisDay(new Date("2027-12-31T23:30:00Z"))).toEqual({ year: 2028, month: 1, day: 1 });
  });

  it("adding days crosses months, years and leap days", () => {
    expect(addDays({ year: 2027, month: 12, day: 30 }, 3)).toEqual({ year: 2028, month: 1, day: 2 });
    expect(addDays({ year: 2028, month: 3, day: 1 }, -1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addDays({ year: 2027, month: 3, day: 1 }, -1)).toEqual({ year: 2027, month: 2, day: 28 });
  });

  it("refuses a minute outside the day", () => {
    expect(() => parisInstant({ year: 2027, month: 1, day: 1 }, 1440)).toThrow(RangeError);
  });
});

describe("dates and times typed by members", () => {
  // Thursday 20 May 2027, 16:00 in Paris.
  const now = new Date("2027-05-20T14:00:00Z");
  const at = (date: string, time?: string, defaultMinute?: number) => {
    const parsed = parseInstant(date, time, now, defaultMinute);
    return parsed.ok ? iso(parsed.at) : parsed.error;
  };

  it.each([
    ["24/01/2027", "14:00", "2027-01-24T13:00:00.000Z"],
    ["24/1/27", "14h", "2027-01-24T13:00:00.000Z"],
    ["2027-01-24", "14h30", "2027-01-24T13:30:00.000Z"],
    ["24/07/2027", "9h", "2027-07-24T07:00:00.000Z"],
    ["24/07/2027", "9:05", "2027-07-24T07:05:00.000Z"],
    ["24/07/2027", " 14 H 30 ", "2027-07-24T12:30:00.000Z"],
    ["24/07/2027", "", "2027-07-24T07:00:00.000Z"],
    ["24/07/2027", undefined, "2027-07-24T07:00:00.000Z"],
    ["demain", "10:00", "2027-05-21T08:00:00.000Z"],
    ["Tomorrow", "10:00", "2027-05-21T08:00:00.000Z"],
    ["aujourd'hui", "18h", "2027-05-20T16:00:00.000Z"],
    ["aujourd’hui", "18h", "2027-05-20T16:00:00.000Z"],
    ["today", "00:00", "2027-05-19T22:00:00.000Z"],
    ["après-demain", "23:59", "2027-05-22T21:59:00.000Z"],
    ["29/02/2028", "12:00", "2028-02-29T11:00:00.000Z"],
    ["demain 14h", undefined, "2027-05-21T12:00:00.000Z"],
    ["24/01 à 9h30", "", "2028-01-24T08:30:00.000Z"],
  ])("%s %s → %s", (date, time, expected) => {
    expect(at(date, time)).toBe(expected);
  });

  it("a day and month without a year is the next such date, today included", () => {
    expect(at("20/05", "08:00")).toBe("2027-05-20T06:00:00.000Z");
    expect(at("19/05", "08:00")).toBe("2028-05-19T06:00:00.000Z");
    expect(at("01/06")).toBe("2027-06-01T07:00:00.000Z");
    expect(at("29/02")).toBe("2028-02-29T08:00:00.000Z");
  });

  it("past dates are read too: judging them is the caller's job", () => {
    expect(at("01/01/2020", "10:00")).toBe("2020-01-01T09:00:00.000Z");
  });

  it("the default time is the caller's", () => {
    expect(at("demain", undefined, 17 * 60)).toBe("2027-05-21T15:00:00.000Z");
  });

  it.each([
    "31/02/2027",
    "29/02/2027",
    "32/01/2027",
    "00/01/2027",
    "24/13/2027",
    "2027-02-30",
    "hier",
    "",
    "24/01/2027/1",
    "lundi",
  ])("refuses the date %j", (date) => {
    expect(at(date, "10:00")).toBe("calendar.errors.date");
  });

  it.each(["25:00", "24h", "14:60", "14h5", "9:5", "midi", "14:00:00", "-1h"])("refuses the time %j", (time) => {
    expect(at("24/01/2027", time)).toBe("calendar.errors.time");
  });
});
