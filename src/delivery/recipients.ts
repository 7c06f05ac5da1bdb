import type { Platform } from "../core/inbound.ts";
import type { DbClient } from "../db/database.ts";

/** Where and how a member is reached on the bot's own initiative. */
export interface Recipient {
  memberId: string;
  platform: Platform;
  /** PlatformIdentity.externalId: the delivery target `{ to: "member", id }`. */
  externalId: string;
  quietStartMin: number;
  quietEndMin: number;
  mutedCategories: string[];
}

/**
 * The platform each member is reached on, among those the bot delivers to now: `only` if given;
 * else the platform account they attached last, the local web chat only when they have no other.
 * Members with no reachable account are absent from the result.
 */
export async function findRecipients(
  db: DbClient,
  memberIds: readonly string[],
  platforms: readonly Platform[],
  only?: Platform,
): Promise<Map<string, Recipient>> {
  const allowed = only ? platforms.filter((p) => p === only) : platforms;
  const out = new Map<string, Recipient>();
  if (memberIds.length === 0 || allowed.length === 0) return out;
  const identities = await db.platformIdentity.findMany({
    where: { memberId: { in: [...memberIds] }, platform: { in: [...allowed] }, member: { status: "ACTIVE" } },
    select: {
      memberId: true,
      platform: true,
      externalId: true,
      createdAt: true,
      member: { select: { quietStartMin: true, quietEndMin: true, mutedCategories: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  for (const i of identities) {
    const current = out.get(i.memberId);
    // Later accounts win, except that the local chat never replaces a real platform.
    if (current && i.platform === "local" && current.platform !== "local") continue;
    out.set(i.memberId, {
      memberId: i.memberId,
      platform: i.platform as Platform,
      externalId: i.externalId,
      quietStartMin: i.member.quietStartMin,
      quietEndMin: i.member.quietEndMin,
      mutedCategories: i.member.mutedCategories,
    });
  }
  return out;
}
