import { describe, expect, it } from "vitest";
import { afterQuietHours, DEFAULT_REMINDER_POLICY, reminderTimes } from "../../src/calendar/reminders.ts";

const list = (times: { slot: string; at: Date }[]) => times.map((r) => `${r.slot} ${r.at.toISOString()}`);
const at = (text: string) => new Date(text);

describe("reminder times of a deadline", () => {
  it("a deadline due on Whit Monday: 7 days before, then the Friday before the weekend once for both 2 days and the morning", () => {
    // Monday 17 May 2027 17:00 Paris; reminders at 09:00 Paris (07:00Z in summer).
    const times = reminderTimes(at("2027-05-17T15:00:00Z"), DEFAULT_REMINDER_POLICY, at("2027-05-01T10:00:00Z"));
    expect(list(times)).toEqual(["7d 2027-05-10T07:00:00.000Z", "2d 2027-05-14T07:00:00.000Z"]);
  });

  it("09:00 Paris is 08:00Z before the March change and 07:00Z after it", () => {
    // Friday 2 April 2027 17:00 Paris.
    const times = reminderTimes(at("2027-04-02T15:00:00Z"), DEFAULT_REMINDER_POLICY, at("2027-03-01T10:00:00Z"));
    expect(list(times)).toEqual([
      "7d 2027-03-26T08:00:00.000Z",
      "2d 2027-03-31T07:00:00.000Z",
      "0d 2027-04-02T07:00:00.000Z",
    ]);
  });

  it("09:00 Paris is 07:00Z before the October change and 08:00Z after it", () => {
    // Friday 30 October 2026 12:00 Paris.
    const times = reminderTimes(at("2026-10-30T11:00:00Z"), DEFAULT_REMINDER_POLICY, at("2026-10-01T10:00:00Z"));
    expect(list(times)).toEqual([
      "7d 2026-10-23T07:00:00.000Z",
      "2d 2026-10-28T08:00:00.000Z",
      "0d 2026-10-30T08:00:00.000Z",
    ]);
  });

  it("a deadline due at 08:00 gets no reminder at 09:00 the same morning", () => {
    // Wednesday 12 May 2027 08:00 Paris.
    const times = reminderTimes(at("2027-05-12T06:00:00Z"), DEFAULT_REMINDER_POLICY, at("2027-05-01T10:00:00Z"));
    expect(list(times)).toEqual(["7d 2027-05-05T07:00:00.000Z", "2d 2027-05-10T07:00:00.000Z"]);
  });

  it("a deadline due exactly at 09:00 gets no reminder at that same instant", () => {
    const times = reminderTimes(at("2027-05-12T07:00:00Z"), DEFAULT_REMINDER_POLICY, at("2027-05-01T10:00:00Z"));
    expect(times.map((r) => r.slot)).toEqual(["7d", "2d"]);
  });

  it("reminders already past, or due right now, are left out", () => {
    const due = at("2027-05-12T15:00:00Z");
    expect(reminderTimes(due, DEFAULT_REMINDER_POLICY, at("2027-05-06T10:00:00Z")).map((r) => r.slot)).toEqual([
      "2d",
      "0d",
    ]);
    expect(reminderTimes(due, DEFAULT_REMINDER_POLICY, at("2027-05-10T07:00:00Z")).map((r) => r.slot)).toEqual(["0d"]);
    expect(reminderTimes(due, DEFAULT_REMINDER_POLICY, at("2027-05-12T14:00:00Z"))).toEqual([]);
  });

  it("a network's own policy: the day before at 17:30, the order of offsets does not matter", () => {
    // Due Tuesday 25 May 2027 10:00; 1 day before is Monday 24 May, a working day in 2027.
    const times = reminderTimes(
      at("2027-05-25T08:00:00Z"),
      { days: [1, 3], minute: 17 * 60 + 30 },
      at("2027-05-01T10:00:00Z"),
    );
    expect(list(times)).toEqual(["3d 2027-05-21T15:30:00.000Z", "1d 2027-05-24T15:30:00.000Z"]);
  });
});

