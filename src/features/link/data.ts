import type { Db } from "../../db/database.ts";

/** The language and network of the member an account was just linked to. */
export function linkedMember(db: Db, memberId: string) {
  return db.member.findUniqueOrThrow({ where: { id: memberId }, select: { locale: true, networkId: true } });
}
