import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { afterSendRound, botCommands, botJobs, botViews, createBot } from "./bot.ts";
import { createLocalDelivery } from "./channels/local/adapter.ts";
import { configuredPlatforms, createAdapters } from "./channels/registry.ts";
import { ConfigError, loadConfig } from "./config/env.ts";
import type { ChannelAdapter } from "./core/channel.ts";
import type { Platform } from "./core/inbound.ts";
import { LOG_POLICY } from "./core/log-policy.ts";
import { type Db, openDatabase } from "./db/database.ts";
import { createDirectChannelStore } from "./db/direct-channels.ts";
import { applyMigrations } from "./db/migrator.ts";
import { seedNetworkFrom } from "./db/seed/seed-network.ts";
import { createDeliveryWorker } from "./delivery/worker.ts";
import { createHealthCheck, WRITE_PROBE_INTERVAL_MS } from "./http/health.ts";
import { buildServer } from "./http/server.ts";
import { startScheduler } from "./scheduler/scheduler.ts";

// Advisory-lock keys: one sender per platform among the replicas sharing a PostgreSQL database.
const SENDER_LOCKS = { local: 7_340_200, telegram: 7_340_201, slack: 7_340_202, discord: 7_340_203 } as const;
const MIGRATIONS_DIR = fileURLToPath(new URL("../prisma/migrations", import.meta.url));
const DEMO_SEED = fileURLToPath(new URL("../prisma/seed/tarn-et-garonne.json", import.meta.url));

async function main(): Promise<void> {
  const startedAt = new Date();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
    process.exit(1);
  }
  const log = pino({ level: config.logLevel, base: { service: "partner-network-bot" }, ...LOG_POLICY });
  for (const warning of config.deprecations) log.warn(warning);

  const database = await openDatabase(config.database, {
    // Someone else may own the folder now: stop at once, writing nothing more, rather than corrupt it.
    onLockLost: (err) => {
      log.fatal({ event: "data_folder_lock_lost", err }, "the embedded database's folder lock was lost; stopping now");
      process.exit(1);
    },
  });
  const migrations = await database.withSession((session) => applyMigrations(session, MIGRATIONS_DIR));
  log.info(
    { database: database.kind, applied: migrations.applied, alreadyApplied: migrations.alreadyApplied },
    "database ready",
  );
  if (config.demo) {
    const seeded = await seedNetworkFrom(database.prisma, DEMO_SEED, { demo: true });
    log.info(seeded, seeded.created ? "demo network seeded" : "demo network already present");
  } else {
    await refuseDemoData(database.prisma);
  }

  // What the bot delivers to on its own initiative: the local chat (if on) and each configured platform.
  const platforms: Platform[] = [
    ...(config.localChannel.enabled ? (["local"] as const) : []),
    ...configuredPlatforms(config),
  ];
  // Adapters learn the bot's username once connected (Telegram's getMe); cohort links read it then.
  const botUsername = (platform: Platform) => adapters.find((a) => a.platform === platform)?.botUsername?.();
  const dispatch = createBot(database.prisma, log, { defaultNetwork: config.defaultNetwork, platforms, botUsername });
  const local = config.localChannel.enabled
    ? { dispatch, networkSlug: config.localChannel.networkSlug, db: database.prisma }
    : undefined;
  const adapters = createAdapters(config, {
    dispatch,
    log,
    commands: botCommands,
    directChannels: createDirectChannelStore(database.prisma),
  });
  const deliverers: Pick<ChannelAdapter, "platform" | "deliver" | "edit">[] = [
    ...(config.localChannel.enabled
      ? [createLocalDelivery(database.prisma, { networkSlug: config.localChannel.networkSlug })]
      : []),
    ...adapters,
  ];
  const health = createHealthCheck(database, log);
  const app = await buildServer({
    database,
    log,
    local,
    adapters,
    startedAt,
    demo: config.demo,
    allowedHosts: config.allowedHosts,
    health,
  });
  // A full or read-only data folder is logged when it happens, not only when /healthz is asked.
  const writeProbe = setInterval(() => void health(), WRITE_PROBE_INTERVAL_MS);
  writeProbe.unref();
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  // Adapters retry an unreachable platform in the background; one platform down never stops the others.
  await Promise.all(
    adapters.map((a) =>
      a.start().catch((err: unknown) => log.error({ err, platform: a.platform }, "platform adapter failed to start")),
    ),
  );
  // Messages the bot sends on its own initiative wait in the outbox; one sender per platform drains it.
  const senders = deliverers.map((adapter) =>
    createDeliveryWorker({
      db: database.prisma,
      adapter,
      log,
      leadership: database.leadership(SENDER_LOCKS[adapter.platform]),
      views: botViews,
      // The platform's sender also does the features' work there (broadcast senders' progress messages).
      afterRound: () => afterSendRound(database.prisma, adapter, new Date()),
    }),
  );
  for (const sender of senders) sender.start();
  const stopScheduler = startScheduler(botJobs(database.prisma, { platforms }), log);
  log.info(
    { url: `http://${config.host}:${port}/`, platforms, startupMs: Date.now() - startedAt.getTime() },
    "bot listening",
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: finishing in-flight work");
    const deadline = setTimeout(() => {
      log.error({ timeoutMs: config.shutdownTimeoutMs }, "shutdown took too long; exiting");
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    clearInterval(writeProbe);
    await stopScheduler();
    await Promise.all(senders.map((s) => s.stop()));
    await Promise.all(
      adapters.map((a) =>
        a.stop().catch((err: unknown) => log.error({ err, platform: a.platform }, "platform adapter failed to stop")),
      ),
    );
    await app.close();
    await database.close();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

/**
 * A production process never serves the demo's identities: a database that holds the demo network
 * (a development folder, a volume first started with DEMO=true) is refused, with what to do.
 */
async function refuseDemoData(db: Db): Promise<void> {
  const demo = await db.network.findFirst({ where: { demo: true }, select: { slug: true } });
  if (demo) {
    throw new Error(
      `this database holds the demo network (${demo.slug}), whose demo-* identities anyone could use; with DEMO=false, use a database of its own (a new PGLITE_DATA_DIR or DATABASE_URL)`,
    );
  }
}

main().catch((error: unknown) => {
  // Start-up failures (database unreachable, a migration that does not apply) are one readable line.
  process.stderr.write(`The bot could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
