import type { Db } from "../../db/database.ts";

/** The roles the member asked for that no coordinator has decided on yet. */
export function pendingRoleRequests(db: Db, memberId: string) {
  return db.roleRequest.findMany({
    where: { memberId, status: "PENDING" },
    select: { role: true },
  });
}
