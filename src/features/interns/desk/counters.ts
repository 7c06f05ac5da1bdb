import type { Prisma } from "@prisma/client";
import { addDays, parisInstant } from "../../../calendar/paris.ts";
import type { Counter } from "../../indicators/counting.ts";
import { lastCountedDay } from "../../indicators/period.ts";

/**
 * "Demandes traitées par la mission accueil": requests answered within the period's Paris days
 * (by the end of today when counting so far), counted on the request rows so that requests of
 * purged interns keep counting. Territory scope: requests made by an intern placed in one of the
 * territories (the request keeps the territory, so the count survives the purge).
 */
const countHandledRequests: Counter = async (db, scope) => {
  const last = lastCountedDay(scope.range, scope.today);
  const where: Prisma.WelcomeRequestWhereInput = {
    networkId: scope.networkId,
    status: "ANSWERED",
    answeredAt: { gte: parisInstant(scope.range.from, 0), lt: parisInstant(addDays(last, 1), 0) },
  };
  if (scope.territoryIds) where.territoryId = { in: [...scope.territoryIds] };
  return db.welcomeRequest.count({ where });
};

/** The mission accueil's counters, for indicators of kind INTERN_WELCOME (contributed by its Feature). */
export const DESK_COUNTERS: Partial<Record<string, Counter>> = {
  COUNT_REQUESTS: countHandledRequests,
};
