import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { staleAction } from "../../core/errors.ts";
import { type Reply, say } from "../../core/reply.ts";
import { GROUP_CREATORS } from "../groups/view.ts";
import { answer, askReason, saveReason, snooze } from "./answers.ts";
import { deadlineForm, saveDeadline } from "./create.ts";
import { listDeadlines } from "./list.ts";
import { askItem, saveItemForm, sendNews } from "./news.ts";
import { cancel, confirmCancel, showStatus } from "./status.ts";

/**
 * The buttons of reminders and lists, `dl:<verb>:<deadline id>`: d done, a attending, n nothing to
 * share, c can't (asks the reason), z snooze, i send a news item, s who answered, x / xx cancel.
 */
function pressed(ctx: Context, [verb = "", id = ""]: string[]): Promise<Reply[]> {
  switch (verb) {
    case "d":
    case "a":
    case "n":
      return answer(ctx, id, verb);
    case "c":
      return askReason(ctx, id);
    case "z":
      return snooze(ctx, id);
    case "i":
      return askItem(ctx, id);
    case "s":
      return showStatus(ctx, id);
    case "x":
      return confirmCancel(ctx, id);
    case "xx":
      return cancel(ctx, id);
    default:
      return Promise.reject(staleAction());
  }
}

/** Deadlines of working groups: creation, reminders' answers, the member's list, news items, who answered. */
export const deadlinesFeature: Feature = {
  commands: [
    { name: "deadline", words: "commands.deadline.words", summary: "commands.deadline.summary", audience: GROUP_CREATORS, run: (ctx) => deadlineForm(ctx) },
    { name: "deadlines", words: "commands.deadlines.words", summary: "commands.deadlines.summary", audience: "member", run: listDeadlines },
    { name: "news", words: "commands.news.words", summary: "commands.news.summary", audience: "member", run: sendNews },
  ],
  actions: [{ prefix: "dl", audience: "member", run: pressed }],
  forms: [
    { formId: "dlnew", audience: GROUP_CREATORS, run: saveDeadline },
    { formId: "dlc", audience: "member", run: (ctx, values, [id = ""]) => saveReason(ctx, id, values) },
    { formId: "dln", audience: "member", run: saveItemForm },
  ],
};

export { deadlineViews } from "./views.ts";
export { rollOverRecurringDeadlines } from "./rollover.ts";
