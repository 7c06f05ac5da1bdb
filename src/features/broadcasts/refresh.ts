import type { ChannelAdapter, DeliveryOutcome, DeliveryTarget } from "../../core/channel.ts";
import { createTranslator } from "../../core/i18n.ts";
import { say } from "../../core/reply.ts";
import type { Db } from "../../db/database.ts";
import { sendingBroadcasts } from "./data.ts";
import { finishBroadcast, recordProgressShown } from "./mutations.ts";
import { progressText } from "./progress.ts";

/** Edits of one progress message are at least this far apart: platforms rate-limit edits like sends. */
const EDIT_INTERVAL_MS = 2_000;

type ProgressAdapter = Pick<ChannelAdapter, "platform" | "edit">;

// When each progress message was last edited, per adapter (one sender per platform edits them). Lost
// on restart, which costs at most one early edit: the message's own send time is the floor.
const lastEdits = new WeakMap<object, Map<string, number>>();

/**
 * After each delivery round of `adapter`'s platform: edits the senders' progress messages in place
 * when their counts changed (no more often than every 2 s each), and once nothing is left to send,
 * marks the broadcast done, edits the progress a last time and queues the final report.
 */
export async function refreshBroadcastProgress(db: Db, adapter: ProgressAdapter, now: Date): Promise<void> {
  const edits = lastEdits.get(adapter) ?? new Map<string, number>();
  lastEdits.set(adapter, edits);
  for (const b of await sendingBroadcasts(db, adapter.platform, now)) {
    const done = b.pending === 0;
    if (done && !(await finishBroadcast(db, b, adapter.platform, now))) continue;
    if (b.progressStatus !== "SENT" || !b.platformMessageId) {
      if (done) edits.delete(b.id);
      continue;
    }
    const text = progressText(createTranslator(b.locale), b.text, b, done);
    const last = Math.max(edits.get(b.id) ?? 0, b.progressSentAt ? new Date(b.progressSentAt).getTime() : 0);
    if (text === b.progressShown || (!done && now.getTime() - last < EDIT_INTERVAL_MS)) continue;
    const target: DeliveryTarget = { to: b.targetKind === "member" ? "member" : "conversation", id: b.targetId };
    const outcome = await adapter.edit(target, b.platformMessageId, say(text)).catch(
      (error: unknown): DeliveryOutcome => ({
        kind: "retry",
        afterMs: EDIT_INTERVAL_MS,
        reason: (error as Error).message,
      }),
    );
    if (done) edits.delete(b.id);
    else edits.set(b.id, now.getTime());
    // A refused edit (message deleted) is not retried with the same text; a transient failure is.
    if (outcome.kind !== "retry") await recordProgressShown(db, b.id, text);
  }
}
