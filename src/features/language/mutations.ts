import type { Locale } from "../../core/i18n.ts";
import type { Db } from "../../db/database.ts";

/** The language every later message to the member is in. */
export async function setMemberLocale(db: Db, memberId: string, locale: Locale): Promise<void> {
  await db.member.update({ where: { id: memberId }, data: { locale } });
}
