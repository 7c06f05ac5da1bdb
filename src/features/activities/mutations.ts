import { Prisma } from "@prisma/client";
import type { Db } from "../../db/database.ts";
import { columnOfDay } from "./days.ts";
import { consumeDraft, dropDraft } from "./pending.ts";
import type { ValidReport } from "./schema.ts";

function columns(r: ValidReport) {
  return {
    kind: r.kind,
    date: columnOfDay(r.date),
    durationMin: r.durationMin,
    place: r.place,
    organisationId: r.organisationId,
    territoryId: r.territoryId,
    participants: r.participants,
    ageBrackets: r.ageBrackets ?? Prisma.DbNull,
    themes: r.themes,
    procedures: r.procedures,
    equipment: r.equipment,
    autonomy: r.autonomy,
    referred: r.referred,
    referralKind: r.referralKind,
    workshopTitle: r.workshopTitle,
    workshopLevel: r.workshopLevel,
    notes: r.notes,
  } satisfies Prisma.ActivityReportUncheckedUpdateInput;
}

/**
 * Stores a new report and forgets the account's draft in the same transaction. With `draftToken`
 * (a confirmed draft) nothing is stored when that draft is already gone: null, a second press.
 */
export async function recordActivity(
  db: Db,
  author: { networkId: string; memberId: string; identityId: string },
  report: ValidReport,
  options: { draftToken?: string } = {},
): Promise<string | null> {
  const { draftToken } = options;
  return db.$transaction(async (tx) => {
    if (draftToken !== undefined && !(await consumeDraft(tx, author.identityId, draftToken))) return null;
    const created = await tx.activityReport.create({
      data: { networkId: author.networkId, memberId: author.memberId, ...columns(report) },
      select: { id: true },
    });
    await dropDraft(tx, author.identityId);
    return created.id;
  });
}

/** Replaces a report's fields; only its author's, which the caller checked. */
export async function changeActivity(db: Db, id: string, memberId: string, report: ValidReport): Promise<boolean> {
  const { count } = await db.activityReport.updateMany({ where: { id, memberId }, data: columns(report) });
  return count === 1;
}

export async function deleteActivity(db: Db, id: string, memberId: string): Promise<boolean> {
  const { count } = await db.activityReport.deleteMany({ where: { id, memberId } });
  return count === 1;
}
