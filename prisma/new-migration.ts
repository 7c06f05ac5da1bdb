// npm run db:migration -- <name>: writes prisma/migrations/<timestamp>_<name>/migration.sql, the SQL
// from the committed migrations to schema.prisma. `prisma migrate diff --from-migrations` replays
// them into an in-memory PGlite (prisma.config.ts), since no native engine can be downloaded here.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name_in_snake_case>");
  process.exit(1);
}
const sql = execFileSync(
  join("node_modules", ".bin", "prisma"),
  [
    "migrate",
    "diff",
    "--from-migrations",
    "prisma/migrations",
    "--to-schema-datamodel",
    "prisma/schema.prisma",
    "--script",
  ],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
if (!/^\s*(CREATE|ALTER|DROP)/m.test(sql)) {
  console.log("schema.prisma matches the committed migrations: nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "migration.sql"), sql);
console.log(`Wrote ${dir}/migration.sql; the bot applies it at its next start.`);
