// Broadcast figures for `npm run bench`: a coordinator previews, then confirms, a broadcast to
// 10,000 members (Telegram accounts) through the real dispatcher; the confirmation queues every
// recipient's row in one transaction. On PGlite and on PostgreSQL.
import { randomBytes, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createBot } from "../../src/bot.ts";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { applyMigrations } from "../../src/db/migrator.ts";
import { readNetworkSeed, seedNetwork } from "../../src/db/seed/seed-network.ts";
import { action, form, inbound, silentLog } from "../support/bot.ts";
import { dropSchema } from "../support/database.ts";

const MEMBERS = 10_000;
const MIGRATIONS = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));
const SEED = fileURLToPath(new URL("../../prisma/seed/tarn-et-garonne.json", import.meta.url));

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, Math.round(performance.now() - start)];
}

async function members(db: Database, networkId: string): Promise<void> {
  const rows = Array.from({ length: MEMBERS }, (_, i) => ({ id: randomUUID(), i }));
  for (let i = 0; i < rows.length; i += 1_000) {
    const chunk = rows.slice(i, i + 1_000);
    await db.prisma.member.createMany({
      data: chunk.map((m) => ({
        id: m.id,
        networkId,
        displayName: `Conseiller ${m.i}`,
        roles: ["DIGITAL_ADVISER" as const],
        status: "ACTIVE" as const,
      })),
    });
    await db.prisma.platformIdentity.createMany({
      data: chunk.map((m) => ({ networkId, memberId: m.id, platform: "telegram", externalId: String(900_000 + m.i) })),
    });
  }
}

/** Preview and confirm times for a 10,000-member broadcast on one database. */
export async function benchBroadcastConfirm(
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
    const { networkId } = await seedNetwork(db.prisma, await readNetworkSeed(SEED));
    await members(db, networkId);
    const bot = createBot(db.prisma, silentLog, { platforms: ["local", "telegram"] });
    const coordinator = { user: "demo-coordinator" };
    const values = {
      message: "Mois du numérique : le programme des animations est en ligne.",
      urgent: "no",
      roles: ["DIGITAL_ADVISER"],
      platform: "telegram",
    };
    const [preview, previewMs] = await timed(() => bot(inbound(coordinator, form("broadcast", values))));
    const confirm = preview.flatMap((r) => r.choices ?? []).find((c) => c.id.startsWith("bc.confirm:"));
    if (!confirm) throw new Error(`no confirmation offered: ${preview.map((r) => r.text).join(" / ")}`);
    const [, confirmMs] = await timed(() => bot(inbound(coordinator, action(confirm.id))));
    const queued = await db.prisma.outboundMessage.count({
      where: { causeId: confirm.id.slice("bc.confirm:".length), category: "broadcast" },
    });
    return {
      database: kind,
      recipients: MEMBERS,
      "preview ms (segment + counts)": previewMs,
      "confirm ms (rows queued in one transaction)": confirmMs,
      "rows queued": queued,
    };
  } finally {
    await db.close();
    if (kind === "postgresql") await dropSchema(schema, postgresUrl);
  }
}
