// Indicators, weekly digest and COPIL export for `npm run bench`, on 100,000 activity reports (three
// years of a 30-adviser network, generated): the time to compute every indicator, to build the
// digest, to export a year (XLSX and CSV), and the p99 of a quick entry with that history in place.
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createBot } from "../../src/bot.ts";
import { createTranslator } from "../../src/core/i18n.ts";
import { openDatabase } from "../../src/db/database.ts";
import { applyMigrations } from "../../src/db/migrator.ts";
import { readNetworkSeed, seedNetwork } from "../../src/db/seed/seed-network.ts";
import { DIGEST_VIEWS, digestViews } from "../../src/features/digest/views.ts";
import { digestViewId, dueDigestWeek } from "../../src/features/digest/week.ts";
import { computeIndicators } from "../../src/features/indicators/compute.ts";
import { writeActivitiesCsv } from "../../src/features/reports/csv.ts";
import { writeCopilWorkbook } from "../../src/features/reports/workbook.ts";
import { action, inbound, silentLog } from "../support/bot.ts";
import { dropSchema } from "../support/database.ts";
import { percentile } from "./delivery-support.ts";
import { measureStall } from "./export-stall.ts";
import { generateNetworkActivity } from "./reports-data.ts";

const REPORTS = 100_000;
const QUICK_ENTRIES = 200;
const MIGRATIONS = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));
const SEED = fileURLToPath(new URL("../../prisma/seed/tarn-et-garonne.json", import.meta.url));
const TODAY = { year: 2026, month: 11, day: 22 };

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, Math.round(performance.now() - start)];
}

/** A migrated, seeded database of `kind` with the generated network; PostgreSQL in a schema of its own. */
async function openBenchDatabase(kind: "pglite" | "postgresql", postgresUrl: string, schema: string) {
  const db =
    kind === "pglite"
      ? await openDatabase({ kind: "pglite", dataDir: "memory://" })
      : await openDatabase({ kind: "postgresql", url: postgresUrl, schema });
  await db.withSession((s) => applyMigrations(s, MIGRATIONS));
  const { networkId } = await seedNetwork(db.prisma, await readNetworkSeed(SEED));
  const [, generateMs] = await timed(() =>
    generateNetworkActivity(db.prisma, networkId, REPORTS, new Date("2024-01-01"), new Date("2026-11-21")),
  );
  return { db, networkId, generateMs };
}

/** The export stall scenario alone: the event loop's delay while a year is exported (XLSX, CSV, two XLSX at once). */
export async function benchExportStall(
  kind: "pglite" | "postgresql",
  postgresUrl: string,
): Promise<Record<string, number | string>> {
  const schema = `bench_${randomBytes(5).toString("hex")}`;
  const { db, networkId } = await openBenchDatabase(kind, postgresUrl, schema);
  try {
    const query = {
      networkId,
      range: { from: { year: 2025, month: 1, day: 1 }, to: { year: 2025, month: 12, day: 31 } },
      locale: "fr" as const,
    };
    await writeCopilWorkbook(db.prisma, query); // warm-up: the first build thread compiles its modules
    const oneXlsx = await measureStall(db, () => writeCopilWorkbook(db.prisma, query));
    const oneCsv = await measureStall(db, () => writeActivitiesCsv(db.prisma, query));
    const twoXlsx = await measureStall(db, () =>
      Promise.all([writeCopilWorkbook(db.prisma, query), writeCopilWorkbook(db.prisma, query)]),
    );
    return {
      database: kind,
      "XLSX ms": oneXlsx.ms,
      "XLSX loop p99": oneXlsx.loopP99,
      "XLSX loop max": oneXlsx.loopMax,
      "XLSX /healthz max": oneXlsx.healthzMax,
      "CSV loop p99": oneCsv.loopP99,
      "CSV loop max": oneCsv.loopMax,
      "2 XLSX loop p99": twoXlsx.loopP99,
      "2 XLSX loop max": twoXlsx.loopMax,
    };
  } finally {
    await db.close();
    if (kind === "postgresql") await dropSchema(schema, postgresUrl);
  }
}

