import { parseCommandArgs } from "../args.ts";
import type { AdminCommand } from "../command.ts";
import { AdminError } from "../errors.ts";
import { setUpNetwork } from "../network.ts";
import { inTransaction } from "../transaction.ts";

const USAGE = 'network create <slug> --name "<name>" --department <code> [--department <code>…]';

/** `network create`: a network and its territories from France's official geography. */
export const networkCreate: AdminCommand = {
  words: ["network", "create"],
  summary: "create a network (or complete it) with its departments, EPCIs and communes from the official geography",
  help: `Usage: npm run admin -- ${USAGE}

Creates the network <slug> (lower-case letters, digits and dashes) and its territories from France's
official geography (@etalab/decoupage-administratif): each department, its EPCIs (SIREN code) and its
current communes (INSEE code), each commune under its EPCI. Running it again changes nothing; with
another --department it adds that department's territories; with another --name it renames the network.

Options:
  --name <name>          the network's name, as members see it
  --department <code>    a department code (17, 2A, 971…); repeat for several

Example:
  npm run admin -- network create charente-maritime --name "Réseau des partenaires de Charente-Maritime" --department 17`,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(
      args,
      { name: { type: "string" }, department: { type: "string", multiple: true } },
      ["slug"],
      USAGE,
    );
    const slug = positionals[0]!;
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug))
      throw new AdminError(
        `The slug "${slug}" must be lower-case letters, digits and dashes (e.g. charente-maritime).`,
        2,
      );
    const name = typeof values.name === "string" ? values.name.trim() : "";
    const departments = (values.department as string[] | undefined) ?? [];
    if (!name) throw new AdminError(`--name is required; usage: ${USAGE}`, 2);
    if (departments.length === 0) throw new AdminError(`At least one --department is required; usage: ${USAGE}`, 2);
    const outcome = await inTransaction(ctx.db, (tx) => setUpNetwork(tx, { slug, name, departments }));
    const { created, renamed, territories: changes } = outcome;
    const added = changes.created;
    const counts = `${added.DEPARTMENT} department(s), ${added.EPCI} EPCI(s) and ${added.COMMUNE} commune(s) added`;
    const updates = changes.renamed + changes.moved > 0 ? `, ${changes.renamed} renamed, ${changes.moved} moved` : "";
    if (created) ctx.out(`Network ${slug} created: ${counts}.`);
    else if (renamed || added.DEPARTMENT + added.EPCI + added.COMMUNE + changes.renamed + changes.moved > 0)
      ctx.out(`Network ${slug} updated${renamed ? ` (renamed "${name}")` : ""}: ${counts}${updates}.`);
    else ctx.out(`Network ${slug} is already up to date: nothing changed.`);
    return 0;
  },
};
