import type { Prisma } from "@prisma/client";
import { addDays, parisInstant } from "../../calendar/paris.ts";
import type { Counter, CountScope, IndicatorFilter } from "../indicators/counting.ts";
import { lastCountedDay } from "../indicators/period.ts";

/**
 * Events of the filter's type (and topic) starting within the period's Paris days, not cancelled;
 * counting "so far", only those started by the end of today (a meeting planned for December is not held yet).
 * Territory scope: an event counts in a territory when its audience names territories that
 * intersect the scope; events open to the whole network count only network-wide, since they
 * belong to no one territory.
 */
export function eventWhere(scope: CountScope, filter: IndicatorFilter): Prisma.EventWhereInput {
  const where: Prisma.EventWhereInput = {
    networkId: scope.networkId,
    status: "SCHEDULED",
    startsAt: {
      gte: parisInstant(scope.range.from, 0),
      lt: parisInstant(addDays(lastCountedDay(scope.range, scope.today), 1), 0),
    },
  };
  if (filter.eventType) where.type = filter.eventType as Prisma.EventWhereInput["type"];
  if (filter.topic) where.topic = filter.topic;
  if (scope.territoryIds) where.audienceTerritoryIds = { hasSome: [...scope.territoryIds] };
  return where;
}

const countEvents: Counter = (db, scope, filter) => db.event.count({ where: eventWhere(scope, filter) });

/** Members holding a place (not waiting, not cancelled) at such events. */
const countEventParticipants: Counter = (db, scope, filter) =>
  db.eventRegistration.count({ where: { status: "REGISTERED", event: eventWhere(scope, filter) } });

/** Members checked in at such events. */
const countAttendance: Counter = (db, scope, filter) =>
  db.eventRegistration.count({ where: { checkedInAt: { not: null }, event: eventWhere(scope, filter) } });

/** The counters events feed; COUNT_PARTICIPANTS applies when the indicator names an event type. */
export const EVENT_COUNTERS: Partial<Record<string, Counter>> = {
  COUNT_EVENTS: countEvents,
  COUNT_PARTICIPANTS: countEventParticipants,
  COUNT_ATTENDANCE: countAttendance,
};
