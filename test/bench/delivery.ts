// Delivery figures for `npm run bench` (never asserted by tests): a broadcast of one reminder per
// member queued in the outbox at once and drained by ONE delivery worker, per platform, through
// the fake platform servers and the real SDKs (grammY, @slack/web-api, discord.js) on PGlite:
// achieved send rate against the limit that applies, 429s the fake answered, lateness p50/p99.
// Time is scaled where both the fake and the adapter have a knob for it (same factor on both
// sides); Discord has none on the adapter's side and runs at real limits with fewer members.
// Baseline (Telegram): a plain grammY loop with @grammyjs/auto-retry against the same fake.

import { autoRetry } from "@grammyjs/auto-retry";
import { Api } from "grammy";
import { DELIVERY_REQUESTS_PER_SECOND } from "../../src/channels/discord/delivery-rest.ts";
import { scaleLimits, TELEGRAM_LIMITS } from "../../src/channels/telegram/limits.ts";
import type { DeliveryTarget } from "../../src/core/channel.ts";
import { startDiscordHarness } from "../fakes/discord/harness.ts";
import { snowflake } from "../fakes/discord/ids.ts";
import { FAST, startSlackHarness } from "../fakes/slack/harness.ts";
import { TEAM_ID } from "../fakes/slack/requests.ts";
import { createTelegramDriver, TEST_TOKEN } from "../fakes/telegram/driver.ts";
import { FakeTelegram } from "../fakes/telegram/server.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";
import {
  clearOutbox,
  type DeliveryPlatform,
  drainWithOneWorker,
  outboxFigures,
  queueBroadcast,
  ratePerSecond,
  round1,
  round2,
} from "./delivery-support.ts";

type Row = Record<string, number | string>;

const N = 10_000;
/**
 * One process (PGlite, worker, SDK and fake on one event loop) tops out near 500 msg/s here: a
 * larger factor would measure the machine, not the pacing (factor 20 gave 0.85, 40 gave 0.43).
 */
const TELEGRAM_FACTOR = 10;
const SLACK_FACTOR = 100;
/** discord.js's global pacing is a fixed 1 s window and the adapter's budget a constant: real limits only. */
const DISCORD_MEMBERS = 500;
const BASELINE_CAP_MS = 10_000;
const BASELINE_REAL_N = 300;
const DRAIN_TIMEOUT_MS = 200_000;

interface Measured {
  platform: string;
  members: number;
  factor: number;
  limit: string;
  /** The limit in messages per second at real scale. */
  limitPerS: number;
  accepted: number[];
  rateLimited: number;
  drained: { ms: number; timedOut: boolean };
  figures: Awaited<ReturnType<typeof outboxFigures>>;
  extra?: Row;
}

/** One row: rates in the bench's (scaled) time, the fraction, and lateness also brought back to real time. */
function row(m: Measured): Row {
  const achieved = ratePerSecond(m.accepted);
  const limit = m.limitPerS * m.factor;
  return {
    platform: m.platform,
    members: m.members,
    "time scale (÷ windows)": m.factor,
    "limit compared": m.limit,
    "limit msg/s (scaled)": round1(limit),
    "achieved msg/s (scaled)": round1(achieved),
    "fraction of limit": round2(achieved / limit),
    "429 from fake": m.rateLimited,
    sent: m.figures.sent,
    failed: m.figures.failed,
    "still pending": m.figures.pending,
    "messages retried": m.figures.retried,
    "drain s": round1(m.drained.ms / 1000) + (m.drained.timedOut ? " (timed out)" : ""),
    "lateness p50 ms": m.figures.latenessP50Ms,
    "lateness p99 ms": m.figures.latenessP99Ms,
    "lateness p50 s at real limits": round1((m.figures.latenessP50Ms * m.factor) / 1000),
    "lateness p99 s at real limits": round1((m.figures.latenessP99Ms * m.factor) / 1000),
    ...m.extra,
  };
}

async function broadcast(
  bot: TestBot,
  platform: DeliveryPlatform,
  targets: DeliveryTarget[],
  adapter: Parameters<typeof drainWithOneWorker>[1],
  round?: string,
) {
  const due = await queueBroadcast(bot, platform, targets, round);
  const drained = await drainWithOneWorker(bot, adapter, DRAIN_TIMEOUT_MS);
  return { drained, figures: await outboxFigures(bot, platform, due) };
}

