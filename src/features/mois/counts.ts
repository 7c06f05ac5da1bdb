import type { Db } from "../../db/database.ts";
import { animationsOf, countRegistrations, editionIndicators } from "./data.ts";
import type { Edition } from "./edition.ts";

/** The plan's targets when no indicator names them (SDAASP 82, fiche 3.3). */
export const DEFAULT_TARGETS = { partners: 30, animations: 50 };

export interface EditionCounts {
  /** Distinct organisations with at least one approved animation. */
  partners: number;
  animations: number;
  pending: number;
  /** Places taken at approved animations. */
  registrations: number;
}

/** What an edition gathered so far. */
export async function editionCounts(db: Db, networkId: string, edition: Edition): Promise<EditionCounts> {
  const [approved, pending] = await Promise.all([
    animationsOf(db, networkId, edition, "SCHEDULED"),
    animationsOf(db, networkId, edition, "PROPOSED"),
  ]);
  const registrations = approved.length
    ? await countRegistrations(
        db,
        approved.map((e) => e.id),
      )
    : 0;
  const partners = new Set(approved.flatMap((e) => (e.organisationId ? [e.organisationId] : []))).size;
  return { partners, animations: approved.length, pending: pending.length, registrations };
}

/** The targets of the network's indicators counted by COUNT_PARTNERS and COUNT_ANIMATIONS, else 30 and 50. */
export async function editionTargets(db: Db, networkId: string): Promise<{ partners: number; animations: number }> {
  const rows = await editionIndicators(db, networkId);
  const target = (computation: string, fallback: number) => {
    const row = rows.find((r) => r.computation === computation);
    // An indicator without a numeric target leaves the edition's usual one.
    return row && row.target !== null ? Number(row.target) : fallback;
  };
  return {
    partners: target("COUNT_PARTNERS", DEFAULT_TARGETS.partners),
    animations: target("COUNT_ANIMATIONS", DEFAULT_TARGETS.animations),
  };
}
