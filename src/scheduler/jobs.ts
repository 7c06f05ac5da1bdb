import type { Platform } from "../core/inbound.ts";
import type { Db } from "../db/database.ts";

/** What a scheduled job works with: the database, and the platforms the bot delivers to (reminders of new occurrences). */
export interface JobContext {
  db: Db;
  platforms: readonly Platform[];
}

/** A recurring job as a feature declares it; what is due lives in the database, so a missed tick is caught up by the next. */
export interface FeatureJob {
  name: string;
  /** Cron expression, in Europe/Paris wall-clock time. */
  schedule: string;
  run(ctx: JobContext, now: Date): Promise<unknown>;
}

/** A job node-cron runs, bound to its context. */
export interface ScheduledJob {
  name: string;
  /** Cron expression, in Europe/Paris wall-clock time. */
  schedule: string;
  run(now: Date): Promise<unknown>;
}

/** Binds declared jobs to the database and platforms they run with. */
export function bindJobs(jobs: readonly FeatureJob[], ctx: JobContext): ScheduledJob[] {
  return jobs.map((job) => ({ name: job.name, schedule: job.schedule, run: (now) => job.run(ctx, now) }));
}
