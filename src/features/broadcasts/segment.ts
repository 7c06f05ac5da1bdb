import type { Prisma } from "@prisma/client";
import { z } from "zod";
import type { Locale, Translate } from "../../core/i18n.ts";
import { PLATFORMS } from "../../core/inbound.ts";
import { ROLES } from "../../core/roles.ts";
import type { Db } from "../../db/database.ts";
import { territoriesWithin } from "../../services/directory/territories.ts";

/**
 * Who a broadcast goes to. An empty dimension does not filter; dimensions combine with AND, the
 * values of one dimension with OR. A territory covers its descendants (a department its
 * intercommunalities and their communes), and reaches the members placed there and the members of
 * organisations located there: a France Services agent in Moissac is "in Terres des Confluences"
 * whether their profile names the commune or only their organisation does.
 */
export const segmentSchema = z.object({
  roles: z.array(z.enum(ROLES)).default([]),
  territoryIds: z.array(z.uuid()).default([]),
  organisationIds: z.array(z.uuid()).default([]),
  groupIds: z.array(z.uuid()).default([]),
  platform: z.enum(PLATFORMS).nullable().default(null),
});

export type Segment = z.output<typeof segmentSchema>;

/** A member a segment selects, with what the preview and the length check need. */
export interface SegmentMember {
  id: string;
  displayName: string;
  locale: Locale;
}

/** The active members of the network the segment selects, by name. */
export async function segmentMembers(db: Db, networkId: string, segment: Segment): Promise<SegmentMember[]> {
  const territories = await territoriesWithin(db, networkId, segment.territoryIds);
  const and: Prisma.MemberWhereInput[] = [];
  if (segment.roles.length) and.push({ roles: { hasSome: segment.roles } });
  if (segment.territoryIds.length) {
    and.push({ OR: [{ territoryId: { in: territories } }, { organisation: { territoryId: { in: territories } } }] });
  }
  if (segment.organisationIds.length) and.push({ organisationId: { in: segment.organisationIds } });
  if (segment.groupIds.length)
    and.push({ groups: { some: { groupId: { in: segment.groupIds }, group: { archivedAt: null } } } });
  if (segment.platform) {
    // Read apart: Prisma's `identities: { some }` filter costs seconds on 10,000 members.
    const onPlatform = await db.platformIdentity.findMany({
      where: { networkId, platform: segment.platform },
      select: { memberId: true },
      distinct: ["memberId"],
    });
    and.push({ id: { in: onPlatform.map((i) => i.memberId) } });
  }
  const rows = await db.member.findMany({
    where: { networkId, status: "ACTIVE", AND: and },
    select: { id: true, displayName: true, locale: true },
    orderBy: { displayName: "asc" },
  });
  return rows.map((r) => ({ id: r.id, displayName: r.displayName, locale: r.locale as Locale }));
}

/** The segment in words ("rôles : partenaires ; territoire : Montauban"), or "the whole network". */
export async function describeSegment(
  db: Db,
  networkId: string,
  segment: Segment,
  t: Translate,
  locale: Locale,
): Promise<string> {
  const [territories, organisations, groups] = await Promise.all([
    db.territory.findMany({ where: { networkId, id: { in: segment.territoryIds } }, select: { name: true } }),
    db.organisation.findMany({ where: { networkId, id: { in: segment.organisationIds } }, select: { name: true } }),
    db.workingGroup.findMany({ where: { networkId, id: { in: segment.groupIds } }, select: { name: true } }),
  ]);
  const or = (items: string[]) => new Intl.ListFormat(locale, { type: "disjunction" }).format(items);
  const parts: string[] = [];
  if (segment.roles.length)
    parts.push(t("broadcasts.segment.roles", { roles: or(segment.roles.map((r) => t(`roles.plural.${r}`))) }));
  if (territories.length) parts.push(t("broadcasts.segment.territory", { names: or(territories.map((x) => x.name)) }));
  if (organisations.length)
    parts.push(t("broadcasts.segment.organisation", { names: or(organisations.map((x) => x.name)) }));
  if (groups.length) parts.push(t("broadcasts.segment.group", { names: or(groups.map((x) => x.name)) }));
  if (segment.platform) parts.push(t("broadcasts.segment.platform", { platform: t(`platforms.${segment.platform}`) }));
  return parts.length ? parts.join(" ; ") : t("broadcasts.segment.everyone");
}
