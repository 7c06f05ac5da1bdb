import type { Prisma } from "@prisma/client";
import type { Db } from "../../db/database.ts";

export const PROGRESS_SELECT = {
  id: true,
  memberId: true,
  date: true,
  text: true,
  value: true,
  ficheAction: { select: { code: true, axis: { select: { plan: { select: { code: true } } } } } },
  indicator: { select: { label: true } },
} satisfies Prisma.ProgressReportSelect;

export type StoredProgress = Prisma.ProgressReportGetPayload<{ select: typeof PROGRESS_SELECT }>;

/** One progress report of the network, whoever wrote it. */
export function findProgress(db: Db, networkId: string, id: string): Promise<StoredProgress | null> {
  return db.progressReport.findFirst({ where: { id, networkId }, select: PROGRESS_SELECT });
}

/** The member's latest progress reports: latest day first, then latest written. */
export function latestProgress(db: Db, memberId: string, take: number): Promise<StoredProgress[]> {
  return db.progressReport.findMany({
    where: { memberId },
    select: PROGRESS_SELECT,
    orderBy: [{ date: "desc" }, { createdAt: "desc" }],
    take,
  });
}
