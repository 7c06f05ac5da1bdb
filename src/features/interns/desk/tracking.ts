import { addDays, parisDay, parisInstant } from "../../../calendar/paris.ts";
import type { Context } from "../../../core/context.ts";
import { type Reply, say } from "../../../core/reply.ts";
import { answeredBetween, countOpenRequests, openRequests, requestNumber } from "./data.ts";
import { formatDuration, median, preview } from "./format.ts";

const SHOWN = 20;

/** The open requests, oldest first with their age, then the year's requests handled and times to answer. */
export async function showDesk(ctx: Context): Promise<Reply[]> {
  const { networkId } = ctx.actor;
  const [open, total] = await Promise.all([
    openRequests(ctx.db, networkId, SHOWN),
    countOpenRequests(ctx.db, networkId),
  ]);
  const lines: string[] = [];
  if (total === 0) lines.push(ctx.t("welcomeDesk.list.none"));
  else {
    lines.push(ctx.t("welcomeDesk.list.open", { count: total }));
    for (const r of open) {
      lines.push(
        ctx.t("welcomeDesk.list.item", {
          number: await requestNumber(ctx.db, networkId, r.createdAt),
          age: formatDuration(ctx.now.getTime() - r.createdAt.getTime(), ctx.t),
          name: r.member?.displayName ?? ctx.t("welcomeDesk.formerIntern"),
          cohort: r.cohort?.name ?? ctx.t("welcomeDesk.noCohort"),
          site: r.site ?? ctx.t("welcomeDesk.noSite"),
          question: preview(r.question),
        }),
      );
    }
    if (total > open.length) lines.push(ctx.t("welcomeDesk.list.more", { count: total - open.length }));
  }
  const { year } = parisDay(ctx.now);
  const from = parisInstant({ year, month: 1, day: 1 }, 0);
  const to = parisInstant(addDays({ year, month: 12, day: 31 }, 1), 0);
  const answered = await answeredBetween(ctx.db, networkId, from, to);
  lines.push("", ctx.t("welcomeDesk.list.year", { year: String(year), handled: answered.length }));
  if (answered.length > 0) {
    // Requests are stamped a millisecond apart when asked together (see askQuestion): never below zero.
    const spans = answered.map((r) => Math.max(0, r.answeredAt!.getTime() - r.createdAt.getTime()));
    lines.push(
      ctx.t("welcomeDesk.list.times", {
        median: formatDuration(median(spans), ctx.t),
        longest: formatDuration(Math.max(...spans), ctx.t),
      }),
    );
  }
  return [say(lines.join("\n"))];
}
