import { Prisma } from "@prisma/client";
import { addDays, parisDay } from "../../calendar/paris.ts";
import type { Db } from "../../db/database.ts";
import { isoDay } from "../../shared/dates.ts";

/** An adviser is nudged, and named in the digest, after this many days without reporting. */
export const SILENCE_DAYS = 21;

/** A digital adviser who has not reported for SILENCE_DAYS days. */
export interface SilentAdviser {
  memberId: string;
  networkId: string;
  displayName: string;
  /** Their latest activity (by its day), or null when they never reported. */
  lastReportId: string | null;
  /** That activity's day, "2026-10-30". */
  lastDay: string | null;
}

/** Narrows the search to a network, or to one member. */
export interface SilenceScope {
  networkId?: string;
  memberId?: string;
}

/**
 * Active digital advisers whose latest activity happened SILENCE_DAYS or more days before `at`
 * (Paris calendar), or who joined that long ago and never reported; by name. An adviser who wrote a
 * report within that time is not silent even if it was dated weeks back: they have just caught up.
 */
export async function silentAdvisers(db: Db, at: Date, scope: SilenceScope = {}): Promise<SilentAdviser[]> {
  const since = new Date(at.getTime() - SILENCE_DAYS * 24 * 3600 * 1000);
  const cutoff = isoDay(addDays(parisDay(at), -SILENCE_DAYS));
  const network = scope.networkId ? Prisma.sql`and m."networkId" = ${scope.networkId}::uuid` : Prisma.empty;
  const member = scope.memberId ? Prisma.sql`and m."id" = ${scope.memberId}::uuid` : Prisma.empty;
  return db.$queryRaw<SilentAdviser[]>`
    select m."id"::text as "memberId", m."networkId"::text as "networkId", m."displayName" as "displayName",
      last."id"::text as "lastReportId", to_char(last."date", 'YYYY-MM-DD') as "lastDay"
    from "Member" m
    left join lateral (
      select a."id", a."date" from "ActivityReport" a where a."memberId" = m."id"
      order by a."date" desc, a."createdAt" desc, a."id" desc limit 1
    ) last on true
    where m."status" = 'ACTIVE' and 'DIGITAL_ADVISER' = any(m."roles") ${network} ${member}
      and case when last."id" is null then m."createdAt" <= ${since} else last."date" <= ${cutoff}::date end
      and not exists (select 1 from "ActivityReport" w where w."memberId" = m."id" and w."createdAt" > ${since})
    order by m."displayName", m."id"`;
}
