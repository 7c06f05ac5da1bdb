// Telegram figures for `npm run bench` (never asserted by tests): grammY's real client against the
// fake Bot API on 127.0.0.1, with Telegram's real sending limits.
// - inbound update → first sendMessage seen by the fake, p50/p99, 200 members sending "aide" at once
//   in their private chats (real core, onboarded members);
// - achieved outgoing rate vs the 30 msg/s limit when 200 private chats each get one reply, and
//   how many 429s the fake had to answer.
import { TELEGRAM_LIMITS } from "../../src/channels/telegram/limits.ts";
import { say } from "../../src/core/reply.ts";
import { createTelegramDriver, GROUP, type TelegramHarness } from "../fakes/telegram/driver.ts";
import { recordingDispatch } from "../fakes/telegram/support.ts";
import { createTestBot, onboard } from "../support/bot.ts";

const MEMBERS = 200;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Pushes one "aide" per member at once; latency = push → first message the fake accepted in that chat. */
async function roundTrip(driver: TelegramHarness, members: string[]): Promise<number[]> {
  const mark = driver.fake.calls.length;
  const started = Date.now();
  await Promise.all(members.map((m) => driver.send(m, "aide")));
  const latencies = members.map((m) => {
    const first = driver.fake.calls
      .slice(mark)
      .find((c) => c.status === 200 && c.message && c.message.chat.id === driver.user(m).id);
    return first!.at - started;
  });
  return latencies.sort((a, b) => a - b);
}

export async function benchTelegram(): Promise<Record<string, number | string>> {
  const bot = await createTestBot();
  const members = Array.from({ length: MEMBERS }, (_, i) => `bench${i}`);
  let driver = await createTelegramDriver(bot.dispatch, { limits: TELEGRAM_LIMITS, retryBaseMs: 200 });
  try {
    await bot.db.prisma.channelBinding.create({
      data: { networkId: bot.networkId, platform: "telegram", scopeId: String(GROUP.id) },
    });
    for (const m of members) {
      await onboard(
        bot,
        {
          platform: "telegram",
          user: driver.externalId(m),
          scope: String(GROUP.id),
          conversation: "group",
          forms: "steps",
        },
        "DIGITAL_ADVISER",
      );
    }
    await roundTrip(driver, members.slice(0, 30)); // warm-up
    const latencies = await roundTrip(driver, members);
    const rejectedByCore = driver.fake.calls.filter((c) => c.method === "sendMessage" && c.status === 429).length;
    await driver.close();

    // Outgoing rate alone: a core that answers instantly, one message per member.
    driver = await createTelegramDriver(
      recordingDispatch(() => [say("Rappel : atelier jeudi 14 h.")]),
      { limits: TELEGRAM_LIMITS, retryBaseMs: 200 },
    );
    await Promise.all(members.map((m) => driver.send(m, "aide")));
    const sent = driver.fake.callsOf("sendMessage").filter((c) => c.status === 200);
    const spanS = (sent.at(-1)!.at - sent[0]!.at) / 1000;
    return {
      members: MEMBERS,
      "aide p50 ms": percentile(latencies, 50),
      "aide p99 ms": percentile(latencies, 99),
      "429 during aide": rejectedByCore,
      "broadcast msg/s": Number(((sent.length - 1) / spanS).toFixed(1)),
      "limit msg/s": TELEGRAM_LIMITS.global.limit,
      "429 during broadcast": driver.fake.callsOf("sendMessage").filter((c) => c.status === 429).length,
    };
  } finally {
    await driver.close();
    await bot.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchTelegram());
