import type { Db, DbClient } from "../../../db/database.ts";

/**
 * A request's number ("question n° 12"): its rank in the network's requests by creation. Requests are
 * never deleted (a purge only empties them) and are created one at a time with increasing instants
 * (see `askQuestion`), so a number never changes once shown.
 */
export function requestNumber(db: DbClient, networkId: string, createdAt: Date): Promise<number> {
  return db.welcomeRequest.count({ where: { networkId, createdAt: { lte: createdAt } } });
}

/** The request a typed number names in the network, if any. */
export async function findRequestByNumber(
  db: DbClient,
  networkId: string,
  number: number,
): Promise<{ id: string } | null> {
  if (!Number.isSafeInteger(number) || number < 1) return null;
  const rows = await db.welcomeRequest.findMany({
    where: { networkId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: number - 1,
    take: 1,
    select: { id: true },
  });
  return rows[0] ?? null;
}

const withPeople = {
  member: { select: { displayName: true } },
  cohort: { select: { name: true } },
  answeredBy: { select: { displayName: true } },
} as const;

/** One request of the network with the intern, cohort and who answered; null if absent or elsewhere. */
export function loadRequest(db: DbClient, networkId: string, id: string) {
  return db.welcomeRequest.findFirst({ where: { id, networkId }, include: withPeople });
}
export type LoadedRequest = NonNullable<Awaited<ReturnType<typeof loadRequest>>>;

/** Requests waiting for an answer, oldest first. */
export function openRequests(db: Db, networkId: string, take: number) {
  return db.welcomeRequest.findMany({
    where: { networkId, status: "OPEN" },
    include: withPeople,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
  });
}

export function countOpenRequests(db: Db, networkId: string) {
  return db.welcomeRequest.count({ where: { networkId, status: "OPEN" } });
}

/** When requests answered between the two instants were asked and answered. */
export function answeredBetween(db: Db, networkId: string, from: Date, to: Date) {
  return db.welcomeRequest.findMany({
    where: { networkId, status: "ANSWERED", answeredAt: { gte: from, lt: to } },
    select: { createdAt: true, answeredAt: true },
  });
}
