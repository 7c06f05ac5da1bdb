import { parseCommandArgs } from "../args.ts";
import type { AdminCommand } from "../command.ts";
import { applyOrganisations } from "../organisations/apply.ts";
import { KIND_CHOICES } from "../organisations/kinds.ts";
import { ORGANISATION_COLUMNS, organisationsFromTable, TERRITORY_COLUMN } from "../organisations/rows.ts";
import { readTable } from "../table-file.ts";
import { inTransaction, networkBySlug } from "../transaction.ts";

/** `organisations import <slug> <file.csv>`. */
export const organisationsImport: AdminCommand = {
  words: ["organisations", "import"],
  summary: "import or update a network's partner organisations from a CSV file (data·inclusion columns)",
  help: `Usage: npm run admin -- organisations import <slug> <file.csv|file.xlsx>

Reads the partner organisations, one per row, with the columns of the national data·inclusion
structure schema: ${ORGANISATION_COLUMNS.join("; ")}
  nom               the organisation's name, as members see it
  type              a kind's French label or its code: ${KIND_CHOICES.join(", ")}
  code_insee        the INSEE code of its commune, a commune of the network (or empty)
  siret             its SIRET, 14 digits (or empty)
  domaine_courriel  the domain of its staff's e-mail addresses (or empty)
and, optionally, a column for an organisation serving a whole EPCI or department:
  ${TERRITORY_COLUMN}   the SIREN of an EPCI of the network (9 digits) or the code of one of its
                    departments (17, 2A, 971), with code_insee empty (or empty)
An organisation already in the network (same SIRET, else same name) is updated; others are added; none
is removed. Every row is checked first: one wrong row imports nothing. Importing twice changes nothing.

Example:
  npm run admin -- organisations import charente-maritime partenaires.csv`,
  async run(args, ctx) {
    const { positionals } = parseCommandArgs(args, {}, ["slug", "file"], "organisations import <slug> <file.csv>");
    const [slug, file] = positionals as [string, string];
    const rows = organisationsFromTable(await readTable(file));
    const changes = await inTransaction(ctx.db, async (tx) =>
      applyOrganisations(tx, await networkBySlug(tx, slug), rows),
    );
    if (changes.created + changes.updated.length === 0)
      ctx.out(`Organisations of ${slug} are already up to date: nothing changed.`);
    else
      ctx.out(
        `Organisations of ${slug}: ${changes.created} added, ${changes.updated.length} updated${changes.updated.length ? ` (${changes.updated.join(", ")})` : ""}.`,
      );
    return 0;
  },
};
