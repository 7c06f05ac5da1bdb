import type { Prisma } from "@prisma/client";
import { addDays, parisInstant } from "../../calendar/paris.ts";
import type { Counter, CountScope, IndicatorFilter } from "../indicators/counting.ts";

/**
 * Approved animations (of the filter's type, by default the mois du numérique) starting within the
 * period's Paris days. In a territory, an animation counts when it takes place there or its
 * organisation is located there (a library network of the whole department counts only by commune).
 */
function animationWhere(scope: CountScope, filter: IndicatorFilter): Prisma.EventWhereInput {
  const where: Prisma.EventWhereInput = {
    networkId: scope.networkId,
    type: (filter.eventType ?? "MOIS_DU_NUMERIQUE") as Prisma.EventWhereInput["type"],
    status: "SCHEDULED",
    startsAt: { gte: parisInstant(scope.range.from, 0), lt: parisInstant(addDays(scope.range.to, 1), 0) },
  };
  if (filter.topic) where.topic = filter.topic;
  if (scope.territoryIds) {
    const territoryIds = [...scope.territoryIds];
    where.OR = [{ territoryId: { in: territoryIds } }, { organisation: { territoryId: { in: territoryIds } } }];
  }
  return where;
}

/** Approved animations of the mois du numérique. */
const countAnimations: Counter = (db, scope, filter) => db.event.count({ where: animationWhere(scope, filter) });

/** Distinct partner organisations with at least one approved animation. */
const countPartners: Counter = async (db, scope, filter) =>
  (
    await db.event.findMany({
      where: { AND: [animationWhere(scope, filter), { organisationId: { not: null } }] },
      distinct: ["organisationId"],
      select: { organisationId: true },
    })
  ).length;

/** The counters the mois du numérique feeds, for indicators naming an event type (contributed by its Feature). */
export const MOIS_COUNTERS: Partial<Record<string, Counter>> = {
  COUNT_PARTNERS: countPartners,
  COUNT_ANIMATIONS: countAnimations,
};
