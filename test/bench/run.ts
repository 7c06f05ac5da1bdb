// npm run bench: figures for the issue notes, never asserted by tests.
// - cold start to healthy: a fresh database (migrations + demo seed), then a warm restart;
// - local-channel round trip p50/p99 for "aide" and "profil" with 50 concurrent members;
// on PGlite, and on PostgreSQL when 127.0.0.1:5432 answers (or BENCH_DATABASE_URL).
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type BotProcess, say, startBot } from "../support/process.ts";
import { benchQuickEntry } from "./activities.ts";
import { benchAdmin } from "./admin.ts";
import { benchBroadcastConfirm } from "./broadcast.ts";
import { benchDelivery } from "./delivery.ts";
import { benchDiscord } from "./discord.ts";
import { printRegistrationBench } from "./events.ts";
import {
  atLeast,
  childRssMb,
  type GoalRow,
  goalRow,
  noGoal,
  type ProcessLoad,
  printGoals,
  under,
  underWatch,
} from "./goals.ts";
import { benchIndicators } from "./indicators.ts";
import { benchSlack } from "./slack.ts";
import { benchTelegram } from "./telegram.ts";

const USERS = 50;
const ROUNDS = 20;
const postgresUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function roundTrips(bot: BotProcess, text: string): Promise<{ p50: number; p99: number; perSecond: number }> {
  const latencies: number[] = [];
  const [, total] = await timed(() =>
    Promise.all(
      Array.from({ length: USERS }, async (_, i) => {
        for (let r = 0; r < ROUNDS; r++) {
          const [res, ms] = await timed(() => say(bot.url, { user: `bench-${i}`, text }));
          if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
          latencies.push(ms);
        }
      }),
    ),
  );
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    perSecond: (latencies.length / total) * 1000,
  };
}

async function onboardAll(bot: BotProcess): Promise<void> {
  await Promise.all(
    Array.from({ length: USERS }, async (_, i) => {
      const user = `bench-${i}`;
      await say(bot.url, { user, text: "démarrer" });
      await say(bot.url, { user, action: "onb:language:fr" });
      await say(bot.url, { user, action: "onb:role:DIGITAL_ADVISER" });
      const territories = await say(bot.url, { user, action: "onb:organisation:none" });
      await say(bot.url, { user, action: territories.body.replies[0]!.choices![0]!.id });
    }),
  );
}

