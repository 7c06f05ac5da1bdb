import type { Db } from "../../db/database.ts";

/** A member's profile as the profile view shows it. */
export async function loadProfile(db: Db, memberId: string) {
  return db.member.findUniqueOrThrow({
    where: { id: memberId },
    select: {
      displayName: true,
      roles: true,
      locale: true,
      quietStartMin: true,
      quietEndMin: true,
      organisation: { select: { id: true, name: true } },
      territory: { select: { id: true, name: true } },
      identities: { select: { platform: true }, orderBy: { createdAt: "asc" } },
      roleRequests: { where: { status: "PENDING" }, select: { role: true } },
    },
  });
}

export type Profile = Awaited<ReturnType<typeof loadProfile>>;
