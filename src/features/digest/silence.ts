/** An adviser is nudged, and named in the digest, after this many days without reporting. */
export const SILENCE_DAYS = 21;

/** A digital adviser who has not reported for SILENCE_DAYS days. */
export interface SilentAdviser {
  memberId: string;
  networkId: string;
  displayName: string;
  /** Their latest activity (by its day), or null when they never reported. */
  lastReportId: string | null;
  /** That activity's day, "2026-10-30". */
  lastDay: string | null;
}

/** Narrows the search to a network, or to one member. */
export interface SilenceScope {
  networkId?: string;
  memberId?: string;
}
