import { randomBytes } from "node:crypto";
import { Prisma } from "@prisma/client";
import type { Db } from "../../../db/database.ts";

/** The deep-link payload prefix of a cohort invitation: `t.me/<bot>?start=c-<code>`. */
export const COHORT_PAYLOAD_PREFIX = "c-";
const MAX_TRIES = 5;

/** A cohort's invitation: the code of its link and the instant the link stops enrolling. */
export interface CohortInvite {
  cohortId: string;
  code: string;
  expiresAt: Date;
}

/** The code in a `start` payload such as `c-Xb3_k9Q2mN1z` (Telegram allows A-Z a-z 0-9 _ - only), or undefined. */
export function cohortCodeInPayload(payload: string): string | undefined {
  return /^c-([A-Za-z0-9_-]{6,60})$/.exec(payload.trim())?.[1];
}

/** 12 URL-safe characters (72 random bits): not guessable, short enough for a QR code and a typed `start`. */
const newCode = () => randomBytes(9).toString("base64url");

/** The link's default end: six months after the cohort's arrival, the end of its semester. */
export function defaultInviteExpiry(arrivesOn: Date): Date {
  return new Date(Date.UTC(arrivesOn.getUTCFullYear(), arrivesOn.getUTCMonth() + 6, arrivesOn.getUTCDate()));
}

/** The cohort's invitation, its code created on first need (a collision with another cohort's code is retried). */
export async function ensureCohortInvite(db: Db, cohortId: string): Promise<CohortInvite> {
  for (let attempt = 1; ; attempt++) {
    const cohort = await db.cohort.findUniqueOrThrow({
      where: { id: cohortId },
      select: { inviteCode: true, inviteExpiresAt: true, arrivesOn: true },
    });
    const expiresAt = cohort.inviteExpiresAt ?? defaultInviteExpiry(cohort.arrivesOn);
    if (cohort.inviteCode) return { cohortId, code: cohort.inviteCode, expiresAt };
    try {
      // Only while no code is set: two coordinators asking at once end up with the same link.
      await db.cohort.updateMany({
        where: { id: cohortId, inviteCode: null },
        data: { inviteCode: newCode(), inviteExpiresAt: expiresAt },
      });
    } catch (error) {
      const collision = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!collision || attempt >= MAX_TRIES) throw error;
    }
  }
}

/** The cohort a code opens, whatever its expiry (the caller says when it expired), or null. */
export function findCohortByCode(db: Db, code: string) {
  return db.cohort.findUnique({
    where: { inviteCode: code },
    select: { id: true, networkId: true, name: true, arrivesOn: true, sites: true, inviteExpiresAt: true },
  });
}
