// Discord adapter figures (never asserted by tests): discord.js against the fake REST API and
// gateway, the real core on a fresh database (PGlite, or PostgreSQL when DATABASE_URL is set).
// - INTERACTION_CREATE → reply observed by the fake, p50/p99, 200 members sending `/aide` at once;
// - INTERACTION_CREATE → first callback (the acknowledgement Discord wants within 3 s), p50/p99.

import { startDiscordHarness } from "../fakes/discord/harness.ts";
import { createTestBot, onboard } from "../support/bot.ts";

const MEMBERS = 200;
const ROUNDS = 5;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Spins up the fake, the adapter and a seeded bot; measures reply and acknowledgement latencies. */
export async function benchDiscord(): Promise<Record<string, number | string>> {
  const bot = await createTestBot();
  const harness = await startDiscordHarness(bot.dispatch);
  try {
    const { fake, driver } = harness;
    await bot.db.prisma.channelBinding.create({
      data: { networkId: bot.networkId, platform: "discord", scopeId: fake.guildId },
    });
    const people = Array.from({ length: MEMBERS }, (_, i) => `bench-${i}`);
    // Members who finished onboarding, so `aide` is the everyday answer, not the newcomer's.
    for (let i = 0; i < people.length; i += 20) {
      // A minute per batch: newcomers per guild are budgeted per minute (NEW_MEMBERS_PER_SCOPE).
      bot.setNow(new Date(bot.now().getTime() + 60_000));
      await Promise.all(
        people
          .slice(i, i + 20)
          .map((p) =>
            onboard(
              bot,
              { platform: "discord", user: driver.externalId(p), scope: fake.guildId, conversation: "group" },
              "DIGITAL_ADVISER",
            ),
          ),
      );
    }
    await Promise.all(people.map((p) => driver.send(p, "aide"))); // warm-up
    const firstMeasured = fake.rest.interactions.size;
    const started = performance.now();
    await Promise.all(
      people.map(async (p) => {
        for (let r = 0; r < ROUNDS; r++) await driver.send(p, "aide");
      }),
    );
    const elapsed = performance.now() - started;
    const measured = [...fake.rest.interactions.values()].slice(firstMeasured);
    const replies = measured.map((i) => (i.answeredAt ?? Number.NaN) - i.createdAt).sort((a, b) => a - b);
    const acks = measured.map((i) => (i.ack?.at ?? Number.NaN) - i.createdAt).sort((a, b) => a - b);
    return {
      database: process.env.DATABASE_URL ? "postgresql" : "pglite",
      members: MEMBERS,
      interactions: measured.length,
      replyP50Ms: round1(percentile(replies, 50)),
      replyP99Ms: round1(percentile(replies, 99)),
      ackP50Ms: round1(percentile(acks, 50)),
      ackP99Ms: round1(percentile(acks, 99)),
      deferred: measured.filter((i) => i.ack?.type === 5).length,
      unanswered: measured.filter((i) => i.answeredAt === undefined).length,
      refusedCallbacks: measured.reduce((n, i) => n + i.refused.length, 0),
      interactionsPerSecond: round1((measured.length / elapsed) * 1000),
    };
  } finally {
    await harness.close();
    await bot.close();
  }
}

if (import.meta.main) console.log(await benchDiscord());
