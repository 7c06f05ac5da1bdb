import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { AppError } from "../../core/errors.ts";
import { type Choice, type Reply, say } from "../../core/reply.ts";
import { BC } from "./actions.ts";
import { countDeliveries, findBroadcast, NO_DELIVERIES, recentBroadcasts } from "./data.ts";
import { excerpt, parisDateTime } from "./format.ts";
import { progressText, reportText } from "./progress.ts";

const HISTORY_LENGTH = 10;

/** The sender's last broadcasts with their status and counts, and a button for each report. */
export async function listBroadcasts(ctx: Context): Promise<Reply[]> {
  const { t, actor } = ctx;
  const rows = await recentBroadcasts(ctx.db, actor.networkId, actor.memberId, HISTORY_LENGTH);
  if (rows.length === 0) return [say(t("broadcasts.history.none"))];
  const counts = await countDeliveries(
    ctx.db,
    rows.map((r) => r.id),
    ctx.now,
  );
  const lines = [t("broadcasts.history.header", { count: rows.length })];
  const choices: Choice[] = [];
  for (const r of rows) {
    const c = counts.get(r.id) ?? NO_DELIVERIES;
    const date = parisDateTime(r.confirmedAt ?? r.createdAt, actor.locale);
    const sent = r.status === "SENDING" || r.status === "DONE";
    const status = t(`broadcasts.history.status.${r.status}`);
    lines.push(
      sent
        ? t("broadcasts.history.line", {
            date,
            excerpt: excerpt(r.text, 30),
            status,
            recipients: r.recipients,
            sent: c.sent,
            failed: c.failed,
          })
        : t("broadcasts.history.lineUnsent", { date, excerpt: excerpt(r.text, 30), status }),
    );
    if (sent) choices.push({ id: pressId(BC.report, r.id), label: t("broadcasts.history.report", { date }) });
  }
  return [say(lines.join("\n"), choices)];
}

/** The report of a finished broadcast, or its progress while it is being sent; for its sender. */
export async function showReport(ctx: Context, id: string): Promise<Reply[]> {
  const b = await findBroadcast(ctx.db, ctx.actor.networkId, id);
  if (!b) throw new AppError("broadcast_not_found", "broadcasts.errors.notFound");
  if (b.senderMemberId !== ctx.actor.memberId)
    throw new AppError("broadcast_not_yours", "broadcasts.errors.notYours", { sender: b.sender.displayName });
  if (b.status === "SENDING") {
    const counts = (await countDeliveries(ctx.db, [id], ctx.now)).get(id) ?? NO_DELIVERIES;
    return [say(progressText(ctx.t, b.text, counts, false))];
  }
  const text = await reportText({ db: ctx.db, networkId: ctx.actor.networkId, t: ctx.t, now: ctx.now }, id);
  return [say(text ?? ctx.t(b.status === "CANCELLED" ? "broadcasts.errors.cancelled" : "broadcasts.history.notSent"))];
}
