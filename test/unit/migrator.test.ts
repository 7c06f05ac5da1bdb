import { cp, mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, MigrationError } from "../../src/db/migrator.ts";
import { createEmptyDatabase, MIGRATIONS_DIR, type TestDatabase } from "../support/database.ts";

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe("migrations at start-up", () => {
  it("applies every committed migration once and records it where prisma migrate status looks", async () => {
    db = await createEmptyDatabase();
    const first = await db.withSession((s) => applyMigrations(s, MIGRATIONS_DIR));
    expect(first.applied.length).toBeGreaterThan(0);
    const again = await db.withSession((s) => applyMigrations(s, MIGRATIONS_DIR));
    expect(again).toEqual({ applied: [], alreadyApplied: first.applied.length });
    const rows = await db.withSession((s) =>
      s.query(
        `select migration_name, checksum, finished_at is not null as finished, applied_steps_count from "_prisma_migrations"`,
      ),
    );
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    expect(
      rows.every(
        (r) => r.finished === true && r.applied_steps_count === 1 && /^[0-9a-f]{64}$/.test(String(r.checksum)),
      ),
    ).toBe(true);
    expect(await db.prisma.network.count()).toBe(0);
  });

  it("two start-ups at the same instant migrate once, and both succeed", async () => {
    db = await createEmptyDatabase();
    const results = await Promise.all([0, 1].map(() => db!.withSession((s) => applyMigrations(s, MIGRATIONS_DIR))));
    expect(results.map((r) => r.applied.length).sort()).toEqual(
      [0, results[0]!.applied.length + results[1]!.applied.length].sort(),
    );
    const count = await db.withSession((s) => s.query(`select count(*)::int as n from "_prisma_migrations"`));
    expect(count[0]!.n).toBe(results[0]!.applied.length + results[1]!.applied.length);
  });

  it("a committed migration changed after it ran stops the start-up with a clear error", async () => {
    db = await createEmptyDatabase();
    const dir = await mkdtemp(join(tmpdir(), "migrations-"));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    await db.withSession((s) => applyMigrations(s, dir));
    const [name] = (await db.withSession((s) => s.query(`select migration_name from "_prisma_migrations"`))).map((r) =>
      String(r.migration_name),
    );
    await writeFile(join(dir, name!, "migration.sql"), "-- edited\n", { flag: "a" });
    await expect(db.withSession((s) => applyMigrations(s, dir))).rejects.toThrow(
      new MigrationError(`Migration ${name} was modified after it was applied.`),
    );
  });

  it("a migration that fails is rolled back whole and not recorded", async () => {
    db = await createEmptyDatabase();
    const dir = await mkdtemp(join(tmpdir(), "migrations-"));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    const broken = join(dir, "99999999999999_broken");
    await mkdir(broken);
    await writeFile(join(broken, "migration.sql"), `CREATE TABLE "Half" (id int);\nSELECT * FROM "NoSuchTable";\n`);
    await expect(db.withSession((s) => applyMigrations(s, dir))).rejects.toThrow(/99999999999999_broken failed/);
    const tables = await db.withSession((s) =>
      s.query(`select count(*)::int as n from information_schema.tables where table_name = 'Half'`),
    );
    expect(tables[0]!.n).toBe(0);
    const recorded = await db.withSession((s) =>
      s.query(`select count(*)::int as n from "_prisma_migrations" where migration_name like '%broken'`),
    );
    expect(recorded[0]!.n).toBe(0);
    // The good ones before it are kept, as when each ran in its own transaction.
    const good = await db.withSession((s) =>
      s.query(`select count(*)::int as n from "_prisma_migrations" where finished_at is not null`),
    );
    expect(good[0]!.n).toBe(
      (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).length,
    );
  });

  it("migrations that cannot share one transaction (an enum value added, then used) are still all applied", async () => {
    db = await createEmptyDatabase();
    const dir = await mkdtemp(join(tmpdir(), "migrations-"));
    for (const [name, sql] of [
      ["20000101000000_kind", `CREATE TYPE "Kind" AS ENUM ('A');\nCREATE TABLE "Thing" (id int, kind "Kind");\n`],
      ["20000101000001_kind_b", `ALTER TYPE "Kind" ADD VALUE 'B';\n`],
      [
        "20000101000002_default_b",
        `ALTER TABLE "Thing" ALTER COLUMN kind SET DEFAULT 'B';\nINSERT INTO "Thing" (id) VALUES (1);\n`,
      ],
    ]) {
      await mkdir(join(dir, name!));
      await writeFile(join(dir, name!, "migration.sql"), sql!);
    }
    const result = await db.withSession((s) => applyMigrations(s, dir));
    expect(result).toEqual({
      applied: ["20000101000000_kind", "20000101000001_kind_b", "20000101000002_default_b"],
      alreadyApplied: 0,
    });
    const things = await db.withSession((s) => s.query(`select kind::text as kind from "Thing"`));
    expect(things).toEqual([{ kind: "B" }]);
    const rows = await db.withSession((s) =>
      s.query(`select migration_name from "_prisma_migrations" where finished_at is not null order by migration_name`),
    );
    expect(rows.map((r) => r.migration_name)).toEqual(result.applied);
  });
});
