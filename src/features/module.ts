import type { Feature } from "../core/commands.ts";
import type { LiveViews } from "../delivery/compose.ts";
import type { AfterSendRound } from "../delivery/worker.ts";
import type { FeatureJob } from "../scheduler/jobs.ts";
import type { IndicatorCounters } from "./indicators/counting.ts";

/**
 * Everything a feature brings to the bot, in one value: what the dispatcher routes (commands,
 * actions, forms) and what the sender, the scheduler and the indicators use. The composition root
 * (src/bot.ts) gathers them from the list in src/features/index.ts. It extends the core's `Feature`
 * here, outside src/core, so that the core does not depend on delivery, scheduling or indicators.
 */
export interface FeatureModule extends Feature {
  /** Messages computed when they are sent (who has not answered yet), by view name. */
  views?: LiveViews;
  /** Recurring jobs (digests, purges, new occurrences). */
  jobs?: readonly FeatureJob[];
  /** What it counts for the plan's indicators, by counter name (see `eventTypeCounters`, `kindCounters`). */
  counters?: IndicatorCounters;
  /** Work after each round of a platform's sender (a broadcast's live progress message there). */
  afterSendRound?: AfterSendRound;
}
