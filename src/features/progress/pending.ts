import { draftStore } from "../../services/drafts/store.ts";
import type { CountCandidate } from "./line.ts";

/**
 * A progress line waiting for the member's choices, kept in the Conversation row of the account
 * they typed from (a restart loses nothing). `token` is in its buttons, so a button of an older
 * draft is recognised as stale. Days are Paris calendar days "YYYY-MM-DD".
 */
export interface ProgressDraft {
  token: string;
  text: string;
  /** One day, or the days the line named when it named several (asked). */
  days: string[];
  ficheId?: string;
  /** The fiches the line's codes named when they were several; empty: any fiche. */
  ficheChoices: string[];
  /** A code of the line no fiche has (in the plans it named): said above the fiche buttons. */
  unknownCode?: { code: string; plans: string[] };
  counts: CountCandidate[];
  /** Undefined until the member chooses; null for "no indicator". */
  indicatorId?: string | null;
  value?: number;
}

/** Its drafts: one per platform account, replacing any other draft (src/services/drafts/store.ts). */
export const {
  start: startDraft,
  save: saveDraft,
  load: loadDraft,
  drop: dropDraft,
  consume: consumeDraft,
} = draftStore<ProgressDraft>("progress-draft");
