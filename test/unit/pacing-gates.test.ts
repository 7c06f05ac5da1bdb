// Issue 16, "Pacing under load": the gates pace on the instants requests leave, and the fake Telegram
// judges calls on the instants they arrive, whatever a busy event loop did in between.
import { describe, expect, it } from "vitest";
import { createGlobalGate } from "../../src/channels/slack/pacer.ts";
import { TELEGRAM_LIMITS } from "../../src/channels/telegram/limits.ts";
import { SendPacer } from "../../src/channels/telegram/pacer.ts";
import { FakeRateLimits } from "../fakes/telegram/rate-limits.ts";
import { mostInOneWindow } from "../support/cpu-load.ts";

/** Keeps the event loop busy for `ms`, as a process starved of CPU is. */
function stall(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end);
}

describe("pacing after a stalled event loop", () => {
  // The counts leave room for the test process itself being descheduled between a release and its
  // record (tens of milliseconds on a loaded machine): a burst would put every send in one window.
  it("Slack deliveries queued during a stall still leave one interval apart, not in a burst", async () => {
    const turn = createGlobalGate(100);
    const left: number[] = [];
    const turns = Array.from({ length: 6 }, () => turn().then(() => left.push(Date.now())));
    stall(700);
    await Promise.all(turns);
    // Every planned instant passed during the stall: a gate on planned instants would release all six at once.
    expect(mostInOneWindow(left, 150)).toBeLessThanOrEqual(2);
  });

  it("Telegram sends to many chats queued during a stall leave spaced: never more than the limit in a window", async () => {
    const limits = { ...TELEGRAM_LIMITS, global: { limit: 3, windowMs: 300 } };
    const pacer = new SendPacer(limits);
    const left: number[] = [];
    const sends = Array.from({ length: 8 }, (_, i) =>
      pacer.acquire(String(i), false).then(() => left.push(Date.now())),
    );
    stall(500);
    await Promise.all(sends);
    expect(mostInOneWindow(left, limits.global.windowMs)).toBeLessThanOrEqual(limits.global.limit);
  });
});

describe("the fake Telegram's limits", () => {
  it("judges a call by when it arrived, even when a later call was checked first", () => {
    const fake = new FakeRateLimits({
      global: { limit: 2, windowMs: 1000 },
      privateChat: { limit: 10, windowMs: 1000 },
      group: [],
    });
    expect(fake.check("1", false, 10_000)).toBe(0);
    expect(fake.check("2", false, 11_050)).toBe(0);
    // Arrived between them, checked last: no second holds three calls, so it is accepted.
    expect(fake.check("3", false, 10_200)).toBe(0);
    // This one would make three within a second (10,200, 11,050 and itself): refused.
    expect(fake.check("4", false, 10_900)).toBeGreaterThan(0);
  });
});
