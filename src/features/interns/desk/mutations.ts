import type { Platform } from "../../../core/inbound.ts";
import type { Db } from "../../../db/database.ts";
import { loadRequest, requestNumber } from "./data.ts";
import { notifyCoordinators, relayAnswer } from "./notify.ts";

/** Time a desk transaction may wait for a connection and then hold it (a few queries under a lock). */
const DESK_TRANSACTION = { maxWait: 15_000, timeout: 15_000 } as const;

/**
 * Saves the member's question (with their cohort and placement site now) and queues it to the
 * coordinators, in one transaction. Requests of a network are created one at a time (advisory lock)
 * with strictly increasing instants, which keeps their numbers stable (see `requestNumber`).
 */
export async function askQuestion(
  db: Db,
  input: { networkId: string; memberId: string; question: string; now: Date; platforms: readonly Platform[] },
): Promise<{ id: string; number: number }> {
  const { networkId, memberId, question, now } = input;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`welcome-request:${networkId}`}))`;
    const last = await tx.welcomeRequest.findFirst({
      where: { networkId },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    });
    const createdAt = last && last.createdAt >= now ? new Date(last.createdAt.getTime() + 1) : now;
    const member = await tx.member.findUniqueOrThrow({
      where: { id: memberId },
      select: {
        displayName: true,
        cohortId: true,
        placementSite: true,
        territoryId: true,
        cohort: { select: { name: true } },
      },
    });
    const row = await tx.welcomeRequest.create({
      data: {
        networkId,
        memberId,
        cohortId: member.cohortId,
        site: member.placementSite,
        territoryId: member.territoryId,
        question,
        createdAt,
      },
      select: { id: true },
    });
    const number = await requestNumber(tx, networkId, createdAt);
    await notifyCoordinators(
      tx,
      {
        id: row.id,
        networkId,
        number,
        question,
        internName: member.displayName,
        cohortName: member.cohort?.name ?? null,
        site: member.placementSite,
      },
      input.platforms,
      now,
    );
    return { id: row.id, number };
  }, DESK_TRANSACTION);
}

export type AnswerOutcome =
  | { kind: "not-found" }
  | { kind: "already"; number: number; by: string | null; at: Date; answer: string }
  | { kind: "answered"; number: number; internName: string | null; relayed: boolean };

/**
 * Records a coordinator's answer and queues it to the intern, with the request row locked: when two
 * coordinators answer at once, the first stands and the second is told who answered and when.
 */
export async function answerRequest(
  db: Db,
  input: {
    networkId: string;
    requestId: string;
    coordinatorId: string;
    answer: string;
    now: Date;
    platforms: readonly Platform[];
  },
): Promise<AnswerOutcome> {
  const { networkId, requestId, now } = input;
  return db.$transaction(async (tx): Promise<AnswerOutcome> => {
    await tx.$queryRaw`select id from "WelcomeRequest" where id = ${requestId}::uuid for update`;
    const request = await loadRequest(tx, networkId, requestId);
    if (!request) return { kind: "not-found" };
    const number = await requestNumber(tx, networkId, request.createdAt);
    if (request.status === "ANSWERED") {
      return {
        kind: "already",
        number,
        by: request.answeredBy?.displayName ?? null,
        at: request.answeredAt ?? request.updatedAt,
        answer: request.answer ?? "",
      };
    }
    await tx.welcomeRequest.update({
      where: { id: request.id },
      data: { status: "ANSWERED", answer: input.answer, answeredById: input.coordinatorId, answeredAt: now },
    });
    const relayed = await relayAnswer(
      tx,
      {
        id: request.id,
        networkId,
        number,
        question: request.question ?? "",
        answer: input.answer,
        memberId: request.memberId,
      },
      input.platforms,
      now,
    );
    return { kind: "answered", number, internName: request.member?.displayName ?? null, relayed };
  }, DESK_TRANSACTION);
}
