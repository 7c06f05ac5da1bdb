import type { Context } from "../../../core/context.ts";
import { type Reply, say } from "../../../core/reply.ts";
import { askQuestion } from "./mutations.ts";
import { ASK_FORM, checkText, MAX_TEXT } from "./schema.ts";

/** The question form: one long text field (a modal on Slack and Discord, one step on Telegram). */
export function questionForm(ctx: Context): Reply {
  return {
    text: ctx.t("welcomeDesk.form.title"),
    visibility: "private",
    form: {
      id: ASK_FORM,
      title: ctx.t("welcomeDesk.form.title"),
      submitLabel: ctx.t("welcomeDesk.form.submit"),
      fields: [
        {
          name: "question",
          label: ctx.t("welcomeDesk.form.field"),
          type: "textarea",
          required: true,
          maxLength: MAX_TEXT,
        },
      ],
    },
  };
}

/** Checks and saves a question, queues it to the coordinators and confirms its number to the member. */
export async function submitQuestion(ctx: Context, raw: string | string[] | undefined): Promise<Reply[]> {
  const checked = checkText(raw);
  if (!checked.ok) {
    return [
      say(
        checked.reason === "empty"
          ? ctx.t("welcomeDesk.errors.empty")
          : ctx.t("welcomeDesk.errors.tooLong", { length: checked.length, max: MAX_TEXT }),
      ),
    ];
  }
  const { number } = await askQuestion(ctx.db, {
    networkId: ctx.actor.networkId,
    memberId: ctx.actor.memberId,
    question: checked.text,
    now: ctx.now,
    platforms: ctx.platforms,
  });
  return [say(ctx.t("welcomeDesk.asked", { number }))];
}

/** The guide's "ask the mission accueil" button and the "ask another question" button: the form. */
export async function startQuestion(ctx: Context): Promise<Reply[]> {
  return [questionForm(ctx)];
}
