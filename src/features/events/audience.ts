import type { Db } from "../../db/database.ts";
import { territoriesWithin } from "../directory/territories.ts";

/** Who may register for an event: roles (empty: any) and territories with their descendants (empty: the whole network). */
export interface EventAudience {
  networkId: string;
  audienceRoles: readonly string[];
  audienceTerritoryIds: readonly string[];
}

/** What the audience rule needs to know about a member. */
export interface AudienceMember {
  id: string;
  roles: readonly string[];
  territoryId: string | null;
  organisation: { territoryId: string | null } | null;
}

/** The member with what the audience rule reads. */
export function loadAudienceMember(db: Db, memberId: string): Promise<AudienceMember> {
  return db.member.findUniqueOrThrow({ where: { id: memberId }, select: { id: true, roles: true, territoryId: true, organisation: { select: { territoryId: true } } } });
}

/**
 * True when the member may register: holding one of the roles, and placed in one of the
 * territories or under them, by their own territory or their organisation's.
 */
export async function inAudience(db: Db, event: EventAudience, member: AudienceMember, within?: ReadonlySet<string>): Promise<boolean> {
  if (event.audienceRoles.length > 0 && !member.roles.some((r) => event.audienceRoles.includes(r))) return false;
  if (event.audienceTerritoryIds.length === 0) return true;
  const territories = within ?? new Set(await territoriesWithin(db, event.networkId, event.audienceTerritoryIds));
  return [member.territoryId, member.organisation?.territoryId].some((t) => t != null && territories.has(t));
}
