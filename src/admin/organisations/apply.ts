import { AdminError } from "../errors.ts";
import type { Tx } from "../transaction.ts";
import { type OrganisationInput, TERRITORY_COLUMN } from "./rows.ts";

/** What importing organisations changed. */
export interface OrganisationChanges {
  created: number;
  updated: string[];
}

/**
 * Checks each row's commune, EPCI or department against the network, then creates the new organisations in bulk and
 * updates the others (matched by SIRET, else by name). Organisations absent from the file stay.
 */
export async function applyOrganisations(
  tx: Tx,
  network: { id: string; slug: string },
  rows: readonly OrganisationInput[],
): Promise<OrganisationChanges> {
  const networkId = network.id;
  const territoryOf = await placesOf(tx, network, rows);
  const existing = await tx.organisation.findMany({
    where: { networkId },
    select: { id: true, name: true, kind: true, territoryId: true, siret: true, emailDomain: true },
  });
  const changes: OrganisationChanges = { created: 0, updated: [] };
  const creates = [];
  for (const r of rows) {
    const territoryId = r.place ? territoryOf.get(`${r.place.kind}:${r.place.code}`)! : null;
    const match =
      (r.siret ? existing.find((o) => o.siret === r.siret) : undefined) ??
      existing.find((o) => o.name.toLowerCase() === r.name.toLowerCase());
    if (!match) {
      creates.push({ networkId, name: r.name, kind: r.kind, territoryId, siret: r.siret, emailDomain: r.emailDomain });
      continue;
    }
    if (match.siret && r.siret && match.siret !== r.siret) {
      throw new AdminError(
        `Row ${r.line}, column siret: "${match.name}" already has SIRET ${match.siret} in the network; correct the file or the organisation.`,
      );
    }
    const clash = existing.find((o) => o !== match && o.name.toLowerCase() === r.name.toLowerCase());
    if (clash)
      throw new AdminError(
        `Row ${r.line}, column nom: SIRET ${r.siret} belongs to "${match.name}", and another organisation is already named "${r.name}".`,
      );
    const data = { name: r.name, kind: r.kind, territoryId, siret: r.siret ?? match.siret, emailDomain: r.emailDomain };
    if (
      data.name === match.name &&
      data.kind === match.kind &&
      data.territoryId === match.territoryId &&
      data.siret === match.siret &&
      data.emailDomain === match.emailDomain
    )
      continue;
    await tx.organisation.update({ where: { id: match.id }, data });
    changes.updated.push(r.name);
  }
  if (creates.length) await tx.organisation.createMany({ data: creates });
  changes.created = creates.length;
  return changes;
}

const WHAT = { COMMUNE: "a commune", EPCI: "an EPCI", DEPARTMENT: "a department" } as const;

/** The id of each territory the rows name, by `kind:code`; a code the network lacks names its row. */
async function placesOf(
  tx: Tx,
  network: { id: string; slug: string },
  rows: readonly OrganisationInput[],
): Promise<Map<string, string>> {
  const places = rows.flatMap((r) => (r.place ? [r.place] : []));
  const found = await tx.territory.findMany({
    where: {
      networkId: network.id,
      OR: (["COMMUNE", "EPCI", "DEPARTMENT"] as const).map((kind) => ({
        kind,
        code: { in: places.filter((p) => p.kind === kind).map((p) => p.code) },
      })),
    },
    select: { id: true, kind: true, code: true },
  });
  const ids = new Map(found.map((t) => [`${t.kind}:${t.code}`, t.id]));
  const stray = rows.find((r) => r.place && !ids.has(`${r.place.kind}:${r.place.code}`));
  if (stray?.place) {
    const departments = await tx.territory.findMany({
      where: { networkId: network.id, kind: "DEPARTMENT" },
      select: { code: true },
      orderBy: { code: "asc" },
    });
    const list = departments.length
      ? `department${departments.length > 1 ? "s" : ""} ${departments.map((d) => d.code).join(", ")}`
      : "no territory yet (npm run admin -- network create)";
    const column = stray.place.kind === "COMMUNE" ? "code_insee" : TERRITORY_COLUMN;
    throw new AdminError(
      `Row ${stray.line}, column ${column}: ${stray.place.code} is not ${WHAT[stray.place.kind]} of network ${network.slug}, which covers ${list}.`,
    );
  }
  return ids;
}
