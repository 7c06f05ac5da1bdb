import { existsSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { type Prisma, PrismaClient } from "@prisma/client";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { Config } from "../config/env.ts";
import { lockDataDir } from "./data-dir-lock.ts";
import type { SqlSession } from "./migrator.ts";
import { withArrayLiteralParams } from "./pglite-array-params.ts";
import { shippedEmptyDataDir } from "./pglite-template.ts";

export { DataDirInUseError } from "./data-dir-lock.ts";

export type Db = PrismaClient;
/** An open transaction's client: what `db.$transaction(async (tx) => …)` hands over. */
export type Tx = Prisma.TransactionClient;
/** Either the database or an open transaction: for functions that only read and write rows. */
export type DbClient = Db | Tx;

const SCHEMA_CREATION_LOCK = 7_340_111;
// One committed row update: cheap, and it fails as soon as the database cannot store anything.
const HEARTBEAT = `insert into "Heartbeat" (id, at) values (1, now()) on conflict (id) do update set at = excluded.at`;

/** The database the bot runs on: a Prisma client plus what start-up and health checks need. */
export interface Database {
  kind: "pglite" | "postgresql";
  prisma: PrismaClient;
  /** Runs `fn` on one dedicated session (advisory locks are per session), then releases it. */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Resolves when the database commits a tiny write (the heartbeat row): reads alone miss a full or read-only disk. */
  ping(): Promise<void>;
  /** A session-level advisory lock, taken when free and held until released or the process ends. */
  leadership(key: number): Leadership;
  close(): Promise<void>;
}

/** Being the one process that does something (send for a platform) among replicas on one database. */
export interface Leadership {
  /** True while this process holds the lock; tries to take it when it does not. */
  isLeader(): Promise<boolean>;
  release(): Promise<void>;
}

export interface OpenOptions {
  /** Called if the embedded database's folder lock is lost while running (another process took it, the folder vanished). */
  onLockLost?: (error: Error) => void;
  /**
   * An embedded data folder to start from (a PGlite `dumpDataDir` tarball) when `dataDir` holds no
   * database yet, instead of the shipped empty one (src/db/pglite-template.ts). Ignored on PostgreSQL.
   */
  initialData?: Blob;
}

/** Opens PGlite (a folder, or memory when `dataDir` is `memory://`) or PostgreSQL, per config. */
export async function openDatabase(target: Config["database"], options: OpenOptions = {}): Promise<Database> {
  return target.kind === "pglite" ? openPglite(target.dataDir, options) : openPostgres(target.url, target.schema);
}

async function openPglite(dataDir: string, options: OpenOptions): Promise<Database> {
  const onLost =
    options.onLockLost ??
    ((error: Error) => {
      throw error;
    });
  const release = dataDir.startsWith("memory://") ? async () => {} : await lockDataDir(dataDir, onLost);
  const lite = await PGlite.create(dataDir, await initialDataFor(dataDir, options.initialData));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(withArrayLiteralParams(lite)) });
  // PGlite is a single connection: its "session" is the database itself, so sessions take turns,
  // or two migrators would interleave their statements inside one transaction.
  const session: SqlSession = {
    exec: async (sql) => void (await lite.exec(sql)),
    query: async (sql, params) => (await lite.query<Record<string, unknown>>(sql, params)).rows,
  };
  let turn: Promise<unknown> = Promise.resolve();
  return {
    kind: "pglite",
    prisma,
    withSession: (fn) => {
      const mine = turn.then(() => fn(session));
      turn = mine.catch(() => {});
      return mine;
    },
    ping: async () => void (await lite.query(HEARTBEAT)),
    // One process owns a PGlite folder (lockDataDir): it is every platform's sender.
    leadership: () => ({ isLeader: async () => true, release: async () => {} }),
    close: async () => {
      await prisma.$disconnect();
      await lite.close();
      await release();
    },
  };
}

// A folder that already holds a database is resumed (PGlite refuses a tarball for it); a new one
// starts from the given data, else from the shipped empty folder, else from PGlite's own initdb.
async function initialDataFor(dataDir: string, initialData: Blob | undefined): Promise<{ loadDataDir?: Blob }> {
  const fresh = dataDir.startsWith("memory://") || !existsSync(join(dataDir, "PG_VERSION"));
  const data = fresh ? (initialData ?? (await shippedEmptyDataDir())) : undefined;
  return data ? { loadDataDir: data } : {};
}

async function openPostgres(url: string, schema: string): Promise<Database> {
  const searchPath = `-c search_path=${quoteIdent(schema)}`;
  const pool = new pg.Pool({ connectionString: url, options: searchPath, max: 10, connectionTimeoutMillis: 5_000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { schema }) });
  return {
    kind: "postgresql",
    prisma,
    withSession: async (fn) => {
      const client = new pg.Client({ connectionString: url, options: searchPath, connectionTimeoutMillis: 5_000 });
      client.on("error", () => {});
      await client.connect();
      try {
        // CREATE SCHEMA IF NOT EXISTS is not safe against a concurrent twin: take turns.
        await client.query("select pg_advisory_lock($1)::text", [SCHEMA_CREATION_LOCK]);
        try {
          await client.query(`create schema if not exists ${quoteIdent(schema)}`);
        } finally {
          await client.query("select pg_advisory_unlock($1)::text", [SCHEMA_CREATION_LOCK]);
        }
        return await fn({
          exec: async (sql) => void (await client.query(sql)),
          query: async (sql, params) => (await client.query(sql, params)).rows,
        });
      } finally {
        await client.end();
      }
    },
    ping: async () => void (await pool.query(HEARTBEAT)),
    leadership: (key) => postgresLeadership(url, searchPath, schema, key),
    close: async () => {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

/**
 * Holds an advisory lock on a connection of its own: the lock lives exactly as long as that
 * connection, so a process that dies (or loses the database) releases it for another replica.
 * Advisory locks are per database, not per schema: the lock is (hash of the schema, key), so two
 * deployments in two schemas of one database do not take each other's turn.
 */
function postgresLeadership(url: string, options: string, schema: string, key: number): Leadership {
  let client: pg.Client | undefined;
  let held = false;
  const drop = () => {
    held = false;
    client = undefined;
  };
  return {
    async isLeader() {
      if (held) return true;
      try {
        client ??= await connect();
        const [row] = (
          await client.query<{ ok: boolean }>("select pg_try_advisory_lock(hashtext($1), $2) as ok", [schema, key])
        ).rows;
        held = row?.ok === true;
      } catch {
        await client?.end().catch(() => {});
        drop();
      }
      return held;
    },
    async release() {
      const c = client;
      drop();
      await c?.end().catch(() => {});
    },
  };

  async function connect(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: url, options, connectionTimeoutMillis: 5_000 });
    c.on("error", drop);
    c.on("end", drop);
    await c.connect();
    return c;
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
