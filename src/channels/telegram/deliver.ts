import type { Logger } from "pino";
import type { DeliveryOutcome, DeliveryTarget } from "../../core/channel.ts";
import type { Reply } from "../../core/reply.ts";
import { clip } from "../text.ts";
import type { CallbackCodec } from "./callback-data.ts";
import type { ReplyTarget } from "./map.ts";
import { MESSAGE_MAX_CHARS, renderReply } from "./render.ts";
import type { TelegramSender } from "./send.ts";

// User ids are positive; group, supergroup and channel ids negative; a public channel may be "@name".
const USER_ID = /^[1-9]\d{0,19}$/;
const CHAT_ID = /^(-?[1-9]\d{0,19}|@\w{4,32})$/;
const MESSAGE_ID = /^[1-9]\d{0,15}$/;

/**
 * The chat a proactive message goes to. A member's private chat with the bot has their user id as
 * its id, so there is nothing to open; Telegram refuses it (403) if they never started the bot.
 */
export function chatFor(target: DeliveryTarget): ReplyTarget | undefined {
  if (target.to === "member") return USER_ID.test(target.id) ? { chatId: target.id, isGroup: false } : undefined;
  if (!CHAT_ID.test(target.id)) return undefined;
  // A positive id is someone's private chat: paced as one, under the 1-message-a-second rule.
  return { chatId: target.id, isGroup: !USER_ID.test(target.id) };
}

/**
 * A Reply as it can be sent unprompted. Nothing is pending on Telegram for the member to answer a
 * form in, so a form is not opened: its text and choices are sent (the form's title when there is
 * no text), and a choice is what lets the member open it with a press.
 */
export function unpromptedReply(reply: Reply): Reply {
  if (!reply.form) return reply;
  const { form, ...rest } = reply;
  return rest.text.trim() ? rest : { ...rest, text: form.title };
}

export interface DeliveryDeps {
  sender: TelegramSender;
  codec: CallbackCodec;
  log: Logger;
  /** What to suggest waiting after an error nobody expected. */
  retryMs: number;
}

type Send = (chat: ReplyTarget) => Promise<DeliveryOutcome>;

/** Finds the chat, runs `send` and turns whatever it throws into a retry: the engine is never thrown at. */
function guarded(
  { log, retryMs }: DeliveryDeps,
  what: string,
  target: DeliveryTarget,
  send: Send,
): Promise<DeliveryOutcome> {
  const chat = chatFor(target);
  if (!chat) {
    log.error({ target }, "not a Telegram chat id; the message cannot be delivered");
    return Promise.resolve({
      kind: "failed",
      reason: `not a Telegram ${target.to === "member" ? "user" : "chat"} id: ${JSON.stringify(target.id)}`,
    });
  }
  return send(chat).catch((error: unknown): DeliveryOutcome => {
    // Nothing here is expected to throw: whatever did is logged, and the engine tries again later.
    log.error({ err: error, chatId: chat.chatId }, `${what} Telegram failed unexpectedly`);
    const message = error instanceof Error ? error.message : String(error);
    return { kind: "retry", afterMs: retryMs, reason: `unexpected error: ${message}` };
  });
}

/**
 * The adapter's `deliver`: renders as for an answer (signed buttons, split text, then files), waits
 * its turn in the chat's queue and pacing, tries once, and never throws.
 */
export function createDeliver(deps: DeliveryDeps): (target: DeliveryTarget, reply: Reply) => Promise<DeliveryOutcome> {
  const { sender, codec, log } = deps;
  return (target, reply) =>
    guarded(deps, "delivering to", target, async (chat) => {
      if (reply.form)
        log.debug(
          { chatId: chat.chatId, formId: reply.form.id },
          "a form cannot be opened unprompted; its text and choices are sent",
        );
      return sender.sendOnce(chat, renderReply(unpromptedReply(reply), codec, log.child({ chatId: chat.chatId })));
    });
}

/**
 * The adapter's `edit`: one message's text and buttons replaced. A text past Telegram's limit is
 * clipped (an edit cannot add messages) and files are left out (a text message cannot become one).
 */
export function createEdit(
  deps: DeliveryDeps,
): (target: DeliveryTarget, platformMessageId: string, reply: Reply) => Promise<DeliveryOutcome> {
  const { sender, codec, log } = deps;
  return (target, platformMessageId, reply) =>
    guarded(deps, "editing a message on", target, async (chat) => {
      if (!MESSAGE_ID.test(platformMessageId))
        return { kind: "failed", reason: `not a Telegram message id: ${JSON.stringify(platformMessageId)}` };
      const unprompted = unpromptedReply(reply);
      const [message] = renderReply(
        { ...unprompted, text: clip(unprompted.text, MESSAGE_MAX_CHARS), files: [] },
        codec,
        log,
      );
      if (message?.kind !== "text")
        return { kind: "failed", reason: "nothing to show: the reply has no text or choice" };
      return sender.editOnce(chat, Number(platformMessageId), message);
    });
}
