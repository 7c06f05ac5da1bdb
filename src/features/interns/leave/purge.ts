import type { Prisma } from "@prisma/client";
import type { Logger } from "pino";
import { parisDay } from "../../../calendar/paris.ts";
import { createTranslator } from "../../../core/i18n.ts";
import type { Db } from "../../../db/database.ts";
import { anonymiseMember, NOT_ANONYMISED } from "../../privacy/anonymise.ts";
import { isPurgeDue, ONLY_INTERN, purgeDayOnOrBefore } from "./purge-date.ts";

const BATCH = 200;

/** What one run of the purge did. */
export interface PurgeResult {
  purged: number;
}

/**
 * A purged intern keeps an anonymous member row (status LEFT, no platform account): their event
 * registrations and attendance cascade on a deleted member, and the indicators count those rows.
 * "Already purged" is exactly that: LEFT with no account left.
 */
const NOT_PURGED = NOT_ANONYMISED;

/**
 * Daily: deletes the personal data of interns whose semester ended three months ago and who did
 * not choose to stay in touch. Idempotent (a purged intern is not selected again), in batches, one
 * transaction per intern. Returns the count, which the scheduler logs.
 */
export async function purgeExpiredInterns(db: Db, now: Date, log?: Logger): Promise<PurgeResult> {
  const today = parisDay(now);
  let purged = 0;
  let cursor: string | undefined;
  for (;;) {
    const interns = await db.member.findMany({
      where: { ...ONLY_INTERN, keepInTouch: false, ...NOT_PURGED, AND: [purgeDayOnOrBefore(today)] },
      select: {
        id: true,
        locale: true,
        leftAt: true,
        arrivesOn: true,
        createdAt: true,
        cohort: { select: { arrivesOn: true } },
      },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (interns.length === 0) break;
    cursor = interns.at(-1)!.id;
    for (const intern of interns.filter((i) => isPurgeDue(i, today))) {
      await db.$transaction((tx) => purgeIntern(tx, intern, now));
      purged += 1;
    }
    if (interns.length < BATCH) break;
  }
  log?.info({ purged }, "expired interns purged");
  return { purged };
}

/** Removes what identifies one intern, keeping the anonymous rows that feed counts. */
function purgeIntern(
  tx: Prisma.TransactionClient,
  intern: { id: string; locale: "fr" | "en"; leftAt: Date | null },
  now: Date,
): Promise<void> {
  return anonymiseMember(
    tx,
    { id: intern.id, leftAt: intern.leftAt, anonymousName: createTranslator(intern.locale)("leave.purgedName") },
    now,
  );
}