/** One broadcast on Telegram through the outbox, `factor` times faster than Telegram's limits. */
async function telegramBroadcast(bot: TestBot, members: number, factor: number, extra?: Row): Promise<Row> {
  const telegram = await createTelegramDriver(bot.dispatch, {
    limits: scaleLimits(TELEGRAM_LIMITS, factor),
    deliveryRetryMs: 2_000 / factor,
  });
  try {
    const users = Array.from({ length: members }, (_, i) => ({
      id: 700_000 + i,
      is_bot: false,
      first_name: `Membre${i}`,
    }));
    for (const u of users) telegram.fake.openPrivateChat(u);
    const run = await broadcast(
      bot,
      "telegram",
      users.map((u) => ({ to: "member", id: String(u.id) })),
      telegram.adapter,
    );
    const sends = telegram.fake.callsOf("sendMessage");
    return row({
      platform: "telegram",
      members,
      factor,
      limit: "30 msg/s global (windows scaled on both the fake and the adapter's pacer)",
      limitPerS: TELEGRAM_LIMITS.global.limit,
      accepted: sends.filter((c) => c.status === 200).map((c) => c.at),
      rateLimited: sends.filter((c) => c.status === 429).length,
      ...run,
      ...(extra ? { extra } : {}),
    });
  } finally {
    await telegram.close();
    await clearOutbox(bot);
  }
}

/** The 10,000-member broadcast scaled, plus the same path at real limits on the baseline's member count. */
async function benchTelegramDelivery(bot: TestBot): Promise<Row> {
  const real = await telegramBroadcast(bot, BASELINE_REAL_N, 1);
  const keys = ["achieved msg/s (scaled)", "fraction of limit", "429 from fake", "sent", "drain s", "lateness p99 ms"];
  return telegramBroadcast(
    bot,
    N,
    TELEGRAM_FACTOR,
    Object.fromEntries(
      keys.map((k) => [`real limits, ${BASELINE_REAL_N} members: ${k.replace(" (scaled)", "")}`, real[k]!]),
    ),
  );
}

const KNOWN_DM_KEYS = [
  "achieved msg/s (scaled)",
  "fraction of limit",
  "429 from fake",
  "sent",
  "drain s",
  "lateness p50 ms",
  "lateness p99 ms",
  "lateness p99 s at real limits",
];

/**
 * The same broadcast again on the same adapter, which now remembers every member's DM channel:
 * only the posts are paced. `since` reads the fake's calls made during this round.
 */
async function knownDmsRound(
  bot: TestBot,
  platform: DeliveryPlatform,
  targets: DeliveryTarget[],
  adapter: Parameters<typeof drainWithOneWorker>[1],
  limitPerS: number,
  factor: number,
  since: () => { accepted: number[]; rateLimited: number },
): Promise<Row> {
  await clearOutbox(bot);
  const run = await broadcast(bot, platform, targets, adapter, "again");
  const r = row({ platform, members: targets.length, factor, limit: "", limitPerS, ...since(), ...run });
  return Object.fromEntries(KNOWN_DM_KEYS.map((k) => [`DMs known (2nd broadcast): ${k}`, r[k]!]));
}

async function benchSlackDelivery(bot: TestBot): Promise<Row> {
  const f = SLACK_FACTOR;
  const harness = await startSlackHarness(bot.dispatch, {
    fake: { channelIntervalMs: 1_000 / f },
    adapter: { ...FAST, channelIntervalMs: 1_000 / f, deliveryIntervalMs: 250 / f, deliveryRetryMs: 3_000 / f },
  });
  try {
    const users = Array.from({ length: N }, (_, i) => `UB${i}`);
    for (const u of users) harness.fake.addUser(u, { realName: `Membre ${u}`, locale: "fr-FR" });
    const targets = users.map((u): DeliveryTarget => ({ to: "member", id: `${TEAM_ID}:${u}` }));
    const run = await broadcast(bot, "slack", targets, harness.adapter);
    const calls = [...harness.fake.calls];
    // Posts name the member's user id: Slack opens the DM itself, so none should come first.
    const opens = calls.filter((c) => c.method === "conversations.open").length;
    const toUserIds = calls.filter(
      (c) => c.method === "chat.postMessage" && c.status === 200 && String(c.body.channel).startsWith("U"),
    ).length;
    const known = await knownDmsRound(bot, "slack", targets, harness.adapter, 4, f, () => {
      const later = harness.fake.calls.slice(calls.length);
      return {
        accepted: later.filter((c) => c.method === "chat.postMessage" && c.status === 200).map((c) => c.at),
        rateLimited: later.filter((c) => c.status === 429).length,
      };
    });
    return row({
      platform: "slack",
      members: N,
      factor: f,
      limit:
        "adapter's deliveryIntervalMs 250 (4 msg/s workspace-wide); fake and adapter channel interval 1 s, all ÷ factor",
      limitPerS: 4,
      accepted: calls.filter((c) => c.method === "chat.postMessage" && c.status === 200).map((c) => c.at),
      rateLimited: calls.filter((c) => c.status === 429).length,
      ...run,
      extra: {
        "conversations.open calls (expected 0)": opens,
        "posts accepted addressed to a user id": toUserIds,
        ...known,
      },
    });
  } finally {
    await harness.close();
    await clearOutbox(bot);
  }
}

const MESSAGES = /^\/channels\/\d+\/messages$/;

