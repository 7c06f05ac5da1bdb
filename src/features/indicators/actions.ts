import { z } from "zod";
import { uuid, verb } from "../../core/actions.ts";
import type { Role } from "../../core/roles.ts";

/** Who follows the plans' indicators. */
export const FOLLOWERS: readonly Role[] = ["NETWORK_COORDINATOR", "CLS_COORDINATOR"];

const year = z.union([z.literal("current"), z.coerce.number<string>().int().min(2000).max(2100)]);
const territory = z.union([z.literal("-"), uuid]);

/** What coordinators press on the indicators; `was` keeps buttons sent before these ids working. */
export const IND = {
  /** The PNG chart of a year (or the current one) over a territory (or the whole network: `-`). */
  chart: verb("ind.chart", FOLLOWERS, z.tuple([year, territory]), { was: "ind:chart" }),
};
