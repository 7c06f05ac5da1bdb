import { type Event, Prisma } from "@prisma/client";
import type { CalendarDay } from "../../calendar/paris.ts";
import type { Context } from "../../core/context.ts";
import type { Platform } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";
import { formatWhen, shortRef } from "../events/format.ts";
import { inviteCohort, inviteToCohortEvents } from "../events/invitations.ts";
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

/**
 * Creates a cohort's welcome evening and queues its invitations, in one transaction holding the
 * cohort's row lock: two coordinators saving at once cannot give a cohort two evenings.
 */
export async function createWelcomeEvening(
  ctx: Context,
  cohort: { id: string; name: string },
  data: Prisma.EventUncheckedCreateInput,
): Promise<{ ok: true; event: Event } | { ok: false; problem: string }> {
  return ctx.db.$transaction(async (tx) => {
    await tx.$queryRaw`select id from "Cohort" where id = ${cohort.id}::uuid for update`;
    const existing = await tx.event.findFirst({
      where: { cohortId: cohort.id, type: "WELCOME_EVENING", status: "SCHEDULED" },
      orderBy: { startsAt: "asc" },
    });
    if (existing) {
      const ref = shortRef(existing.id);
      return {
        ok: false as const,
        problem: ctx.t("cohorts.welcome.taken", {
          cohort: cohort.name,
          title: existing.title,
          when: formatWhen(existing, ctx),
          ref,
        }),
      };
    }
    const event = await tx.event.create({ data: { ...data, type: "WELCOME_EVENING", cohortId: cohort.id } });
    await inviteCohort(tx, event, ctx.now, ctx.platforms);
    return { ok: true as const, event };
  });
}

/** Creates the event as the form describes it; a welcome evening goes through its cohort's lock and invitations. */
export async function createEventRow(
  ctx: Context,
  cohort: { id: string; name: string } | null,
  args: { data: Prisma.EventUncheckedCreateInput },
): Promise<{ ok: true; event: Event } | { ok: false; problem: string }> {
  if (cohort) return createWelcomeEvening(ctx, cohort, args.data);
  return { ok: true, event: await ctx.db.event.create(args) };
}
