import { AppError } from "../../core/errors.ts";
import type { Db } from "../../db/database.ts";
import { matchTerritoryName } from "../../shared/territory-names.ts";
import { findTerritory, networkTerritories } from "./data.ts";

/** A territory an export may be narrowed to. */
export interface ExportTerritory {
  id: string;
  name: string;
  kind: "DEPARTMENT" | "EPCI" | "COMMUNE";
}

/** Above this many communes they are not offered one by one (a menu would be too long to use). */
export const COMMUNE_CHOICES_MAX = 25;

/** The department, its intercommunalities, and the communes when there are few, as the form lists them. */
export async function exportTerritories(db: Db, networkId: string): Promise<ExportTerritory[]> {
  const rows = await networkTerritories(db, networkId);
  const of = (kind: ExportTerritory["kind"]) => rows.filter((r) => r.kind === kind) as ExportTerritory[];
  const communes = of("COMMUNE");
  return [...of("DEPARTMENT"), ...of("EPCI"), ...(communes.length <= COMMUNE_CHOICES_MAX ? communes : [])];
}

/** A territory of the network by its id (a form's answer), or an error the member can act on. */
export async function territoryById(db: Db, networkId: string, id: string): Promise<ExportTerritory> {
  const row = await findTerritory(db, networkId, id);
  if (!row) throw new AppError("unknown_territory", "reports.errors.territory", { name: id });
  return row as ExportTerritory;
}

/**
 * A territory by a name the member typed: the one so named, or the only one whose name contains
 * it ("Terres des Confluences" for "Communauté de communes Terres des Confluences").
 */
export async function territoryByName(db: Db, networkId: string, typed: string): Promise<ExportTerritory> {
  const rows = (await networkTerritories(db, networkId)) as ExportTerritory[];
  const match = matchTerritoryName(rows, typed);
  if (match.kind === "found") return match.territory;
  if (match.kind === "unknown") throw new AppError("unknown_territory", "reports.errors.territory", { name: typed });
  throw new AppError("ambiguous_territory", "reports.errors.ambiguous", {
    name: typed,
    names: match.names.slice(0, 5).join(", "),
  });
}
