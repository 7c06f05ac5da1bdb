import { on } from "../../core/actions.ts";
import { GROUP_CREATORS } from "../groups/view.ts";
import type { FeatureModule } from "../module.ts";
import { DL } from "./actions.ts";
import { answer, askReason, saveReason, snooze } from "./answers.ts";
import { deadlineForm, saveDeadline } from "./create.ts";
import { listDeadlines } from "./list.ts";
import { askItem, saveItemForm, sendNews } from "./news.ts";
import { rollOverRecurringDeadlines } from "./rollover.ts";
import { cancel, confirmCancel, showStatus } from "./status.ts";
import { deadlineViews } from "./views.ts";

/** Deadlines of working groups: creation, reminders' answers, the member's list, news items, who answered. */
export const deadlinesFeature: FeatureModule = {
  commands: [
    {
      name: "deadline",
      words: "commands.deadline.words",
      summary: "commands.deadline.summary",
      audience: GROUP_CREATORS,
      run: (ctx) => deadlineForm(ctx),
    },
    {
      name: "deadlines",
      words: "commands.deadlines.words",
      summary: "commands.deadlines.summary",
      audience: "member",
      run: listDeadlines,
    },
    { name: "news", words: "commands.news.words", summary: "commands.news.summary", audience: "member", run: sendNews },
  ],
  actions: [
    on(DL.done, (ctx, [id]) => answer(ctx, id, "d")),
    on(DL.attend, (ctx, [id]) => answer(ctx, id, "a")),
    on(DL.nothing, (ctx, [id]) => answer(ctx, id, "n")),
    on(DL.cant, (ctx, [id]) => askReason(ctx, id)),
    on(DL.snooze, (ctx, [id]) => snooze(ctx, id)),
    on(DL.item, (ctx, [id]) => askItem(ctx, id)),
    on(DL.status, (ctx, [id]) => showStatus(ctx, id)),
    on(DL.askCancel, (ctx, [id]) => confirmCancel(ctx, id)),
    on(DL.cancel, (ctx, [id]) => cancel(ctx, id)),
  ],
  forms: [
    { formId: "dlnew", audience: GROUP_CREATORS, run: saveDeadline },
    { formId: "dlc", audience: "member", run: (ctx, values, [id = ""]) => saveReason(ctx, id, values) },
    { formId: "dln", audience: "member", run: saveItemForm },
  ],
  views: deadlineViews,
  jobs: [
    {
      name: "roll-over-recurring-deadlines",
      schedule: "*/5 * * * *",
      run: (ctx, now) => rollOverRecurringDeadlines(ctx.db, now, ctx.platforms),
    },
  ],
};

export { rollOverRecurringDeadlines } from "./rollover.ts";
export { deadlineViews } from "./views.ts";