async function benchDatabase(label: string, env: Record<string, string>) {
  const [cold, coldMs] = await timed(() => startBot(env));
  await cold.stop();
  const [bot, warmMs] = await timed(() => startBot(env));
  try {
    await onboardAll(bot);
    await roundTrips(bot, "aide"); // warm-up
    const help = await roundTrips(bot, "aide");
    const profile = await roundTrips(bot, "profil");
    const botRssMb = childRssMb(bot.child.pid);
    return {
      database: label,
      coldStartMs: Math.round(coldMs),
      warmStartMs: Math.round(warmMs),
      help,
      profile,
      botRssMb,
    };
  } finally {
    await bot.stop();
  }
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const goals: GoalRow[] = [];
/** The bot runs in a child process here: its RSS (read at the end), the loop p99 of this (client) process. */
const childLoad = (load: ProcessLoad, rssMb: number | undefined): ProcessLoad =>
  rssMb === undefined ? load : { ...load, rssMb, note: "bot process, at the end" };
const localChatGoals = (r: Awaited<ReturnType<typeof benchDatabase>>, load: ProcessLoad) => {
  const pglite = r.database === "pglite";
  const l = childLoad(load, r.botRssMb);
  if (pglite)
    goals.push(goalRow("cold start, fresh PGlite folder (migrations + demo), ms", r.coldStartMs, under(1500, "ms"), l));
  goals.push(goalRow(`warm restart, ${r.database}, ms`, r.warmStartMs, under(1000, "ms"), l));
  goals.push(
    goalRow(
      `local chat "aide" p99, ${USERS} concurrent (goal at 200), ${r.database}, ms`,
      r.help.p99,
      under(pglite ? 150 : 100, "ms"),
      l,
    ),
  );
};
const [pgliteLocal, pgliteLocalLoad] = await underWatch(async () =>
  benchDatabase("pglite", { PGLITE_DATA_DIR: join(await mkdtemp(join(tmpdir(), "bench-")), "pglite") }),
);
localChatGoals(pgliteLocal, pgliteLocalLoad);
const results = [pgliteLocal];
if (await postgresReachable()) {
  const schema = `bench_${Date.now()}`;
  const url = new URL(postgresUrl);
  url.searchParams.set("schema", schema);
  try {
    const [r, load] = await underWatch(() => benchDatabase("postgresql", { DATABASE_URL: url.toString() }));
    localChatGoals(r, load);
    results.push(r);
  } finally {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  }
} else {
  console.log(`PostgreSQL not reachable at ${postgresUrl}: PGlite figures only.`);
}

const f = (n: number) => n.toFixed(1).padStart(7);
console.log(`\nLocal channel, ${USERS} concurrent members x ${ROUNDS} messages each, node ${process.version}\n`);
console.log("database    cold start  warm start | aide p50  aide p99  msg/s | profil p50  profil p99  msg/s");
for (const r of results) {
  console.log(
    `${r.database.padEnd(10)} ${String(r.coldStartMs).padStart(8)} ms ${String(r.warmStartMs).padStart(8)} ms |` +
      ` ${f(r.help.p50)} ${f(r.help.p99)} ${f(r.help.perSecond)} | ${f(r.profile.p50)}  ${f(r.profile.p99)} ${f(r.profile.perSecond)}`,
  );
}
console.log("\n(times in ms; cold start = fresh database: migrations and demo seed; warm = restart on the same data)");

// Per platform, through the fake platform servers and the real SDKs (PGlite, in this process).
const platforms: [string, () => Promise<Record<string, number | string>>][] = [
  ["telegram", benchTelegram],
  ["slack", benchSlack],
  ["discord", benchDiscord],
];
for (const [name, run] of platforms) {
  console.log(`\n${name}:`);
  const [figures, load] = await underWatch(run);
  for (const [key, value] of Object.entries(figures)) console.log(`  ${key.padEnd(28)} ${value}`);
  if (name === "telegram") goals.push(goalRow("Telegram: aide p99 ms", figures["aide p99 ms"], noGoal, load));
  if (name === "slack") {
    goals.push(
      goalRow("Slack: button press → reply p99, ms", figures["button press → reply p99 ms"], under(500, "ms"), load),
    );
    goals.push(
      goalRow("Slack: slash command → reply p99, ms", figures["slash command → reply p99 ms"], under(500, "ms"), load),
    );
  }
  if (name === "discord")
    goals.push(goalRow("Discord: interaction → reply p99, ms", figures.replyP99Ms, under(300, "ms"), load));
}

// A coordinator's broadcast to 10,000 members: preview, then the confirmation that queues every row.
console.log("\nbroadcast confirmation (10,000 recipients, through the dispatcher):");
for (const kind of ["pglite", "postgresql"] as const) {
  const [row, load] = await underWatch(() =>
    benchBroadcastConfirm(kind, postgresUrl).catch((err: unknown) => ({
      database: kind,
      error: (err as Error).message,
    })),
  );
  const confirmMs = (row as Record<string, unknown>)["confirm ms (rows queued in one transaction)"];
  goals.push(goalRow(`broadcast to 10,000: confirm, ${kind}, ms`, confirmMs, under(300, "ms"), load));
  console.log(
    `  ${Object.entries(row)
      .map(([k, v]) => `${k}: ${v}`)
      .join(" | ")}`,
  );
}

// An adviser's one-line activity report, then the press that confirms the draft.
console.log("\nactivity quick entry (300 entries, one after another, through the dispatcher):");
for (const kind of ["pglite", "postgresql"] as const) {
  const [row, load] = await underWatch(() =>
    benchQuickEntry(kind, postgresUrl).catch((err: unknown) => ({ database: kind, error: (err as Error).message })),
  );
  const p99 = (row as Record<string, unknown>)["quick entry p99 ms"];
  goals.push(goalRow(`activity quick entry p99, ${kind}, ms`, p99, noGoal, load));
  console.log(
    `  ${Object.entries(row)
      .map(([k, v]) => `${k}: ${v}`)
      .join(" | ")}`,
  );
}

// 500 members pressing "S'inscrire" for one event of 200 places within one second.
{
  const [rows, load] = await underWatch(() => printRegistrationBench(postgresUrl));
  for (const r of rows) {
    // "All answered within 2 s": the slowest press, from the instant it was due, and every check passed.
    const answered = r.checks === "ok" ? r["from arrival max ms"] : undefined;
    const target = r.database === "postgresql" ? under(2000, "ms, checks ok") : noGoal;
    goals.push(
      goalRow(`500 presses on "S'inscrire" in 1 s, ${r.database}: slowest answer, ms`, answered, target, load),
    );
  }
}

// 100,000 activity reports (three years of a 30-adviser network): indicators, the Monday digest,
// a year's COPIL export, and a quick entry with that history in the table.
console.log("\nindicators, digest and export (100,000 generated activity reports):");
for (const kind of ["pglite", "postgresql"] as const) {
  const [row, load] = await underWatch(() =>
    benchIndicators(kind, postgresUrl).catch((err: unknown) => ({ database: kind, error: (err as Error).message })),
  );
  const figures = row as Record<string, unknown>;
  goals.push(
    goalRow(
      `year's XLSX export, 100,000 reports, ${kind}, ms`,
      figures["export 2025 XLSX ms"],
      under(1500, "ms"),
      load,
    ),
  );
  goals.push(
    goalRow(`  event loop during that export, max ms, ${kind}`, figures["loop delay max ms"], under(50, "ms"), load),
  );
  console.log(
    `  ${Object.entries(row)
      .map(([k, v]) => `${k}: ${v}`)
      .join(" | ")}`,
  );
}

// Setting up a network from files: territories of the 17 and of the Nord, then a 30-fiche plan.
console.log("\nadministration command line (network create, plan import):");
for (const kind of ["pglite", "postgresql"] as const) {
  const [row, load] = await underWatch(() =>
    benchAdmin(kind, postgresUrl).catch((err: unknown) => ({ database: kind, error: (err as Error).message })),
  );
  goals.push(
    goalRow(`network create (17), ${kind}, ms`, (row as Record<string, unknown>)["create 17 ms"], noGoal, load),
  );
  console.log(
    `  ${Object.entries(row)
      .map(([k, v]) => `${k}: ${v}`)
      .join(" | ")}`,
  );
}

// Outbox → delivery worker → adapter → fake platform: broadcasts of thousands of messages, and the
// grammY + auto-retry baseline against the same fake Telegram.
console.log("\ndelivery (broadcasts through the outbox):");
{
  const [rows, load] = await underWatch(benchDelivery);
  for (const row of rows) {
    console.log("");
    for (const [key, value] of Object.entries(row)) console.log(`  ${key.padEnd(40)} ${value}`);
  }
  const of = (platform: string) => rows.find((r) => r.platform === platform) ?? {};
  goals.push(
    goalRow(
      "Telegram broadcast, fraction of 30 msg/s (time-scaled)",
      of("telegram")["fraction of limit"],
      atLeast(0.97),
      load,
    ),
  );
  goals.push(
    goalRow(
      "  429 answers during it",
      of("telegram")["429 from fake"],
      { goal: "none", test: (v: number) => v === 0 },
      load,
    ),
  );
  goals.push(
    goalRow(
      "Discord, first broadcast to 500, fraction of the budget",
      of("discord")["fraction of limit"],
      atLeast(0.9),
      load,
    ),
  );
  const baseline = rows.find((r) => String(r.platform).startsWith("telegram baseline")) ?? {};
  goals.push(
    goalRow(
      "  baseline grammY + auto-retry, 30 in flight, fraction",
      baseline["30 in flight: fraction of limit"],
      noGoal,
      load,
    ),
  );
}

const highest = goals.reduce((max, r) => Math.max(max, r.load.rssMb), 0);
goals.push(
  goalRow("RSS, highest of the scenarios above, MB", Math.round(highest), under(250, "MB"), {
    loopP99Ms: 0,
    rssMb: highest,
  }),
);
printGoals(goals);
