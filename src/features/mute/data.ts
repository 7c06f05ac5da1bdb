import type { Db } from "../../db/database.ts";

/**
 * What a member may mute: network news broadcasts, working-group reminders, and calls for the
 * newsletter. The names are the outbox categories; urgent messages ignore them.
 */
export const MUTABLE_CATEGORIES = ["broadcast", "reminder", "news"] as const;
export type MutableCategory = (typeof MUTABLE_CATEGORIES)[number];

export function isMutableCategory(value: string): value is MutableCategory {
  return (MUTABLE_CATEGORIES as readonly string[]).includes(value);
}

/** The categories the member muted. */
export async function mutedCategories(db: Db, memberId: string): Promise<string[]> {
  return (await db.member.findUniqueOrThrow({ where: { id: memberId }, select: { mutedCategories: true } }))
    .mutedCategories;
}

/**
 * Mutes the category if it was not, unmutes it if it was; returns the muted categories after. One
 * statement: two quick presses from two devices toggle twice rather than losing one.
 */
export async function toggleMuted(db: Db, memberId: string, category: MutableCategory): Promise<string[]> {
  const rows = await db.$queryRaw<{ muted: string[] }[]>`
    update "Member" set "mutedCategories" = case when ${category}::text = any("mutedCategories")
        then array_remove("mutedCategories", ${category}::text) else array_append("mutedCategories", ${category}::text) end,
      "updatedAt" = now()
    where "id" = ${memberId}::uuid
    returning "mutedCategories" as "muted"`;
  return rows[0]?.muted ?? [];
}
