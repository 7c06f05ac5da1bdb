import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { AppError } from "../../core/errors.ts";
import { IND } from "./actions.ts";
import { type BoardRequest, findTerritoryById, findTerritoryByName } from "./data.ts";

const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/** The chart button's id: `ind.chart:<year or "current">:<territory id or "-">`. */
export function chartActionId(request: BoardRequest): string {
  return pressId(IND.chart, request.year ?? "current", request.territory?.id ?? "-");
}

function readYear(word: string): number | undefined {
  if (!/^\d{4}$/.test(word)) return undefined;
  const year = Number(word);
  return year >= FIRST_YEAR && year <= LAST_YEAR ? year : undefined;
}

/**
 * `indicateurs [année] [territoire]`, in either order: "indicateurs 2025", "indicateurs Moissac",
 * "indicateurs terres des confluences 2025". An unknown or ambiguous territory is refused with names to choose from.
 */
export async function readTypedRequest(ctx: Context, args: string): Promise<BoardRequest> {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const yearAt = words.findIndex((word) => readYear(word) !== undefined);
  const year = yearAt === -1 ? undefined : readYear(words[yearAt]!);
  const place = words.filter((_, i) => i !== yearAt).join(" ");
  if (place === "") return { year, territory: undefined };
  const match = await findTerritoryByName(ctx.db, ctx.actor.networkId, place);
  const list = (names: string[]) =>
    new Intl.ListFormat(ctx.actor.locale, { type: "disjunction" }).format(
      names.map((name) => ctx.t("indicators.errors.quoted", { name })),
    );
  if (match.kind === "unknown")
    throw new AppError("unknown_territory", "indicators.errors.unknownTerritory", {
      typed: place,
      names: list(match.closest),
    });
  if (match.kind === "ambiguous")
    throw new AppError("ambiguous_territory", "indicators.errors.ambiguousTerritory", {
      typed: place,
      names: list(match.names),
    });
  return { year, territory: match.territory };
}

/** The request behind a pressed chart button; a territory gone since is refused. */
export async function readChartAction(
  ctx: Context,
  yearPart: number | "current",
  territoryPart: string,
): Promise<BoardRequest> {
  const territory =
    territoryPart === "-" ? undefined : await findTerritoryById(ctx.db, ctx.actor.networkId, territoryPart);
  if (territory === null) throw new AppError("stale_action", "indicators.errors.staleChart");
  return { year: yearPart === "current" ? undefined : yearPart, territory };
}
