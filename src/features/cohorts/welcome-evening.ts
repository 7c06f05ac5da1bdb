import type { Event, Prisma } from "@prisma/client";
import { parisDay } from "../../calendar/paris.ts";
import type { Context } from "../../core/context.ts";
import { isUuid } from "../../shared/ids.ts";
import { formatWhen, shortRef } from "../events/format.ts";
import { inviteCohort } from "../events/invitations.ts";
import { cohortForDate, findCohortById } from "./data.ts";

type Chosen = { ok: true; cohort: { id: string; name: string } } | { ok: false; problem: string };

/** The cohorts a welcome evening can be for, latest arrival first, as the creation form's options. */
export async function cohortOptions(ctx: Context): Promise<{ value: string; label: string }[]> {
  const cohorts = await ctx.db.cohort.findMany({
    where: { networkId: ctx.actor.networkId },
    orderBy: { arrivesOn: "desc" },
    select: { id: true, name: true },
    take: 25,
  });
  return cohorts.map((c) => ({ value: c.id, label: c.name.slice(0, 75) }));
}

/**
 * The cohort a welcome evening is for: the one chosen in the form, else the cohort of the
 * semester of its start date; refused with a sentence when there is none.
 */
export async function chooseWelcomeCohort(
  ctx: Context,
  chosen: string | string[] | undefined,
  startsAt: Date,
): Promise<Chosen> {
  const id = (Array.isArray(chosen) ? chosen[0] : chosen)?.trim() ?? "";
  if (id !== "") {
    const cohort = isUuid(id) ? await findCohortById(ctx.db, ctx.actor.networkId, id) : null;
    return cohort ? { ok: true, cohort } : { ok: false, problem: ctx.t("cohorts.welcome.unknownCohort") };
  }
  const cohort = await cohortForDate(ctx.db, ctx.actor.networkId, parisDay(startsAt));
  return cohort ? { ok: true, cohort } : { ok: false, problem: ctx.t("cohorts.welcome.noCohort") };
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
