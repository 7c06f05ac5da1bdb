// PGlite's initdb costs seconds of CPU per database; a test file instead loads a data folder made
// once per run (vitest globalSetup) and cached under node_modules/.cache, keyed by what shapes it:
// the PGlite version, the committed migrations and the migrator that records them.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { PrismaClient } from "@prisma/client";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { applyMigrations, type SqlSession } from "../../src/db/migrator.ts";
import { withArrayLiteralParams } from "../../src/db/pglite-array-params.ts";
import { readNetworkSeed, seedNetwork } from "../../src/db/seed/seed-network.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MIGRATIONS_DIR = join(ROOT, "prisma/migrations");
const DEMO_SEED = join(ROOT, "prisma/seed/tarn-et-garonne.json");
// The seeded template also depends on the seed's files and on the code that applies them (src/admin,
// src/db/seed and what they import): the whole of src and prisma/seed, to be safe.
const SEED_INPUT_DIRS = ["src", "prisma/seed"];
const CACHE_DIR = join(ROOT, "node_modules/.cache/pglite-templates");
// What a template's contents depend on besides the migrations themselves.
const INPUTS = [
  "node_modules/@electric-sql/pglite/package.json",
  "src/db/migrator.ts",
  "test/support/pglite-template.ts",
];

/**
 * An initdb'd data folder with nothing in it, one with every committed migration applied, or one
 * that also holds the demo network as `seedNetwork` builds it (what most test files start from).
 */
export type TemplateKind = "empty" | "migrated" | "seeded";

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
  if (["empty", "migrated", "seeded"].every((kind) => existsSync(join(dir, `${kind}.tar`)))) return dir;
  await mkdir(dir, { recursive: true });
  const lite = await PGlite.create("memory://");
  try {
    await saveTemplate(lite, join(dir, "empty.tar"));
    await applyMigrations(sessionOf(lite), MIGRATIONS_DIR);
    await saveTemplate(lite, join(dir, "migrated.tar"));
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(withArrayLiteralParams(lite)) });
    try {
      await seedNetwork(prisma, await readNetworkSeed(DEMO_SEED));
    } finally {
      await prisma.$disconnect();
    }
    await saveTemplate(lite, join(dir, "seeded.tar"));
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
  for (const top of SEED_INPUT_DIRS) {
    for (const name of (await readdir(join(ROOT, top), { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort()) {
      hash.update(name).update(await readFile(name));
    }
  }
  return hash.digest("hex").slice(0, 16);
}
