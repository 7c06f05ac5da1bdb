import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { executeCommand, findCommand } from "../../src/admin/cli.ts";
import { adminCommands } from "../../src/admin/commands/index.ts";
import { loadConfig } from "../../src/config/env.ts";
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
    p.organisation.findMany({
      select: { name: true, kind: true, siret: true, territoryId: true, emailDomain: true },
      orderBy: { name: "asc" },
    }),
    p.plan.findMany({ select: { code: true, title: true }, orderBy: { code: "asc" } }),
    p.axis.count(),
    p.ficheAction.findMany({ select: { code: true, title: true, archivedAt: true }, orderBy: { code: "asc" } }),
    p.indicator.findMany({ select: { label: true, target: true, archivedAt: true }, orderBy: { label: "asc" } }),
  ]);
  return {
    networks,
    territories,
    organisations,
    plans,
    axes,
    fiches,
    indicators: indicators.map((i) => ({ ...i, target: i.target?.toString() ?? null })),
  };
}

/** The plan file written from the SDAASP 17 document (orientations 2, 3 and 5). */
export const PLAN_17 = fileURLToPath(new URL("../fixtures/sdaasp-17.csv", import.meta.url));
/** Ten partner organisations of the 17, with data·inclusion's columns. */
export const PARTNERS_17 = fileURLToPath(new URL("../fixtures/partenaires-17.csv", import.meta.url));

/** CSV lines as an XLSX workbook, cells typed as a coordinator's spreadsheet has them (years and targets as numbers). */
export async function planWorkbook(path: string, lines: string[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Plan");
  for (const line of lines) sheet.addRow(line.split(";").map((cell) => (/^\d+$/.test(cell) ? Number(cell) : cell)));
  await workbook.xlsx.writeFile(path);
}
