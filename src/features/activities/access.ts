import { addDays, compareDays, parisDay } from "../../calendar/paris.ts";
import type { Context } from "../../core/context.ts";
import { AppError } from "../../core/errors.ts";
import { findMemberName } from "../../services/directory/data.ts";
import { isUuid } from "../../shared/ids.ts";
import { EDITABLE_DAYS } from "./catalogue.ts";
import { findReport, type StoredReport } from "./data.ts";
import { dayOfColumn, formatDay } from "./days.ts";

/** True while the author may still change a report: its activity is at most EDITABLE_DAYS old. */
export function stillEditable(report: Pick<StoredReport, "date">, now: Date): boolean {
  return compareDays(dayOfColumn(report.date), addDays(parisDay(now), -EDITABLE_DAYS)) >= 0;
}

/** The member's own report, still editable, or an AppError whose sentence says why not. */
export async function editableReport(ctx: Context, id: string): Promise<StoredReport> {
  const report = isUuid(id) ? await findReport(ctx.db, ctx.actor.networkId, id) : null;
  if (!report) throw new AppError("activity_not_found", "activities.errors.notFound");
  if (report.memberId !== ctx.actor.memberId) {
    const author = await findMemberName(ctx.db, report.memberId);
    throw new AppError("activity_not_yours", "activities.errors.notYours", { author: author?.displayName ?? "?" });
  }
  if (!stillEditable(report, ctx.now)) {
    throw new AppError("activity_too_old", "activities.errors.tooOld", {
      date: formatDay(dayOfColumn(report.date), ctx.actor.locale),
      days: EDITABLE_DAYS,
    });
  }
  return report;
}
