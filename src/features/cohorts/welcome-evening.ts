import { parisDay } from "../../calendar/paris.ts";
import type { Context } from "../../core/context.ts";
import { isUuid } from "../../shared/ids.ts";
import { cohortForDate, findCohortById } from "./data.ts";

type Chosen = { ok: true; cohort: { id: string; name: string } } | { ok: false; problem: string };

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
