import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** One database session: advisory locks and multi-statement scripts need a single connection. */
export interface SqlSession {
  exec(sql: string): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

// The key `prisma migrate deploy` locks too, so the bot and the CLI never migrate at the same time.
const PRISMA_MIGRATE_LOCK = 72707369;

// Same table and columns as Prisma Migrate, so `prisma migrate status` agrees with what ran here.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/** Thrown when a committed migration was changed after it ran, or a previous run failed half-way. */
export class MigrationError extends Error {
  override name = "MigrationError";
}

/**
 * Applies the committed migrations of `dir` that have not run yet (all in one transaction when
 * they can be, else each in its own), under Prisma's advisory lock: processes starting together migrate once, the others wait.
 */
export async function applyMigrations(session: SqlSession, dir: string): Promise<MigrationResult> {
  const migrations = await readMigrations(dir);
  await session.query("select pg_advisory_lock($1)::text", [PRISMA_MIGRATE_LOCK]);
  try {
    await session.exec(CREATE_MIGRATIONS_TABLE);
    const rows = await session.query(
      `select migration_name, checksum, finished_at::text as finished_at from "_prisma_migrations" where rolled_back_at is null`,
    );
    const done = new Map(rows.map((r) => [String(r.migration_name), r]));
    const pending = migrations.filter((m) => {
      const previous = done.get(m.name);
      if (!previous) return true;
      if (previous.finished_at === null)
        throw new MigrationError(`Migration ${m.name} failed earlier and must be resolved by hand.`);
      if (previous.checksum !== m.checksum)
        throw new MigrationError(`Migration ${m.name} was modified after it was applied.`);
      return false;
    });
    // A fresh database has them all to run: one script, one transaction. If it fails (a broken
    // migration, or one using an enum value an earlier one added, which PostgreSQL refuses within
    // one transaction), nothing of it stays, and they run one by one as before, each in its own
    // transaction, so the good ones are kept and the error names the one that failed.
    if (pending.length > 1 && !(await applyTogether(session, pending))) {
      for (const m of pending) await applyOne(session, m);
    } else if (pending.length === 1) {
      await applyOne(session, pending[0]!);
    }
    return { applied: pending.map((m) => m.name), alreadyApplied: migrations.length - pending.length };
  } finally {
    await session.query("select pg_advisory_unlock($1)::text", [PRISMA_MIGRATE_LOCK]);
  }
}

type Migration = { name: string; sql: string; checksum: string };

/** Every pending migration and its `_prisma_migrations` row in one round trip; false when any failed (all rolled back). */
async function applyTogether(session: SqlSession, pending: Migration[]): Promise<boolean> {
  // Each row as applyOne writes it; names and checksums are directory names and hex, quoted anyway.
  const script = pending.map((m) => `${m.sql}\n;\n${recordSql(m)};`).join("\n");
  try {
    await session.exec(`BEGIN;\n${script}\nCOMMIT;`);
    return true;
  } catch {
    await session.exec("ROLLBACK");
    return false;
  }
}

function recordSql(m: Migration): string {
  const text = (v: string) => `'${v.replaceAll("'", "''")}'`;
  return `insert into "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       values (${text(randomUUID())}, ${text(m.checksum)}, ${text(m.name)}, now(), now(), 1)`;
}

async function applyOne(session: SqlSession, m: Migration): Promise<void> {
  const id = randomUUID();
  await session.exec("BEGIN");
  try {
    await session.exec(m.sql);
    await session.query(
      `insert into "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       values ($1, $2, $3, now(), now(), 1)`,
      [id, m.checksum, m.name],
    );
    await session.exec("COMMIT");
  } catch (error) {
    await session.exec("ROLLBACK");
    throw new MigrationError(`Migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
  }
}

async function readMigrations(dir: string) {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}
