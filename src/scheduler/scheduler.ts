import cron from "node-cron";
import type { Logger } from "pino";
import type { Platform } from "../core/inbound.ts";
import type { Db } from "../db/database.ts";
import { rollOverRecurringDeadlines } from "../features/deadlines/rollover.ts";
import { queueWeeklyDigest } from "../features/digest/queue.ts";
import { seasonalUpdates } from "../features/interns/schedule/feature.ts";
import { queueInternSchedule } from "../features/interns/schedule/queue.ts";
import { queuePurgeNotices } from "../features/interns/leave/purge-notice.ts";
import { purgeExpiredInterns } from "../features/interns/leave/purge.ts";
import { applyRetention } from "../features/privacy/retention-job.ts";
import { pruneExpiredRows } from "./maintenance.ts";

/** A job node-cron runs; what is due lives in the database, so a missed tick is caught up by the next. */
export interface ScheduledJob {
  name: string;
  /** Cron expression, in Europe/Paris wall-clock time. */
  schedule: string;
  run(now: Date): Promise<unknown>;
}

/** The bot's recurring jobs; `platforms` are those the bot delivers to (reminders of new occurrences). */
export function botJobs(db: Db, options: { platforms: readonly Platform[] }): ScheduledJob[] {
  return [
    { name: "prune-expired-rows", schedule: "17 3 * * *", run: (now) => pruneExpiredRows(db, now) },
    { name: "intern-purge-notices", schedule: "0 10 * * *", run: (now) => queuePurgeNotices(db, now, options.platforms) },
    { name: "purge-expired-interns", schedule: "37 3 * * *", run: (now) => purgeExpiredInterns(db, now) },
    { name: "apply-retention", schedule: "47 3 * * *", run: (now) => applyRetention(db, now, options.platforms) },
    { name: "roll-over-recurring-deadlines", schedule: "*/5 * * * *", run: (now) => rollOverRecurringDeadlines(db, now, options.platforms) },
    { name: "weekly-digest", schedule: "*/15 * * * *", run: (now) => queueWeeklyDigest(db, now, options.platforms) },
    { name: "intern-schedule", schedule: "*/15 * * * *", run: (now) => queueInternSchedule(db, now, options.platforms, seasonalUpdates) },
  ];
}

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
