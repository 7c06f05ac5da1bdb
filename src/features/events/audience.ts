import type { Db } from "../../db/database.ts";
import { territoriesWithin } from "../../services/directory/territories.ts";
import { EVENT_ORGANISERS } from "./schema.ts";

/** Who may register for an event: roles (empty: any) and territories with their descendants (empty: the whole network). */
export interface EventAudience {
  networkId: string;
  audienceRoles: readonly string[];
  audienceTerritoryIds: readonly string[];
  /** A welcome evening's cohort: only its interns (and the organisers) may register. */
  cohortId?: string | null;
}

/** What the audience rule needs to know about a member. */
export interface AudienceMember {
  id: string;
  roles: readonly string[];
  territoryId: string | null;
  organisation: { territoryId: string | null } | null;
  /** The intern's cohort; unknown (not loaded) counts as none. */
  cohortId?: string | null;
}

/**
 * True when the member may register: holding one of the roles, and placed in one of the
 * territories or under them, by their own territory or their organisation's. A cohort's event is
 * for the interns of that cohort; organisers may register too, whatever the other rules, since
 * they host the evening.
 */
export async function inAudience(
  db: Db,
  event: EventAudience,
  member: AudienceMember,
  within?: ReadonlySet<string>,
): Promise<boolean> {
  if (event.cohortId) {
    if (EVENT_ORGANISERS.some((r) => member.roles.includes(r))) return true;
    if (member.cohortId !== event.cohortId) return false;
  }
  if (event.audienceRoles.length > 0 && !member.roles.some((r) => event.audienceRoles.includes(r))) return false;
  if (event.audienceTerritoryIds.length === 0) return true;
  const territories = within ?? new Set(await territoriesWithin(db, event.networkId, event.audienceTerritoryIds));
  return [member.territoryId, member.organisation?.territoryId].some((t) => t != null && territories.has(t));
}
