import type { FeatureModule } from "../module.ts";
import { queueWeeklyDigest } from "./queue.ts";
import { digestViews } from "./views.ts";

/** The weekly digest and the activity nudge: queued by a job, written when sent. */
export const digestFeature: FeatureModule = {
  views: digestViews,
  jobs: [
    {
      name: "weekly-digest",
      schedule: "*/15 * * * *",
      run: (ctx, now) => queueWeeklyDigest(ctx.db, now, ctx.platforms),
    },
  ],
};
