// PGlite's initdb costs seconds of CPU per database; a test file instead loads a data folder made
// once per run (vitest globalSetup) and cached under node_modules/.cache, keyed by what shapes it:
// the PGlite version, the committed migrations and the migrator that records them.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { applyMigrations, type SqlSession } from "../../src/db/migrator.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MIGRATIONS_DIR = join(ROOT, "prisma/migrations");
const CACHE_DIR = join(ROOT, "node_modules/.cache/pglite-templates");
// What a template's contents depend on besides the migrations themselves.
const INPUTS = ["node_modules/@electric-sql/pglite/package.json", "src/db/migrator.ts", "test/support/pglite-template.ts"];

/** An initdb'd data folder with nothing in it, or one with every committed migration applied. */
export type TemplateKind = "empty" | "migrated";

/** The tarball (PGlite `dumpDataDir`, uncompressed) to open a fresh in-memory database of `kind` from. */
export async function pgliteTemplate(kind: TemplateKind): Promise<Blob> {
  const dir = await ensurePgliteTemplates();
  return new Blob([await readFile(join(dir, `${kind}.tar`))]);
}

/**
 * Builds both templates unless the cache already holds them, and returns their folder. Safe when
 * several processes race: each writes its own files and renames them into place whole.
 */
export async function ensurePgliteTemplates(): Promise<string> {
  const dir = join(CACHE_DIR, await templateKey());
  if (existsSync(join(dir, "empty.tar")) && existsSync(join(dir, "migrated.tar"))) return dir;
  await mkdir(dir, { recursive: true });
  const lite = await PGlite.create("memory://");
  try {
    await saveTemplate(lite, join(dir, "empty.tar"));
    await applyMigrations(sessionOf(lite), MIGRATIONS_DIR);
    await saveTemplate(lite, join(dir, "migrated.tar"));
  } finally {
    await lite.close();
  }
  return dir;
}

async function saveTemplate(lite: PGlite, path: string): Promise<void> {
  // A checkpoint first, so a database opened from the tarball has no WAL to replay.
  await lite.exec("CHECKPOINT");
  const tarball = await lite.dumpDataDir("none");
  const partial = `${path}.${process.pid}.partial`;
  try {
    await writeFile(partial, new Uint8Array(await tarball.arrayBuffer()));
    await rename(partial, path);
  } finally {
    await rm(partial, { force: true });
  }
}

function sessionOf(lite: PGlite): SqlSession {
  return {
    exec: async (sql) => void (await lite.exec(sql)),
    query: async (sql, params) => (await lite.query<Record<string, unknown>>(sql, params)).rows,
  };
}

async function templateKey(): Promise<string> {
  const hash = createHash("sha256");
  for (const input of INPUTS) hash.update(input).update(await readFile(join(ROOT, input)));
  for (const name of (await readdir(MIGRATIONS_DIR)).sort()) {
    const file = join(MIGRATIONS_DIR, name, "migration.sql");
    if (existsSync(file)) hash.update(name).update(await readFile(file));
  }
  return hash.digest("hex").slice(0, 16);
}
