import { loadConfig } from "../../src/config/env.ts";
import { executeCommand, findCommand } from "../../src/admin/cli.ts";
import { adminCommands } from "../../src/admin/commands/index.ts";
import type { TestDatabase } from "../support/database.ts";

/** What one administration command printed and returned. */
export interface AdminRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `npm run admin -- <argv>` in-process against the test database. */
export async function admin(db: TestDatabase, ...argv: string[]): Promise<AdminRun> {
  const command = findCommand(adminCommands, argv);
  if (!command) throw new Error(`no command for ${argv.join(" ")}`);
  const out: string[] = [];
  const err: string[] = [];
  const code = await executeCommand(command, argv.slice(command.words.length), {
    db: db.prisma,
    config: loadConfig({}),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Every row count that an import could change, to prove that a refused file changed nothing. */
export async function snapshot(db: TestDatabase): Promise<Record<string, unknown>> {
  const p = db.prisma;
  const [networks, territories, organisations, plans, axes, fiches, indicators] = await Promise.all([
    p.network.findMany({ select: { slug: true, name: true }, orderBy: { slug: "asc" } }),
    p.territory.count(),
    p.organisation.findMany({ select: { name: true, kind: true, siret: true, territoryId: true, emailDomain: true }, orderBy: { name: "asc" } }),
    p.plan.findMany({ select: { code: true, title: true }, orderBy: { code: "asc" } }),
    p.axis.count(),
    p.ficheAction.findMany({ select: { code: true, title: true, archivedAt: true }, orderBy: { code: "asc" } }),
    p.indicator.findMany({ select: { label: true, target: true, archivedAt: true }, orderBy: { label: "asc" } }),
  ]);
  return { networks, territories, organisations, plans, axes, fiches, indicators: indicators.map((i) => ({ ...i, target: i.target?.toString() ?? null })) };
}
