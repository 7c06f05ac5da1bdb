import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { applyMigrations } from "../../src/db/migrator.ts";
import { EMPTY_DATA_DIR_MANIFEST, installedPgliteVersion } from "../../src/db/pglite-template.ts";
import { MIGRATIONS_DIR } from "../support/database.ts";

// These open embedded folders whatever database the rest of the suite runs on.
const open: Database[] = [];
afterAll(async () => {
  await Promise.all(open.map((db) => db.close()));
});

async function openFolder(dataDir: string): Promise<Database> {
  const db = await openDatabase({ kind: "pglite", dataDir });
  open.push(db);
  return db;
}

async function newFolder(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), "pglite-template-")), "pglite");
}

// initdb draws a new system identifier each time: folders made from one shipped folder share it.
async function systemIdentifier(db: Database): Promise<string> {
  const [row] = await db.withSession((s) => s.query("select system_identifier::text as id from pg_control_system()"));
  return String(row!.id);
}

describe("a new embedded database", () => {
  it("the shipped empty data folder was made by the installed PGlite (else: npm run db:template)", async () => {
    const made = JSON.parse(await readFile(EMPTY_DATA_DIR_MANIFEST, "utf8")) as { pglite: string };
    expect(made.pglite).toBe(await installedPgliteVersion());
  });

  it("starts from the shipped empty folder, takes every migration, and is resumed as it was after a restart", async () => {
    const folder = await newFolder();
    const first = await openFolder(folder);
    const other = await openFolder(await newFolder());
    const id = await systemIdentifier(first);
    expect(await systemIdentifier(other)).toBe(id);

    const migrated = await first.withSession((s) => applyMigrations(s, MIGRATIONS_DIR));
    expect(migrated.alreadyApplied).toBe(0);
    expect(migrated.applied.length).toBeGreaterThan(0);
    await first.prisma.network.create({ data: { slug: "kept", name: "Kept" } });
    await first.close();
    open.splice(open.indexOf(first), 1);

    const resumed = await openFolder(folder);
    expect(await systemIdentifier(resumed)).toBe(id);
    expect((await resumed.withSession((s) => applyMigrations(s, MIGRATIONS_DIR))).applied).toEqual([]);
    expect(await resumed.prisma.network.findMany({ select: { slug: true } })).toEqual([{ slug: "kept" }]);
  });
});
