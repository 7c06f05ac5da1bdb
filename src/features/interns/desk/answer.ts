import type { Context } from "../../../core/context.ts";
import { type Reply, say } from "../../../core/reply.ts";
import { isUuid } from "../../../shared/ids.ts";
import { findRequestByNumber, loadRequest, requestNumber } from "./data.ts";
import { formatAnsweredAt } from "./format.ts";
import { answerRequest } from "./mutations.ts";
import { answerForm, checkText, MAX_TEXT } from "./schema.ts";

/** "Répondre" under a question: the answer form, or who answered already if someone did. */
export async function pressAnswer(ctx: Context, requestId: string): Promise<Reply[]> {
  const request = isUuid(requestId) ? await loadRequest(ctx.db, ctx.actor.networkId, requestId) : null;
  if (!request) return [say(ctx.t("welcomeDesk.errors.stale"))];
  const number = await requestNumber(ctx.db, ctx.actor.networkId, request.createdAt);
  if (request.status === "ANSWERED") {
    return [
      say(
        ctx.t("welcomeDesk.errors.alreadyAnsweredShow", {
          number,
          who: request.answeredBy?.displayName ?? ctx.t("welcomeDesk.someone"),
          when: formatAnsweredAt(request.answeredAt ?? request.updatedAt, ctx),
          answer: request.answer ?? "",
        }),
      ),
    ];
  }
  const intro = ctx.t("welcomeDesk.answerForm.intro", {
    number,
    name: request.member?.displayName ?? ctx.t("welcomeDesk.formerIntern"),
    question: request.question ?? "",
  });
  return [
    {
      text: intro,
      visibility: "private",
      form: {
        id: answerForm(request.id),
        title: ctx.t("welcomeDesk.answerForm.title", { number }),
        submitLabel: ctx.t("welcomeDesk.answerForm.submit"),
        fields: [
          {
            name: "answer",
            label: ctx.t("welcomeDesk.answerForm.field"),
            type: "textarea",
            required: true,
            maxLength: MAX_TEXT,
          },
        ],
      },
    },
  ];
}

/** Saves and relays an answer to the request; each refusal says why, and an answer that was not sent is shown back. */
export async function submitAnswer(
  ctx: Context,
  requestId: string,
  raw: string | string[] | undefined,
  typedNumber?: number,
): Promise<Reply[]> {
  const checked = checkText(raw);
  if (!checked.ok) {
    if (checked.reason === "too-long")
      return [say(ctx.t("welcomeDesk.errors.answerTooLong", { length: checked.length, max: MAX_TEXT }))];
    return [say(ctx.t("welcomeDesk.errors.answerEmpty", { number: typedNumber ?? "…" }))];
  }
  if (!isUuid(requestId)) return [say(ctx.t("welcomeDesk.errors.stale"))];
  const outcome = await answerRequest(ctx.db, {
    networkId: ctx.actor.networkId,
    requestId,
    coordinatorId: ctx.actor.memberId,
    answer: checked.text,
    now: ctx.now,
    platforms: ctx.platforms,
  });
  if (outcome.kind === "not-found") return [say(ctx.t("welcomeDesk.errors.stale"))];
  if (outcome.kind === "already") {
    return [
      say(
        ctx.t("welcomeDesk.errors.alreadyAnswered", {
          number: outcome.number,
          who: outcome.by ?? ctx.t("welcomeDesk.someone"),
          when: formatAnsweredAt(outcome.at, ctx),
          answer: checked.text,
        }),
      ),
    ];
  }
  const name = outcome.internName ?? ctx.t("welcomeDesk.formerIntern");
  return [
    say(
      ctx.t(outcome.relayed ? "welcomeDesk.answered" : "welcomeDesk.answeredUnreachable", {
        number: outcome.number,
        name,
      }),
    ),
  ];
}

/** `répondre <n°> <réponse>`: the typed alternative to the button. */
export async function answerCommand(ctx: Context, args: string): Promise<Reply[]> {
  const match = /^\s*(?:n°|no\.?|#)?\s*(\S+)\s*([\s\S]*)$/i.exec(args);
  const numberText = match?.[1] ?? "";
  if (!/^\d+$/.test(numberText)) return [say(ctx.t("welcomeDesk.errors.answerUsage"))];
  const number = Number(numberText);
  const request = await findRequestByNumber(ctx.db, ctx.actor.networkId, number);
  if (!request) return [say(ctx.t("welcomeDesk.errors.notFound", { number: numberText }))];
  return submitAnswer(ctx, request.id, match?.[2], number);
}
