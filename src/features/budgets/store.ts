import type { Db } from "../../db/database.ts";

/** At most `max` tries per `windowMs` for one key (a member, an account, a channel). */
export interface Budget {
  max: number;
  windowMs: number;
}

const KEEP_MS = 24 * 3600_000;

/** True while `key` has tries left in its budget at `now`. */
export async function hasTriesLeft(db: Db, key: string, budget: Budget, now: Date): Promise<boolean> {
  const used = await db.attempt.count({ where: { key, at: { gt: new Date(now.getTime() - budget.windowMs) } } });
  return used < budget.max;
}

/** Counts one try against each key, and prunes tries older than a day (no budget looks that far back). */
export async function recordAttempt(db: Db, keys: string[], now: Date): Promise<void> {
  await db.attempt.createMany({ data: keys.map((key) => ({ key, at: now })) });
  await db.attempt.deleteMany({ where: { at: { lt: new Date(now.getTime() - KEEP_MS) } } });
}
