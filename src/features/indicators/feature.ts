import { on } from "../../core/actions.ts";
import type { Feature } from "../../core/commands.ts";
import { FOLLOWERS, IND } from "./actions.ts";
import { sendIndicatorChart, showIndicators } from "./view.ts";

/** Coordinators follow the plans' indicators against their targets, as text bars or a PNG chart. */
export const indicatorsFeature: Feature = {
  commands: [
    {
      name: "indicators",
      words: "commands.indicators.words",
      summary: "commands.indicators.summary",
      audience: FOLLOWERS,
      run: showIndicators,
    },
  ],
  actions: [on(IND.chart, (ctx, [year, territory]) => sendIndicatorChart(ctx, year, territory))],
};
