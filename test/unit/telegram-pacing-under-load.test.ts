// Issue 16, "Pacing under load": with both cores kept busy by other processes, and the bot's own
// event loop stalling now and then, Telegram still never sees more than its limits.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { scaleLimits, TELEGRAM_LIMITS } from "../../src/channels/telegram/limits.ts";
import type { DeliveryTarget } from "../../src/core/channel.ts";
import { say } from "../../src/core/reply.ts";
import { createTelegramDriver, GROUP, type TelegramHarness } from "../fakes/telegram/driver.ts";
import { recordingDispatch } from "../fakes/telegram/support.ts";
import { busyCores, mostInOneWindow } from "../support/cpu-load.ts";

// Generous: on a loaded machine these deliveries take several times what they take on an idle one.
const BUDGET_MS = 180_000;
// A group's "minute" of 12 s: windows much shorter than a stall of the process would measure the
// stall (the fake runs in this process), not the pacing.
const GROUP_LIMITS = scaleLimits(TELEGRAM_LIMITS, 5);

describe("Telegram pacing with the machine busy", () => {
  let load: ReturnType<typeof busyCores> | undefined;
  let driver: TelegramHarness | undefined;
  beforeAll(() => {
    // Two busy processes (the machine's two cores), stopping by themselves after three minutes.
    load = busyCores(2, 180);
  });
  afterAll(() => load?.stop());
  afterEach(async () => {
    await driver?.close();
    driver = undefined;
  });

  const dispatch = recordingDispatch(() => [say("C’est noté.")]);
  function member(d: TelegramHarness, person: string): DeliveryTarget {
    d.fake.openPrivateChat(d.user(person));
    return { to: "member", id: d.externalId(person) };
  }
  /**
   * Blocks the bot's event loop for `ms` every `everyMs`, as a starved process is; returns the stop.
   * The fake shares this process, so a stall also delays when it sees a call arrive: stalls stay
   * under the pacing margin (100 ms plus 10% of a window), as a real platform never stalls with us.
   */
  function stallNowAndThen(everyMs: number, ms: number): () => void {
    const timer = setInterval(() => {
      const end = Date.now() + ms;
      while (Date.now() < end);
    }, everyMs);
    return () => clearInterval(timer);
  }
  const arrivals = (d: TelegramHarness, chatId?: string) =>
    d.fake
      .callsOf("sendMessage")
      .filter((c) => chatId === undefined || String(c.params.chat_id) === chatId)
      .map((c) => c.at);

  it(
    "a burst of reminders at Telegram's real limits reaches everyone with no 429, never more than 30 in a second nor 3 in 3 seconds to one member",
    async () => {
      const d = (driver = await createTelegramDriver(dispatch, { limits: TELEGRAM_LIMITS }));
      const people = Array.from({ length: 90 }, (_, i) => member(d, `membre${i}`));
      const alice = member(d, "alice");
      const stop = stallNowAndThen(500, 100);
      try {
        const outcomes = await Promise.all([
          ...people.map((p, i) => d.adapter.deliver(p, say(`Rappel ${i}`))),
          ...Array.from({ length: 7 }, (_, i) => d.adapter.deliver(alice, say(`Rappel pour Alice ${i}`))),
        ]);
        expect(outcomes.filter((o) => o.kind !== "sent")).toEqual([]);
      } finally {
        stop();
      }
      expect(d.fake.callsOf("sendMessage").filter((c) => c.status === 429)).toHaveLength(0);
      expect(arrivals(d)).toHaveLength(97);
      expect(mostInOneWindow(arrivals(d), TELEGRAM_LIMITS.global.windowMs)).toBeLessThanOrEqual(30);
      expect(
        mostInOneWindow(arrivals(d, d.externalId("alice")), TELEGRAM_LIMITS.privateChat.windowMs),
      ).toBeLessThanOrEqual(3);
    },
    BUDGET_MS,
  );

  it(
    "a broadcast to a busy group is held to 20 messages a minute (a minute of 12 s here) with no 429",
    async () => {
      const d = (driver = await createTelegramDriver(dispatch, { limits: GROUP_LIMITS }));
      d.fake.addBotTo(GROUP);
      const group: DeliveryTarget = { to: "conversation", id: String(GROUP.id) };
      const stop = stallNowAndThen(300, 80);
      try {
        const outcomes = await Promise.all(
          Array.from({ length: 26 }, (_, i) =>
            d.adapter.deliver(group, { text: `Annonce ${i}`, visibility: "public" }),
          ),
        );
        expect(outcomes.filter((o) => o.kind !== "sent")).toEqual([]);
      } finally {
        stop();
      }
      expect(d.fake.callsOf("sendMessage").filter((c) => c.status === 429)).toHaveLength(0);
      expect(d.fake.sentMessages(GROUP.id).map((m) => m.text)).toEqual(
        Array.from({ length: 26 }, (_, i) => `Annonce ${i}`),
      );
      const [burst, minute] = GROUP_LIMITS.group;
      expect(mostInOneWindow(arrivals(d, String(GROUP.id)), minute!.windowMs)).toBeLessThanOrEqual(minute!.limit);
      expect(mostInOneWindow(arrivals(d, String(GROUP.id)), burst!.windowMs)).toBeLessThanOrEqual(burst!.limit);
    },
    BUDGET_MS,
  );
});
