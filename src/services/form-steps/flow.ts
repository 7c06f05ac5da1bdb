import type { Context } from "../../core/context.ts";
import type { Input } from "../../core/inbound.ts";
import { type Reply, say } from "../../core/reply.ts";
import { readAnswer } from "./answer.ts";
import { questionFor } from "./question.ts";
import { endFormSession, type FormSession, loadFormSession, saveFormSession } from "./session.ts";

/**
 * On a channel that shows forms one question at a time: the first form among `replies` becomes a
 * session and its first question; the other replies pass unchanged.
 */
export async function beginStepForms(ctx: Context, replies: Reply[]): Promise<Reply[]> {
  const index = replies.findIndex((r) => r.form);
  if (index < 0) return replies;
  // The form's own intro speaks of a form to fill and save; each question carries the form's title instead.
  const form = replies[index]!.form!;
  const values = Object.fromEntries(form.fields.filter((f) => f.value !== undefined).map((f) => [f.name, f.value!]));
  const session: FormSession = { form, position: 0, values };
  await saveFormSession(ctx.db, ctx.actor.networkId, ctx.actor.identityId, session);
  return [...replies.slice(0, index), questionFor(ctx, session), ...replies.slice(index + 1).filter((r) => !r.form)];
}

/**
 * Takes the member's message as the answer to the current question, if a form is in progress.
 * Returns the next question, or the completed form as an input to route, or undefined when no
 * form is in progress or the message is not an answer (a button of an older message).
 */
export async function answerStepForm(ctx: Context): Promise<Reply[] | Input | undefined> {
  const session = await loadFormSession(ctx.db, ctx.actor.identityId);
  if (!session) return undefined;
  const field = session.form.fields[session.position]!;
  const answer = readAnswer(ctx, field, session.position, session.values[field.name]);
  switch (answer.kind) {
    case "not-an-answer":
      return undefined;
    case "cancel":
      await endFormSession(ctx.db, ctx.actor.identityId);
      return [say(ctx.t("forms.cancelled"))];
    case "invalid":
      return [questionFor(ctx, session, answer.reason)];
    case "stale":
      return [questionFor(ctx, session, ctx.t("errors.staleAction"))];
    case "value":
      session.values[field.name] = answer.value;
      // A multi-choice question stays open until "next"; each press redraws it.
      if (field.type === "multiselect" && ctx.inbound.input.kind === "action") {
        await saveFormSession(ctx.db, ctx.actor.networkId, ctx.actor.identityId, session);
        return [questionFor(ctx, session)];
      }
      break;
    case "keep":
      break;
  }
  if (session.position + 1 < session.form.fields.length) {
    const next = { ...session, position: session.position + 1 };
    await saveFormSession(ctx.db, ctx.actor.networkId, ctx.actor.identityId, next);
    return [questionFor(ctx, next)];
  }
  await endFormSession(ctx.db, ctx.actor.identityId);
  return { kind: "form", formId: session.form.id, values: session.values };
}
