import { describe, expect, it } from "vitest";
import { dateColumnFilter, inRange, periodContaining, yearRange } from "../../src/features/indicators/period.ts";

const plan = { startYear: 2018, endYear: 2024 };
const d = (year: number, month: number, day: number) => ({ year, month, day });

describe("indicator periods", () => {
  it("a half-yearly indicator runs January–June up to 30 June, July–December from 1 July", () => {
    expect(periodContaining("SEMESTER", d(2026, 6, 30), plan)).toEqual({ from: d(2026, 1, 1), to: d(2026, 6, 30) });
    expect(periodContaining("SEMESTER", d(2026, 1, 1), plan)).toEqual({ from: d(2026, 1, 1), to: d(2026, 6, 30) });
    expect(periodContaining("SEMESTER", d(2026, 7, 1), plan)).toEqual({ from: d(2026, 7, 1), to: d(2026, 12, 31) });
    expect(periodContaining("SEMESTER", d(2026, 11, 23), plan)).toEqual({ from: d(2026, 7, 1), to: d(2026, 12, 31) });
  });

  it("a plan indicator covers the plan's years, whatever today is; a one-year plan covers its year", () => {
    expect(periodContaining("PLAN", d(2026, 11, 23), plan)).toEqual({ from: d(2018, 1, 1), to: d(2024, 12, 31) });
    expect(periodContaining("PLAN", d(2024, 3, 1), { startYear: 2024, endYear: 2024 })).toEqual(yearRange(2024));
    expect(periodContaining("PLAN", d(2024, 3, 1), { startYear: 2024, endYear: 2020 })).toEqual(yearRange(2024));
  });

  it("a yearly indicator covers the calendar year of today", () => {
    expect(periodContaining("YEAR", d(2026, 2, 28), plan)).toEqual({ from: d(2026, 1, 1), to: d(2026, 12, 31) });
  });

  it("both ends of a range are included, in the calendar and in the database filter", () => {
    const range = periodContaining("SEMESTER", d(2026, 9, 1), plan);
    expect(inRange(d(2026, 7, 1), range)).toBe(true);
    expect(inRange(d(2026, 12, 31), range)).toBe(true);
    expect(inRange(d(2026, 6, 30), range)).toBe(false);
    expect(inRange(d(2027, 1, 1), range)).toBe(false);
    expect(dateColumnFilter(range)).toEqual({
      gte: new Date("2026-07-01T00:00:00Z"),
      lte: new Date("2026-12-31T00:00:00Z"),
    });
  });
});
