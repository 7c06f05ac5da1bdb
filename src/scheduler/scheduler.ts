import cron from "node-cron";
import type { Logger } from "pino";
import type { FeatureJob, ScheduledJob } from "./jobs.ts";
import { pruneExpiredRows } from "./maintenance.ts";

export { bindJobs, type FeatureJob, type JobContext, type ScheduledJob } from "./jobs.ts";

/** The scheduler's own jobs, which belong to no feature (the composition root adds the features' jobs). */
export const maintenanceJobs: readonly FeatureJob[] = [
  { name: "prune-expired-rows", schedule: "17 3 * * *", run: (ctx, now) => pruneExpiredRows(ctx.db, now) },
];

/** Starts node-cron for `jobs` (one run at a time per job); returns a function that stops them. */
export function startScheduler(jobs: ScheduledJob[], log: Logger): () => Promise<void> {
  const tasks = jobs.map((job) =>
    cron.schedule(
      job.schedule,
      async () => {
        try {
          log.info({ job: job.name, result: await job.run(new Date()) }, "scheduled job done");
        } catch (err) {
          log.error({ err, job: job.name }, "scheduled job failed; the next tick tries again");
        }
      },
      { name: job.name, timezone: "Europe/Paris", noOverlap: true },
    ),
  );
  return async () => {
    await Promise.all(tasks.map((t) => t.stop()));
  };
}
