import { z } from "zod";
import { DEFAULT_RETENTION_DAYS } from "../../config/retention.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export type RetentionKind = keyof typeof DEFAULT_RETENTION_DAYS;
export type RetentionDays = Record<RetentionKind, number>;

const overrides = z
  .object(
    Object.fromEntries(
      Object.keys(DEFAULT_RETENTION_DAYS).map((k) => [k, z.number().int().min(1).max(3650).optional()]),
    ),
  )
  .strict();

/** A network's retention periods: its overrides (Network.retentionDays) over the defaults; a malformed value keeps the default. */
export function retentionOf(configured: unknown): RetentionDays {
  const parsed = overrides.safeParse(configured ?? {});
  const own = parsed.success ? (parsed.data as Partial<RetentionDays>) : {};
  const days = { ...DEFAULT_RETENTION_DAYS } as RetentionDays;
  for (const kind of Object.keys(days) as RetentionKind[]) {
    const value = own[kind];
    if (value !== undefined) days[kind] = value;
  }
  // Files and sent messages are also pruned at their defaults by the hourly-safe maintenance: only shorter counts.
  days.files = Math.min(days.files, DEFAULT_RETENTION_DAYS.files);
  days.sentMessages = Math.min(days.sentMessages, DEFAULT_RETENTION_DAYS.sentMessages);
  return days;
}

/** The instant `days` days before `now`. */
export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
