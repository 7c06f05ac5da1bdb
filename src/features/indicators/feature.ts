import type { Feature } from "../../core/commands.ts";
import type { Role } from "../../core/roles.ts";
import { sendIndicatorChart, showIndicators } from "./view.ts";

const FOLLOWERS: readonly Role[] = ["NETWORK_COORDINATOR", "CLS_COORDINATOR"];

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
  // ind:chart:<year|current>:<territoryId|->
  actions: [{ prefix: "ind", audience: FOLLOWERS, run: sendIndicatorChart }],
};