/** Figures for one database kind; PostgreSQL in a schema of its own, dropped afterwards. */
export async function benchIndicators(
  kind: "pglite" | "postgresql",
  postgresUrl: string,
): Promise<Record<string, number | string>> {
  const schema = `bench_${randomBytes(5).toString("hex")}`;
  const { db, networkId, generateMs } = await openBenchDatabase(kind, postgresUrl, schema);
  try {
    const [indicators, currentMs] = await timed(() =>
      computeIndicators(db.prisma, { networkId, window: { today: TODAY } }),
    );
    const [, yearMs] = await timed(() =>
      computeIndicators(db.prisma, {
        networkId,
        window: { range: { from: { year: 2025, month: 1, day: 1 }, to: { year: 2025, month: 12, day: 31 } } },
      }),
    );
    const epci = await db.prisma.territory.findFirstOrThrow({ where: { networkId, kind: "EPCI" } });
    const [, territoryMs] = await timed(() =>
      computeIndicators(db.prisma, { networkId, window: { today: TODAY }, territoryId: epci.id }),
    );

    // The Monday digest, as the delivery engine computes it when it sends it.
    const monday = new Date("2026-11-23T08:00:00Z");
    const week = dueDigestWeek(monday);
    if (!week) throw new Error("no digest week due on Monday 23 November 2026 09:00");
    const coordinator = await db.prisma.member.findFirstOrThrow({
      where: { networkId, roles: { has: "NETWORK_COORDINATOR" } },
    });
    const view = {
      db: db.prisma,
      networkId,
      recipientMemberId: coordinator.id,
      locale: "fr" as const,
      t: createTranslator("fr"),
      now: monday,
    };
    const [digest, digestMs] = await timed(() =>
      digestViews[DIGEST_VIEWS.digest]!(view, digestViewId(networkId, week)),
    );
    if (!digest) throw new Error("the digest view had nothing to say");

    const year = { from: { year: 2025, month: 1, day: 1 }, to: { year: 2025, month: 12, day: 31 } };
    const [xlsx, xlsxMs] = await timed(() => writeCopilWorkbook(db.prisma, { networkId, range: year, locale: "fr" }));
    const [csv, csvMs] = await timed(() => writeActivitiesCsv(db.prisma, { networkId, range: year, locale: "fr" }));
    // What members and the platforms see meanwhile: the event loop's delay and /healthz's answer time.
    const query = { networkId, range: year, locale: "fr" as const };
    const oneXlsx = await measureStall(db, () => writeCopilWorkbook(db.prisma, query));
    const oneCsv = await measureStall(db, () => writeActivitiesCsv(db.prisma, query));
    const twoXlsx = await measureStall(db, () =>
      Promise.all([writeCopilWorkbook(db.prisma, query), writeCopilWorkbook(db.prisma, query)]),
    );

    const bot = createBot(db.prisma, silentLog, { now: () => new Date("2026-11-22T10:00:00Z") });
    const latencies: number[] = [];
    for (let i = 0; i < QUICK_ENTRIES; i++) {
      const start = performance.now();
      const draft = await bot(inbound({ user: "demo-adviser" }, "activité atelier 8 pers 2h smartphone hier"));
      latencies.push(performance.now() - start);
      const ok = draft.flatMap((r) => r.choices ?? []).find((c) => /^act:ok:/.test(c.id));
      if (ok) await bot(inbound({ user: "demo-adviser" }, action(ok.id)));
    }
    latencies.sort((a, b) => a - b);
    return {
      database: kind,
      reports: await db.prisma.activityReport.count(),
      "generate ms": generateMs,
      indicators: indicators.length,
      "all indicators, current periods ms": currentMs,
      "all indicators, year 2025 ms": yearMs,
      "all indicators, one EPCI ms": territoryMs,
      "weekly digest ms": digestMs,
      "digest chars": digest.text.length,
      "export 2025 XLSX ms": xlsxMs,
      "XLSX activity rows": xlsx.activities,
      "XLSX MB": Math.round((xlsx.bytes.length / 1_048_576) * 10) / 10,
      "export 2025 activities CSV ms": csvMs,
      "CSV MB": Math.round((csv.bytes.length / 1_048_576) * 10) / 10,
      "during one XLSX export: loop delay p99 ms": oneXlsx.loopP99,
      "loop delay max ms": oneXlsx.loopMax,
      "/healthz max ms": oneXlsx.healthzMax,
      "during one CSV export: loop delay p99 ms": oneCsv.loopP99,
      "/healthz max ms (CSV)": oneCsv.healthzMax,
      "during two XLSX exports: loop delay p99 ms": twoXlsx.loopP99,
      "/healthz max ms (2 XLSX)": twoXlsx.healthzMax,
      "quick entry p50 ms": Math.round(percentile(latencies, 50) * 10) / 10,
      "quick entry p99 ms": Math.round(percentile(latencies, 99) * 10) / 10,
    };
  } finally {
    await db.close();
    if (kind === "postgresql") await dropSchema(schema, postgresUrl);
  }
}

// `node test/bench/indicators.ts` runs this part alone; `... stall [pglite|postgresql]` only the export stall scenario.
if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const [scenario, only] = process.argv.slice(2);
  const kinds = (["pglite", "postgresql"] as const).filter((k) => !only || k === only);
  for (const kind of kinds) console.log(await (scenario === "stall" ? benchExportStall : benchIndicators)(kind, url));
}
