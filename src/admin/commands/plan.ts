import { existsSync } from "node:fs";
import { parseCommandArgs } from "../args.ts";
import type { AdminCommand } from "../command.ts";
import { AdminError } from "../errors.ts";
import { applyPlans, type PlanChanges } from "../plan/apply.ts";
import { PLAN_COLUMN_HELP } from "../plan/columns-help.ts";
import { COUNTER_FAMILIES } from "../plan/counters.ts";
import { PLAN_COLUMNS, planFromTable } from "../plan/rows.ts";
import { readTable } from "../table-file.ts";
import { writeTemplate } from "../template.ts";
import { inTransaction, networkBySlug } from "../transaction.ts";

/** Thrown inside the transaction of a dry run so that nothing it wrote stays. */
class DryRun extends Error {
  readonly changes: PlanChanges;
  constructor(changes: PlanChanges) {
    super("dry run");
    this.changes = changes;
  }
}

/** The sentences that describe an import's changes. */
export function describePlanChanges(changes: PlanChanges): string[] {
  const c = changes.created;
  const lines = [
    `${c.plans} plan(s), ${c.axes} axis(es), ${c.fiches} fiche(s) and ${c.indicators} indicator(s) added; ${changes.updated.length} updated; ${changes.archived.length} archived.`,
  ];
  return [
    ...lines,
    ...changes.updated.map((u) => `  updated: ${u}`),
    ...changes.archived.map((a) => `  archived: ${a}`),
  ];
}

/** `plan import <slug> <file> [--dry-run]`. */
export const planImport: AdminCommand = {
  words: ["plan", "import"],
  summary: "import or update a network's plan from a spreadsheet (XLSX or ;-separated CSV), one row per indicator",
  help: `Usage: npm run admin -- plan import <slug> <file.xlsx|file.csv> [--dry-run]

Reads the plan file (first sheet of an XLSX, or CSV in UTF-8 separated by ;) with the columns
  ${PLAN_COLUMNS.join("; ")}
(npm run admin -- plan template <file> writes an empty one) and writes its plans, axes, fiches-actions
and indicators into the network. Every row is checked first: one wrong row imports nothing, and the
error names its row and column. Importing a revised file updates titles, pilots and targets, adds
fiches and indicators, and archives (never deletes) the fiches and indicators it no longer lists;
progress reports are kept. Importing the same file twice changes nothing.

Options:
  --dry-run    print what would change, write nothing

Example:
  npm run admin -- plan import charente-maritime sdaasp-17.xlsx --dry-run`,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(
      args,
      { "dry-run": { type: "boolean" } },
      ["slug", "file"],
      "plan import <slug> <file> [--dry-run]",
    );
    const [slug, file] = positionals as [string, string];
    const plans = planFromTable(await readTable(file));
    const dryRun = values["dry-run"] === true;
    let changes: PlanChanges;
    try {
      changes = await inTransaction(ctx.db, async (tx) => {
        const network = await networkBySlug(tx, slug);
        const result = await applyPlans(tx, network.id, plans);
        if (dryRun) throw new DryRun(result);
        return result;
      });
    } catch (error) {
      if (!(error instanceof DryRun)) throw error;
      ctx.out(`Dry run, nothing written. The import would give: ${describePlanChanges(error.changes).join("\n")}`);
      return 0;
    }
    const lines = describePlanChanges(changes);
    const nothing =
      changes.created.plans +
        changes.created.axes +
        changes.created.fiches +
        changes.created.indicators +
        changes.updated.length +
        changes.archived.length ===
      0;
    ctx.out(
      nothing
        ? `Plan of ${slug} is already up to date: nothing changed.`
        : `Plan of ${slug} imported: ${lines.join("\n")}`,
    );
    return 0;
  },
};

/** `plan template <file>`. */
export const planTemplate: AdminCommand = {
  words: ["plan", "template"],
  summary: "write the empty plan template (XLSX or CSV, by the file's extension)",
  help: `Usage: npm run admin -- plan template <file.xlsx|file.csv>

Writes an empty plan file with the header row that plan import expects; the XLSX has a second
sheet, "Colonnes", explaining each column. The file must not exist yet.

Example:
  npm run admin -- plan template mon-plan.xlsx`,
  async run(args, ctx) {
    const { positionals } = parseCommandArgs(args, {}, ["file"], "plan template <file>");
    const file = positionals[0]!;
    if (existsSync(file))
      throw new AdminError(`The file ${file} already exists: choose another name, nothing was overwritten.`);
    await writeTemplate(file, PLAN_COLUMN_HELP);
    ctx.out(`Template written to ${file}: one row per indicator, columns ${PLAN_COLUMNS.join("; ")}.`);
    return 0;
  },
};

/** `plan counters`. */
export const planCounters: AdminCommand = {
  words: ["plan", "counters"],
  summary: "list the bot's computed counters, the names the plan file's calcul column takes",
  help: `Usage: npm run admin -- plan counters

Lists the names the calcul column of a plan file accepts, with what each counts over the indicator's
period. Example: calcul "evenements:forum-sante" counts the health forums held.`,
  async run(args, ctx) {
    parseCommandArgs(args, {}, [], "plan counters");
    for (const family of COUNTER_FAMILIES) {
      ctx.out(
        `${family.pattern}\n    ${family.counts}${family.values ? `\n    values: ${family.values.join(", ")}` : ""}`,
      );
    }
    return 0;
  },
};
