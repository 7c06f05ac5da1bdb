import type { Event, Prisma } from "@prisma/client";
import type { Platform } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";
import { notifyProposer, notifyReviewers } from "./notify.ts";

/**
 * Records a proposal awaiting a coordinator and tells the reviewers, in one transaction: no
 * proposal without its notices.
 */
export function createProposal(
  db: Db,
  data: Prisma.EventUncheckedCreateInput,
  proposer: { memberId: string; organisation: string },
  platforms: readonly Platform[],
  now: Date,
): Promise<Event> {
  return db.$transaction(async (tx) => {
    const created = await tx.event.create({ data });
    await notifyReviewers(tx, created, proposer, platforms, now);
    return created;
  });
}

/** A reviewer's decision on a proposal. */
export interface ProposalDecision {
  approved: boolean;
  note?: string | undefined;
  reviewerId: string;
  now: Date;
  platforms: readonly Platform[];
}

/**
 * Approves or declines a proposal still awaiting a decision and tells its proposer. The status is
 * checked in the update itself, so of two coordinators pressing at once exactly one decides (true).
 */
export function decideProposal(
  db: Db,
  e: Parameters<typeof notifyProposer>[1],
  decision: ProposalDecision,
): Promise<boolean> {
  const { approved, note, now } = decision;
  return db.$transaction(async (tx) => {
    const { count } = await tx.event.updateMany({
      where: { id: e.id, status: "PROPOSED" },
      data: {
        status: approved ? "SCHEDULED" : "REJECTED",
        reviewedById: decision.reviewerId,
        reviewedAt: now,
        reviewNote: note ?? null,
      },
    });
    if (count === 0) return false;
    await notifyProposer(tx, e, note === undefined ? { approved } : { approved, note }, decision.platforms, now);
    return true;
  });
}
