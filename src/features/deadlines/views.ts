import { pressId } from "../../core/actions.ts";
import type { LiveView, LiveViewContext, LiveViews } from "../../delivery/compose.ts";
import { formatNames } from "../../shared/text.ts";
import { DL } from "./actions.ts";
import { answersOf, collectedItemsOf, findDeadlineForView } from "./data.ts";
import { formatParis } from "./format.ts";
import { DEADLINE_VIEWS } from "./schedule.ts";

async function liveDeadline(ctx: LiveViewContext, id: string) {
  const d = await findDeadlineForView(ctx.db, ctx.networkId, id);
  return d && !d.cancelledAt ? d : null;
}

/** To the lead at the due time: who has not answered and who can't (with reasons); nothing once everyone has answered yes. */
const overdue: LiveView = async (ctx, id) => {
  const d = await liveDeadline(ctx, id);
  if (!d) return null;
  const { responses, waiting } = await answersOf(ctx.db, d.id, d.groupId);
  const cant = responses.filter((r) => r.status === "CANT");
  if (waiting.length === 0 && cant.length === 0) return null;
  const { t, locale } = ctx;
  const lines = [
    t("deadlines.overdue.header", { title: d.title, group: d.group.name, due: formatParis(d.dueAt, locale) }),
    ...(waiting.length
      ? [
          t("deadlines.overdue.waiting", {
            names: formatNames(
              waiting.map((m) => m.displayName),
              locale,
              "",
            ),
          }),
        ]
      : []),
    ...(cant.length
      ? [
          t("deadlines.overdue.cant"),
          ...cant.map((r) => t("deadlines.overdue.cantLine", { name: r.member.displayName, reason: r.reason ?? "—" })),
        ]
      : []),
  ];
  return {
    text: lines.join("\n"),
    choices: [{ id: pressId(DL.status, d.id), label: t("deadlines.buttons.status") }],
    visibility: "private",
  };
};

/** To the collection's author and the group lead at the due time: every item, author and organisation, in one message. */
const digest: LiveView = async (ctx, id) => {
  const d = await liveDeadline(ctx, id);
  if (!d) return null;
  const { t } = ctx;
  const items = await collectedItemsOf(ctx.db, d.id);
  if (items.length === 0)
    return { text: t("deadlines.digest.empty", { title: d.title, group: d.group.name }), visibility: "private" };
  const entries = items.map((i) =>
    t("deadlines.digest.item", {
      author: i.member.displayName,
      organisation: i.member.organisation?.name ?? t("deadlines.digest.noOrganisation"),
      text: i.text,
    }),
  );
  return {
    text: [t("deadlines.digest.header", { title: d.title, group: d.group.name, count: items.length }), ...entries].join(
      "\n\n",
    ),
    visibility: "private",
  };
};

/** The deadline views computed when sent (src/delivery/compose.ts). */
export const deadlineViews: LiveViews = { [DEADLINE_VIEWS.overdue]: overdue, [DEADLINE_VIEWS.digest]: digest };
