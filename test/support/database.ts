import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { loadConfig } from "../../src/config/env.ts";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { applyMigrations } from "../../src/db/migrator.ts";
import { pgliteTemplate, type TemplateKind } from "./pglite-template.ts";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));
export const DEMO_SEED = fileURLToPath(new URL("../../prisma/seed/tarn-et-garonne.json", import.meta.url));

/** The PostgreSQL server the suite runs on, when DATABASE_URL points to one (as in CI's second pass). */
export const postgresUrl: string | undefined = (() => {
  const target = loadConfig({ DATABASE_URL: process.env.DATABASE_URL }).database;
  return target.kind === "postgresql" ? target.url : undefined;
})();

export const databaseKind: "pglite" | "postgresql" = postgresUrl ? "postgresql" : "pglite";

export interface TestDatabase extends Database {
  /** The schema on PostgreSQL, or undefined on PGlite. */
  schema?: string;
  /** Closes and, on PostgreSQL, drops the test's schema. */
  destroy(): Promise<void>;
}

/** A fresh, unmigrated database of the kind the suite runs on. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  return postgresUrl ? createSchema(postgresUrl) : openPgliteTemplate("empty");
}

/** A fresh database with every committed migration applied. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!postgresUrl) return openPgliteTemplate("migrated");
  const db = await createSchema(postgresUrl);
  await db.withSession((s) => applyMigrations(s, MIGRATIONS_DIR));
  return db;
}

/** A fresh database holding the demo network as `seedNetwork` leaves it (on PGlite, from the run's template). */
export async function createSeededTestDatabase(): Promise<TestDatabase> {
  if (!postgresUrl) return openPgliteTemplate("seeded");
  return createTestDatabase();
}

// In memory, from the run's template (test/support/pglite-template.ts) rather than a new initdb.
async function openPgliteTemplate(kind: TemplateKind): Promise<TestDatabase> {
  const db = await openDatabase({ kind: "pglite", dataDir: "memory://" }, { initialData: await pgliteTemplate(kind) });
  return { ...db, destroy: () => db.close() };
}

async function createSchema(server: string): Promise<TestDatabase> {
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const db = await openDatabase({ kind: "postgresql", url: server, schema });
  return {
    ...db,
    schema,
    destroy: async () => {
      await db.close();
      await dropSchema(schema);
    },
  };
}

export async function dropSchema(schema: string, server = postgresUrl): Promise<void> {
  if (!server) return;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
