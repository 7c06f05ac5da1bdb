import { afterAll, describe, expect, it, vi } from "vitest";

// The holiday library builds local-time Dates: the answer must not depend on the server's time zone.
const original = process.env.TZ;
afterAll(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

describe.each(["UTC", "America/New_York", "Australia/Sydney", "Pacific/Kiritimati", "Europe/Paris"])(
  "server time zone %s",
  (tz) => {
    it("finds the same holidays", async () => {
      process.env.TZ = tz;
      vi.resetModules();
      const { isPublicHoliday } = await import("../../src/calendar/holidays.ts");
      // Sydney leaves summer time between Easter and Ascension 2027: a naive reading gives 5 May.
      for (const [year, month, day] of [
        [2027, 3, 29],
        [2027, 5, 6],
        [2027, 5, 17],
        [2027, 1, 1],
        [2027, 12, 25],
        [2026, 4, 6],
        [2026, 5, 14],
      ] as const) {
        expect(isPublicHoliday({ year, month, day }), `${year}-${month}-${day}`).toBe(true);
      }
      for (const [year, month, day] of [
        [2027, 3, 28],
        [2027, 3, 30],
        [2027, 5, 5],
        [2027, 5, 7],
        [2027, 5, 16],
        [2026, 12, 31],
      ] as const) {
        expect(isPublicHoliday({ year, month, day }), `${year}-${month}-${day}`).toBe(false);
      }
    });
  },
);
