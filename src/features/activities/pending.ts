import { draftStore } from "../../services/drafts/store.ts";
import type { ActivityDraft, Ambiguity } from "./draft.ts";

/**
 * A draft waiting for the adviser's confirmation, kept in the Conversation row of the platform
 * account they typed from, so that a restart loses nothing. `token` is in the draft's buttons:
 * a button of an older draft is recognised as stale.
 */
export interface PendingDraft {
  token: string;
  draft: ActivityDraft;
  ambiguities: Ambiguity[];
  unread: string[];
}

/** Its drafts: one per platform account, replacing any other draft (src/services/drafts/store.ts). */
export const {
  start: startDraft,
  save: saveDraft,
  load: loadDraft,
  drop: dropDraft,
  consume: consumeDraft,
} = draftStore<PendingDraft>("activity-draft");