async function benchDiscordDelivery(bot: TestBot): Promise<Row> {
  const harness = await startDiscordHarness(bot.dispatch);
  try {
    const users = Array.from({ length: DISCORD_MEMBERS }, () => snowflake());
    const from = harness.fake.rest.calls.length;
    const targets = users.map((id): DeliveryTarget => ({ to: "member", id }));
    const run = await broadcast(bot, "discord", targets, harness.adapter);
    const calls = harness.fake.rest.calls.slice(from);
    const known = await knownDmsRound(bot, "discord", targets, harness.adapter, DELIVERY_REQUESTS_PER_SECOND, 1, () => {
      const later = harness.fake.rest.calls.slice(from + calls.length);
      return {
        accepted: later
          .filter((c) => c.method === "POST" && MESSAGES.test(c.path) && c.status === 200)
          .map((c) => c.at),
        rateLimited: later.filter((c) => c.status === 429).length,
      };
    });
    const posts = calls
      .filter((c) => c.method === "POST" && MESSAGES.test(c.path) && c.status === 200)
      .map((c) => c.at);
    const opens = calls.filter((c) => c.path === "/users/@me/channels" && c.status === 200).map((c) => c.at);
    return row({
      platform: "discord",
      members: DISCORD_MEMBERS,
      factor: 1,
      limit: `adapter's delivery budget ${DELIVERY_REQUESTS_PER_SECOND} req/s (fake: 50 req/s global, 10/s per route); real limits, fewer members: no time knob in the adapter`,
      limitPerS: DELIVERY_REQUESTS_PER_SECOND,
      accepted: posts,
      rateLimited: calls.filter((c) => c.status === 429).length,
      ...run,
      extra: {
        "requests/s (opens + posts)": round1(ratePerSecond([...posts, ...opens])),
        "fraction of budget in requests": round2(ratePerSecond([...posts, ...opens]) / DELIVERY_REQUESTS_PER_SECOND),
        "DM opens": opens.length,
        "429 on DM opens": calls.filter((c) => c.path === "/users/@me/channels" && c.status === 429).length,
        "DM opens/s": round1(ratePerSecond(opens)),
        ...known,
      },
    });
  } finally {
    await harness.close();
    await clearOutbox(bot);
  }
}

/** A plain grammY loop, `lanes` sends in flight, auto-retry on 429; stops at `n` messages or `capMs`. */
async function grammyLoop(factor: number, n: number, lanes: number, capMs: number) {
  const fake = await new FakeTelegram(TEST_TOKEN, scaleLimits(TELEGRAM_LIMITS, factor)).listen();
  try {
    const ids = Array.from({ length: n }, (_, i) => 800_000 + i);
    for (const id of ids) fake.openPrivateChat({ id, is_bot: false, first_name: `Membre${id}` });
    const api = new Api(TEST_TOKEN, { apiRoot: fake.apiRoot });
    api.config.use(autoRetry());
    const started = performance.now();
    const deadline = Date.now() + capMs;
    let next = 0;
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next < n && Date.now() < deadline)
          await api.sendMessage(ids[next++]!, "Rappel : l’atelier « Démarches en ligne » commence demain à 9 h.");
      }),
    );
    const ms = performance.now() - started;
    const sends = fake.callsOf("sendMessage");
    const accepted = sends.filter((c) => c.status === 200).map((c) => c.at);
    return {
      sent: accepted.length,
      rate: ratePerSecond(accepted),
      rateLimited: sends.filter((c) => c.status === 429).length,
      ms,
    };
  } finally {
    await fake.close();
  }
}

async function benchGrammyBaseline(factor: number, n: number, capMs: number): Promise<Row> {
  const limit = TELEGRAM_LIMITS.global.limit * factor;
  const out: Row = {
    platform: `telegram baseline: grammY + auto-retry${factor === 1 ? ", real limits" : ", same scaled fake"}`,
    members: n,
    "time scale (÷ windows)": factor,
    "limit compared": "30 msg/s global",
    "limit msg/s (scaled)": limit,
    "stopped after s": capMs / 1000,
  };
  for (const [label, lanes] of [
    ["sequential", 1],
    ["30 in flight", 30],
  ] as const) {
    const r = await grammyLoop(factor, n, lanes, capMs);
    out[`${label}: sent`] = r.sent;
    out[`${label}: achieved msg/s (scaled)`] = round1(r.rate);
    out[`${label}: fraction of limit`] = round2(r.rate / limit);
    out[`${label}: 429 from fake`] = r.rateLimited;
    out[`${label}: total s`] = round1(r.ms / 1000);
  }
  return out;
}

/** Runs every delivery measurement once, each on its own fake, all on one PGlite bot; returns the rows. */
export async function benchDelivery(): Promise<Row[]> {
  const bot = await createTestBot();
  try {
    const rows = [await benchTelegramDelivery(bot), await benchSlackDelivery(bot), await benchDiscordDelivery(bot)];
    rows.push(await benchGrammyBaseline(TELEGRAM_FACTOR, N, BASELINE_CAP_MS));
    rows.push(await benchGrammyBaseline(1, BASELINE_REAL_N, 60_000));
    return rows;
  } finally {
    await bot.close();
  }
}

if (import.meta.main) console.log(await benchDelivery());
