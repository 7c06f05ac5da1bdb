import { type CalendarDay, parisDay } from "../../calendar/paris.ts";
import type { Context } from "../../core/context.ts";
import type { Db } from "../../db/database.ts";
import { matchTerritoryName, type NamedTerritory, type TerritoryMatch } from "../../shared/territory-names.ts";
import type { BoardHeading } from "./board.ts";
import { computeIndicators, type IndicatorValue } from "./compute.ts";
import { periodTitle } from "./format.ts";
import { yearRange } from "./period.ts";

/** What a coordinator asked to see: a calendar year (default: each indicator's current period), a territory (default: the network). */
export interface BoardRequest {
  year: number | undefined;
  territory: NamedTerritory | undefined;
}

/** The indicators with what the text and the chart say around them. */
export interface Board {
  request: BoardRequest;
  today: CalendarDay;
  heading: BoardHeading;
  values: IndicatorValue[];
  planTitles: Map<string, string>;
  /** A year was chosen: every indicator is counted over it, so no line needs its own period. */
  sameRangeForAll: boolean;
}

/** Computes every indicator of the actor's network for the request. */
export async function loadBoard(ctx: Context, request: BoardRequest): Promise<Board> {
  const { db, actor, t } = ctx;
  const today = parisDay(ctx.now);
  const window = request.year === undefined ? { today } : { range: yearRange(request.year) };
  const [network, values, plans] = await Promise.all([
    db.network.findUniqueOrThrow({ where: { id: actor.networkId }, select: { name: true } }),
    computeIndicators(db, { networkId: actor.networkId, window, territoryId: request.territory?.id }),
    db.plan.findMany({ where: { networkId: actor.networkId }, select: { code: true, title: true } }),
  ]);
  const heading: BoardHeading = {
    network: network.name,
    period: periodTitle(t, actor.locale, request.year, today),
    scope: request.territory
      ? t("indicators.board.scopeTerritory", { name: request.territory.name })
      : t("indicators.board.scopeNetwork"),
  };
  return {
    request,
    today,
    heading,
    values,
    planTitles: new Map(plans.map((p) => [p.code, p.title])),
    sameRangeForAll: request.year !== undefined,
  };
}

/** A territory of the network by the name a coordinator types (see `matchTerritoryName`). */
export async function findTerritoryByName(db: Db, networkId: string, typed: string): Promise<TerritoryMatch> {
  const rows = await db.territory.findMany({
    where: { networkId },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  return matchTerritoryName(rows, typed);
}

/** A territory of the network by id (as a chart button carries it), or null. */
export function findTerritoryById(db: Db, networkId: string, id: string) {
  return db.territory.findFirst({ where: { id, networkId }, select: { id: true, name: true } });
}