describe("quiet hours", () => {
  const night = { startMin: 20 * 60, endMin: 8 * 60 };
  const lunch = { startMin: 12 * 60, endMin: 14 * 60 };
  const iso = (d: Date) => d.toISOString();

  it("a night window: the evening waits until the next morning, the early morning until 08:00 the same day", () => {
    expect(iso(afterQuietHours(at("2027-01-14T21:00:00Z"), night))).toBe("2027-01-15T07:00:00.000Z"); // 22:00 → 08:00
    expect(iso(afterQuietHours(at("2027-01-14T19:00:00Z"), night))).toBe("2027-01-15T07:00:00.000Z"); // 20:00 sharp
    expect(iso(afterQuietHours(at("2027-01-15T05:00:00Z"), night))).toBe("2027-01-15T07:00:00.000Z"); // 06:00 → 08:00
    expect(iso(afterQuietHours(at("2027-01-15T06:59:59Z"), night))).toBe("2027-01-15T07:00:00.000Z"); // 07:59:59
  });

  it("outside a night window the instant is kept", () => {
    for (const t of ["2027-01-15T07:00:00Z", "2027-01-15T11:00:00Z", "2027-01-15T18:59:00Z"]) {
      expect(iso(afterQuietHours(at(t), night))).toBe(new Date(t).toISOString());
    }
  });

  it("a daytime window ends the same day", () => {
    expect(iso(afterQuietHours(at("2027-07-15T11:00:00Z"), lunch))).toBe("2027-07-15T12:00:00.000Z"); // 13:00 → 14:00
    expect(iso(afterQuietHours(at("2027-07-15T10:00:00Z"), lunch))).toBe("2027-07-15T12:00:00.000Z"); // 12:00 sharp → 14:00
    expect(iso(afterQuietHours(at("2027-07-15T09:59:00Z"), lunch))).toBe("2027-07-15T09:59:00.000Z"); // 11:59 kept
    expect(iso(afterQuietHours(at("2027-07-15T12:00:00Z"), lunch))).toBe("2027-07-15T12:00:00.000Z"); // 14:00 kept
    expect(iso(afterQuietHours(at("2027-07-15T16:00:00Z"), lunch))).toBe("2027-07-15T16:00:00.000Z"); // 18:00 kept
  });

  it("the night of the March change ends at 08:00 summer time", () => {
    // Saturday 27 March 2027 22:00 CET → Sunday 28 March 08:00 CEST.
    expect(iso(afterQuietHours(at("2027-03-27T21:00:00Z"), night))).toBe("2027-03-28T06:00:00.000Z");
    // 01:30 CET that night, and 03:30 CEST just after the change.
    expect(iso(afterQuietHours(at("2027-03-28T00:30:00Z"), night))).toBe("2027-03-28T06:00:00.000Z");
    expect(iso(afterQuietHours(at("2027-03-28T01:30:00Z"), night))).toBe("2027-03-28T06:00:00.000Z");
    // A window ending in the skipped hour ends at 03:30 summer time.
    expect(iso(afterQuietHours(at("2027-03-27T22:00:00Z"), { startMin: 22 * 60, endMin: 2 * 60 + 30 }))).toBe(
      "2027-03-28T01:30:00.000Z",
    );
  });

  it("the night of the October change ends at 08:00 winter time", () => {
    // Saturday 24 October 2026 23:00 CEST → Sunday 25 October 08:00 CET.
    expect(iso(afterQuietHours(at("2026-10-24T21:00:00Z"), night))).toBe("2026-10-25T07:00:00.000Z");
    // 02:30 twice that night: both wait for 08:00 CET.
    expect(iso(afterQuietHours(at("2026-10-25T00:30:00Z"), night))).toBe("2026-10-25T07:00:00.000Z");
    expect(iso(afterQuietHours(at("2026-10-25T01:30:00Z"), night))).toBe("2026-10-25T07:00:00.000Z");
  });

  it("equal start and end mean no quiet hours", () => {
    expect(iso(afterQuietHours(at("2027-01-15T02:00:00Z"), { startMin: 0, endMin: 0 }))).toBe(
      "2027-01-15T02:00:00.000Z",
    );
  });
});
