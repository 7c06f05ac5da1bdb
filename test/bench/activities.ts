// Activity report figures for `npm run bench`: the latency of a quick entry ("atelier 8 pers 2h
// Montech smartphone hier") from the dispatcher to the draft shown, then of its confirmation.
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createBot } from "../../src/bot.ts";
import { openDatabase } from "../../src/db/database.ts";
import { applyMigrations } from "../../src/db/migrator.ts";
import { readNetworkSeed, seedNetwork } from "../../src/db/seed/seed-network.ts";
import { action, inbound, silentLog } from "../support/bot.ts";
import { dropSchema } from "../support/database.ts";
import { percentile } from "./delivery-support.ts";

const ENTRIES = 300;
const MIGRATIONS = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));
const SEED = fileURLToPath(new URL("../../prisma/seed/tarn-et-garonne.json", import.meta.url));
const PHRASES = [
  "atelier 8 pers 2h smartphone hier",
  "accompagnement 45min ameli à domicile tablette",
  "question rapide mot de passe 15 min à distance",
];

/** p50/p99 of quick entries and confirmations, one adviser after another (no queueing in the figures). */
export async function benchQuickEntry(
  kind: "pglite" | "postgresql",
  postgresUrl: string,
): Promise<Record<string, number | string>> {
  const schema = `bench_${randomBytes(5).toString("hex")}`;
  const db =
    kind === "pglite"
      ? await openDatabase({ kind: "pglite", dataDir: "memory://" })
      : await openDatabase({ kind: "postgresql", url: postgresUrl, schema });
  try {
    await db.withSession((s) => applyMigrations(s, MIGRATIONS));
    await seedNetwork(db.prisma, await readNetworkSeed(SEED));
    const bot = createBot(db.prisma, silentLog);
    const adviser = { user: "demo-adviser" };
    const entry: number[] = [];
    const confirm: number[] = [];
    for (let i = 0; i < ENTRIES; i++) {
      let start = performance.now();
      const draft = await bot(inbound(adviser, `activité ${PHRASES[i % PHRASES.length]}`));
      entry.push(performance.now() - start);
      const ok =
        draft.flatMap((r) => r.choices ?? []).find((c) => /^act:ok:/.test(c.id)) ??
        draft.flatMap((r) => r.choices ?? [])[0];
      if (!ok) throw new Error(`no button after the quick entry: ${draft.map((r) => r.text).join(" / ")}`);
      start = performance.now();
      await bot(inbound(adviser, action(ok.id)));
      confirm.push(performance.now() - start);
    }
    entry.sort((a, b) => a - b);
    confirm.sort((a, b) => a - b);
    const saved = await db.prisma.activityReport.count();
    const r = (n: number) => Math.round(n * 10) / 10;
    return {
      database: kind,
      entries: ENTRIES,
      "quick entry p50 ms": r(percentile(entry, 50)),
      "quick entry p99 ms": r(percentile(entry, 99)),
      "next press p50 ms": r(percentile(confirm, 50)),
      "next press p99 ms": r(percentile(confirm, 99)),
      "reports saved": saved,
    };
  } finally {
    await db.close();
    if (kind === "postgresql") await dropSchema(schema, postgresUrl);
  }
}
