import type { Db } from "../../db/database.ts";
import { columnOfDay } from "../activities/days.ts";
import { consumeDraft, dropDraft } from "./pending.ts";
import type { ValidProgress } from "./schema.ts";

/**
 * Stores a progress report on a fiche and forgets the account's draft in the same transaction.
 * With `draftToken` (a draft saved by its button) nothing is stored when that draft is already
 * gone: null, a second press.
 */
export async function recordProgress(
  db: Db,
  author: { networkId: string; memberId: string; identityId: string },
  ficheActionId: string,
  report: ValidProgress,
  draftToken?: string,
): Promise<string | null> {
  return db.$transaction(async (tx) => {
    if (draftToken !== undefined && !(await consumeDraft(tx, author.identityId, draftToken))) return null;
    const created = await tx.progressReport.create({
      data: {
        networkId: author.networkId,
        memberId: author.memberId,
        ficheActionId,
        indicatorId: report.indicatorId,
        date: columnOfDay(report.date),
        value: report.value,
        text: report.text,
      },
      select: { id: true },
    });
    await dropDraft(tx, author.identityId);
    return created.id;
  });
}

/** Deletes a progress report; only its author's, which the caller checked. */
export async function deleteProgress(db: Db, id: string, memberId: string): Promise<boolean> {
  const { count } = await db.progressReport.deleteMany({ where: { id, memberId } });
  return count === 1;
}
