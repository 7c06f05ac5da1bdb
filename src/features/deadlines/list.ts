import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { type Choice, type Reply, say } from "../../core/reply.ts";
import { DL } from "./actions.ts";
import { canManageDeadline, upcomingFor } from "./data.ts";
import { formatParis } from "./format.ts";
import { answerChoices } from "./schedule.ts";

/** `échéances`: one message per deadline, with the member's answer so far and the buttons to answer; managers can see who answered. */
export async function listDeadlines(ctx: Context): Promise<Reply[]> {
  const { t, actor } = ctx;
  const { total, deadlines } = await upcomingFor(ctx);
  if (total === 0) return [say(t("deadlines.list.none"))];
  const replies = deadlines.map((d) => {
    const member = d.group.members.length > 0;
    const response = d.responses[0];
    const answer = !member
      ? t("deadlines.list.answer.follower")
      : !response
        ? t("deadlines.list.answer.none")
        : t(`deadlines.list.answer.${response.status}`, { reason: response.reason ?? "—" });
    const choices: Choice[] = [];
    if (member && (!response || response.status === "CANT")) {
      choices.push(
        ...answerChoices(d.kind, d.id)
          .filter((c) => c.id !== pressId(DL.snooze, d.id))
          .map((c) => ({ ...c, label: t(c.label) })),
      );
    }
    if (canManageDeadline(actor, d))
      choices.push({ id: pressId(DL.status, d.id), label: t("deadlines.buttons.status") });
    const line = t("deadlines.list.line", {
      title: d.title,
      kind: t(`deadlines.kinds.${d.kind}`),
      group: d.group.name,
      due: formatParis(d.dueAt, actor.locale),
    });
    return say(`${line}\n${answer}`, choices);
  });
  const more = total > deadlines.length ? [say(t("deadlines.list.more", { count: total - deadlines.length }))] : [];
  return [say(t("deadlines.list.header", { count: total })), ...replies, ...more];
}
