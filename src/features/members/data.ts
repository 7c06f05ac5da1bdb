import type { Role } from "../../core/roles.ts";
import type { Db } from "../../db/database.ts";

export const MEMBER_LIST_LIMIT = 50;

/** Active members of the network, optionally holding `role`, by name. */
export async function listMembers(db: Db, networkId: string, role?: Role) {
  const where = { networkId, status: "ACTIVE" as const, ...(role ? { roles: { has: role } } : {}) };
  const [total, members] = await Promise.all([
    db.member.count({ where }),
    db.member.findMany({
      where,
      select: { displayName: true, roles: true, organisation: { select: { name: true } } },
      orderBy: { displayName: "asc" },
      take: MEMBER_LIST_LIMIT,
    }),
  ]);
  return { total, members };
}

/** Role requests waiting for a coordinator, oldest first. */
export async function listPendingRequests(db: Db, networkId: string) {
  return db.roleRequest.findMany({
    where: { networkId, status: "PENDING" },
    select: {
      id: true,
      role: true,
      createdAt: true,
      member: { select: { displayName: true, organisation: { select: { name: true } } } },
    },
    orderBy: { createdAt: "asc" },
  });
}

/** Finds a pending request of the network by its id or by the short reference shown in lists. */
export async function findRequestByReference(db: Db, networkId: string, reference: string) {
  const ref = reference.trim().toLowerCase();
  if (!/^[0-9a-f-]{8,36}$/.test(ref)) return null;
  const rows = await db.$queryRaw<{ id: string }[]>`
    select id::text as id from "RoleRequest" where "networkId" = ${networkId}::uuid and id::text like ${`${ref}%`} limit 2`;
  return rows.length === 1 ? rows[0]!.id : null;
}
