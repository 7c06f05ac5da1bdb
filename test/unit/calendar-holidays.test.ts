import { describe, expect, it } from "vitest";
import { isPublicHoliday, isWorkingDay, workingDayOnOrBefore } from "../../src/calendar/holidays.ts";
import { addDays, type CalendarDay } from "../../src/calendar/paris.ts";

const day = (text: string): CalendarDay => {
  const [year, month, d] = text.split("-").map(Number) as [number, number, number];
  return { year, month, day: d };
};

/** Every public holiday of a year, by walking its days. */
function holidaysOf(year: number): string[] {
  const out: string[] = [];
  for (let d = day(`${year}-1-1`); d.year === year; d = addDays(d, 1)) {
    if (isPublicHoliday(d)) out.push(`${d.month}-${d.day}`);
  }
  return out;
}

describe("French public holidays", () => {
  it("2027 has the eleven metropolitan holidays, Easter Monday, Ascension and Whit Monday included", () => {
    expect(holidaysOf(2027)).toEqual([
      "1-1",
      "3-29",
      "5-1",
      "5-6",
      "5-8",
      "5-17",
      "7-14",
      "8-15",
      "11-1",
      "11-11",
      "12-25",
    ]);
  });

  it("2026 moves Easter Monday to 6 April, Ascension to 14 May and Whit Monday to 25 May", () => {
    expect(holidaysOf(2026)).toEqual([
      "1-1",
      "4-6",
      "5-1",
      "5-8",
      "5-14",
      "5-25",
      "7-14",
      "8-15",
      "11-1",
      "11-11",
      "12-25",
    ]);
  });

  it("Good Friday and Saint Stephen's day are Alsace-Moselle only, not holidays here", () => {
    expect(isPublicHoliday(day("2027-03-26"))).toBe(false);
    expect(isPublicHoliday(day("2027-12-26"))).toBe(false);
  });
});

describe("working days", () => {
  it("weekends and holidays are not working days", () => {
    expect(isWorkingDay(day("2027-05-14"))).toBe(true); // Friday
    expect(isWorkingDay(day("2027-05-15"))).toBe(false); // Saturday
    expect(isWorkingDay(day("2027-05-16"))).toBe(false); // Sunday
    expect(isWorkingDay(day("2027-05-17"))).toBe(false); // Whit Monday
    expect(isWorkingDay(day("2027-05-18"))).toBe(true);
  });

  it("a weekend or holiday moves back to the latest working day before it", () => {
    expect(workingDayOnOrBefore(day("2027-05-18"))).toEqual(day("2027-05-18"));
    expect(workingDayOnOrBefore(day("2027-05-17"))).toEqual(day("2027-05-14"));
    expect(workingDayOnOrBefore(day("2027-03-29"))).toEqual(day("2027-03-26")); // Easter Monday → Good Friday
    expect(workingDayOnOrBefore(day("2027-05-09"))).toEqual(day("2027-05-07")); // Sunday after 8 May (a Saturday)
    expect(workingDayOnOrBefore(day("2027-05-06"))).toEqual(day("2027-05-05")); // Ascension Thursday
    expect(workingDayOnOrBefore(day("2028-01-01"))).toEqual(day("2027-12-31")); // across the year
    expect(workingDayOnOrBefore(day("2027-12-26"))).toEqual(day("2027-12-24"));
  });
});
