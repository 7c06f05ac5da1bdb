import { z } from "zod";
import { RETENTION } from "../../scheduler/maintenance.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long each kind of row is kept, in days, unless the network says otherwise (Network.retentionDays).
 * The README's retention table lists the same values: keep them in step.
 */
export const DEFAULT_RETENTION_DAYS = {
  /** Someone who started onboarding and never finished it: nothing of theirs counts. */
  unfinishedOnboarding: 30,
  /** A member who has written nothing for this long is anonymised (told `silentNotice` days before). */
  silentMember: 730,
  /** How many days before the silent member's anonymisation they are told. */
  silentNotice: 14,
  /** A member who stopped the bot (`arrêter`) and did not come back. */
  leftMember: 365,
  /** The details of audit lines (who was refused what, and why); the action and instant stay. */
  auditDetails: 365,
  /** Link codes, after they expired or were used. */
  linkCodes: 30,
  /** Invitations nobody used, after they expired or were revoked. */
  invitations: 90,
  /** Files made for a member (exports, charts, their data): a network may shorten, not lengthen, the web chat's week. */
  files: RETENTION.generatedFilesMs / DAY_MS,
  /** Messages the bot sent, failed or withdrew (their payloads quote texts): may be shortened. */
  sentMessages: RETENTION.finishedMessagesMs / DAY_MS,
} as const;

export type RetentionKind = keyof typeof DEFAULT_RETENTION_DAYS;
export type RetentionDays = Record<RetentionKind, number>;

const overrides = z.object(Object.fromEntries(Object.keys(DEFAULT_RETENTION_DAYS).map((k) => [k, z.number().int().min(1).max(3650).optional()]))).strict();

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
