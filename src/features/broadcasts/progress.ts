import type { Translate } from "../../core/i18n.ts";
import { isPlatform } from "../../core/inbound.ts";
import { type Reply, say } from "../../core/reply.ts";
import type { LiveViewContext, LiveViews } from "../../delivery/compose.ts";
import { countDeliveries, type DeliveryCounts, failedDeliveries, findBroadcast, NO_DELIVERIES } from "./data.ts";
import { duration, excerpt } from "./format.ts";
import { recordSendingProgressShown } from "./mutations.ts";

/** Failed recipients named in a report; the rest are counted. */
const REPORT_FAILURES_SHOWN = 20;

/** The sender's progress message: the same text for the same counts, so it is edited only when they change. */
export function progressText(t: Translate, text: string, counts: DeliveryCounts, done: boolean): string {
  return [
    t("broadcasts.progress.title", { excerpt: excerpt(text) }),
    t("broadcasts.progress.counts", {
      sent: counts.sent,
      pending: counts.pending,
      failed: counts.failed,
      cancelled: counts.cancelled,
    }),
    ...(counts.held > 0 ? [t("broadcasts.progress.held", { count: counts.held })] : []),
    ...(done ? [t("broadcasts.progress.done")] : []),
  ].join("\n");
}

/** Why a message could not be delivered, in words, from what the adapter recorded. */
export function failureReason(error: string): "blocked" | "gone" | "gaveUp" | "refused" {
  if (/^gave up after/i.test(error)) return "gaveUp";
  if (
    /deactivated|not found|unknown (user|channel)|user_not_found|account_inactive|channel_not_found|10013|10003/i.test(
      error,
    )
  )
    return "gone";
  if (/blocked|403|50007|cannot send messages|can't initiate|cannot_dm_bot|messages_tab_disabled/i.test(error))
    return "blocked";
  return "refused";
}

async function progressView(ctx: LiveViewContext, id: string): Promise<Reply | null> {
  const b = await findBroadcast(ctx.db, ctx.networkId, id);
  if (!b || b.status === "DRAFT" || b.status === "CANCELLED") return null;
  const counts = (await countDeliveries(ctx.db, [id], ctx.now)).get(id) ?? NO_DELIVERIES;
  const text = progressText(ctx.t, b.text, counts, b.status === "DONE");
  // What the message says from now on: the next refresh edits it only when this changes.
  await recordSendingProgressShown(ctx.db, id, text);
  return say(text);
}

/** The final delivery report of a broadcast, in the reader's language. */
export async function reportText(
  ctx: Pick<LiveViewContext, "db" | "networkId" | "t" | "now">,
  id: string,
): Promise<string | null> {
  const { t } = ctx;
  const b = await findBroadcast(ctx.db, ctx.networkId, id);
  if (!b || b.status === "DRAFT" || b.status === "CANCELLED") return null;
  const counts = (await countDeliveries(ctx.db, [id], ctx.now)).get(id) ?? NO_DELIVERIES;
  const lines = [
    t("broadcasts.report.title", { excerpt: excerpt(b.text) }),
    t("broadcasts.report.delivered", { count: counts.sent }),
  ];
  if (counts.failed > 0) {
    lines.push(t("broadcasts.report.failed", { count: counts.failed }));
    for (const f of await failedDeliveries(ctx.db, id, REPORT_FAILURES_SHOWN)) {
      lines.push(
        t("broadcasts.report.failedLine", {
          name: f.name,
          platform: isPlatform(f.platform) ? t(`platforms.${f.platform}`) : f.platform,
          reason: t(`broadcasts.report.reasons.${failureReason(f.error)}`),
        }),
      );
    }
    if (counts.failed > REPORT_FAILURES_SHOWN)
      lines.push(t("broadcasts.report.failedMore", { count: counts.failed - REPORT_FAILURES_SHOWN }));
  }
  if (counts.pending > 0) lines.push(t("broadcasts.report.pending", { count: counts.pending }));
  const muted = b.muted + counts.mutedSince;
  if (muted > 0) lines.push(t("broadcasts.report.muted", { count: muted }));
  if (b.unreachable > 0) lines.push(t("broadcasts.report.unreachable", { count: b.unreachable }));
  const withdrawn = counts.cancelled - counts.mutedSince;
  if (withdrawn > 0) lines.push(t("broadcasts.report.withdrawn", { count: withdrawn }));
  if (b.confirmedAt && b.completedAt)
    lines.push(
      t("broadcasts.report.duration", { duration: duration(b.completedAt.getTime() - b.confirmedAt.getTime(), t) }),
    );
  return lines.join("\n");
}

/**
 * Views computed when sent: the sender's live progress message (edited in place afterwards by
 * refreshBroadcastProgress) and the final delivery report.
 */
export const broadcastViews: LiveViews = {
  "broadcast-progress": progressView,
  "broadcast-report": async (ctx, id) => {
    const text = await reportText(ctx, id);
    return text === null ? null : say(text);
  },
};
