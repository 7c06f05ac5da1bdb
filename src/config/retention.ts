// How long the bot keeps what it keeps, in one place. The README's retention table lists the same
// values: keep them in step.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Rows that only serve a short-lived purpose, pruned at these ages by the maintenance job for every network. */
export const RETENTION = {
  /** Platforms redeliver within hours (Telegram keeps updates 24 h): a week is ample. */
  handledEventsMs: 7 * DAY_MS,
  /** Sent, failed and cancelled outbox rows feed delivery reports; after a quarter they are history. */
  finishedMessagesMs: 90 * DAY_MS,
  /** What the local web chat showed a user on the bot's initiative. */
  localInboxMs: 30 * DAY_MS,
  /** Files the local web chat linked (exports, charts): the member downloads them at once, or asks again. */
  generatedFilesMs: 7 * DAY_MS,
} as const;

/**
 * How long each kind of row is kept, in days, unless the network says otherwise
 * (Network.retentionDays, read by src/features/privacy/retention.ts); the keys are the README's.
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

/** How long a `lier` code can be typed on the other platform after it was shown. */
export const LINK_CODE_TTL_MS = 10 * 60 * 1000;

/** How long an invitation stays valid when its issuer names no duration, in days. */
export const INVITATION_DEFAULT_DAYS = 14;
/** The longest an issuer may make an invitation valid, in days. */
export const INVITATION_MAX_DAYS = 365;
