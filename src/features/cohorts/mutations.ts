import { Prisma } from "@prisma/client";
import type { CalendarDay } from "../../calendar/paris.ts";
import type { Platform } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";
import { inviteToCohortEvents } from "../events/invitations.ts";
import { findCohortByName } from "./data.ts";
import { dayAsDate } from "./semester.ts";

/** Creates a cohort; a name already used in the network (accents and case aside) is refused. */
export async function createCohort(
  db: Db,
  input: { networkId: string; name: string; arrivesOn: CalendarDay; sites?: string[] },
): Promise<{ kind: "created"; id: string } | { kind: "name-taken"; name: string }> {
  const taken = await findCohortByName(db, input.networkId, input.name);
  if (taken) return { kind: "name-taken", name: taken.name };
  try {
    const cohort = await db.cohort.create({
      data: {
        networkId: input.networkId,
        name: input.name,
        arrivesOn: dayAsDate(input.arrivesOn),
        sites: input.sites ?? [],
      },
    });
    return { kind: "created", id: cohort.id };
  } catch (error) {
    // Two coordinators creating the same name at once: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return { kind: "name-taken", name: input.name };
    throw error;
  }
}

/**
 * Puts a member in a cohort (moving them from another one) and invites them to the cohort's
 * upcoming events, in one transaction; returns the cohort they left and the invitations queued.
 */
export async function joinCohort(
  db: Db,
  input: { memberId: string; cohortId: string; now: Date; platforms: readonly Platform[] },
): Promise<{ previousCohortId: string | null; invited: number }> {
  return db.$transaction(async (tx) => {
    const before = await tx.member.findUniqueOrThrow({ where: { id: input.memberId }, select: { cohortId: true } });
    await tx.member.update({ where: { id: input.memberId }, data: { cohortId: input.cohortId } });
    const invited = await inviteToCohortEvents(tx, input.memberId, input.cohortId, input.now, input.platforms);
    return { previousCohortId: before.cohortId, invited };
  });
}

/** Replaces the sites interns of the cohort choose from when they enrol. */
export function setCohortSites(db: Db, id: string, sites: string[]) {
  return db.cohort.update({ where: { id }, data: { sites }, select: { name: true, sites: true } });
}
