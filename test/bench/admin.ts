// The administration command line for `npm run bench`: `network create` for the 17 and for the
// largest department (59, Nord, 647 communes), then a 30-fiche plan import, with the rows each writes.
import { randomBytes } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { executeCommand, findCommand } from "../../src/admin/cli.ts";
import { adminCommands } from "../../src/admin/commands/index.ts";
import { PLAN_COLUMNS } from "../../src/admin/plan/rows.ts";
import { loadConfig } from "../../src/config/env.ts";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { applyMigrations } from "../../src/db/migrator.ts";
import { dropSchema } from "../support/database.ts";

const MIGRATIONS = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));
const FICHES = 30;
const INDICATORS_PER_FICHE = 3;

/** A plan file of 30 fiches in 5 axes, three indicators each (targets on one in three, some counted). */
async function planFile(): Promise<string> {
  const calculs = ["", "activites:atelier", "evenements:forum-sante"];
  const rows = [PLAN_COLUMNS.join(";")];
  for (let f = 0; f < FICHES; f++) {
    const axis = Math.floor(f / 6) + 1;
    for (let i = 0; i < INDICATORS_PER_FICHE; i++) {
      rows.push(
        [
          "BENCH",
          "Plan de référence",
          "2024",
          "2029",
          axis,
          `Axe ${axis}`,
          `${axis}.${(f % 6) + 1}`,
          `Fiche ${f + 1}`,
          "Département",
          `Indicateur ${i + 1} de la fiche ${f + 1}`,
          "actions",
          i === 0 ? "12" : "",
          "annee",
          calculs[i],
        ].join(";"),
      );
    }
  }
  const path = join(await mkdtemp(join(tmpdir(), "bench-plan-")), "plan.csv");
  await writeFile(path, `${rows.join("\n")}\n`);
  return path;
}

async function timedCommand(db: Database, ...argv: string[]): Promise<number> {
  const command = findCommand(adminCommands, argv)!;
  const start = performance.now();
  const quiet = () => {};
  const code = await executeCommand(command, argv.slice(command.words.length), {
    db: db.prisma,
    config: loadConfig({}),
    out: quiet,
    err: (l) => console.error(l),
  });
  if (code !== 0) throw new Error(`${argv.join(" ")} exited ${code}`);
  return Math.round(performance.now() - start);
}

/** Figures for one database kind; PostgreSQL in a schema of its own, dropped afterwards. */
export async function benchAdmin(
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
    const create17Ms = await timedCommand(
      db,
      "network",
      "create",
      "charente-maritime",
      "--name",
      "Charente-Maritime",
      "--department",
      "17",
    );
    const rows17 = await db.prisma.territory.count({ where: { network: { slug: "charente-maritime" } } });
    const again17Ms = await timedCommand(
      db,
      "network",
      "create",
      "charente-maritime",
      "--name",
      "Charente-Maritime",
      "--department",
      "17",
    );
    const create59Ms = await timedCommand(db, "network", "create", "nord", "--name", "Nord", "--department", "59");
    const rows59 = await db.prisma.territory.count({ where: { network: { slug: "nord" } } });
    const file = await planFile();
    const planMs = await timedCommand(db, "plan", "import", "nord", file);
    const planRows =
      (await db.prisma.plan.count()) +
      (await db.prisma.axis.count()) +
      (await db.prisma.ficheAction.count()) +
      (await db.prisma.indicator.count());
    const planAgainMs = await timedCommand(db, "plan", "import", "nord", file);
    return {
      database: kind,
      "create 17 ms": create17Ms,
      "17 rows": rows17,
      "17 again ms": again17Ms,
      "create 59 ms": create59Ms,
      "59 rows": rows59,
      [`plan ${FICHES} fiches ms`]: planMs,
      "plan rows": planRows,
      "plan again ms": planAgainMs,
    };
  } finally {
    await db.close();
    if (kind === "postgresql") await dropSchema(schema, postgresUrl);
  }
}
