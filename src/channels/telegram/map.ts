import type { Update, User } from "grammy/types";
import type { InboundCommand } from "../../core/inbound.ts";
import type { CallbackCodec } from "./callback-data.ts";

/** Where the answers to an update go, and what to acknowledge. */
export interface ReplyTarget {
  chatId: string;
  isGroup: boolean;
  /** The member's own message in a group, which private answers reply to. */
  memberMessageId?: number | undefined;
}

/** An update the core should hear about. */
export interface TelegramEvent {
  inbound: InboundCommand;
  target: ReplyTarget;
  /** Set for button presses: answered at once, whatever the core says. */
  callbackQueryId?: string;
}

/** Action id the core answers as a stale button (no handler has this prefix). */
export const UNREADABLE_ACTION = "stale:";

/**
 * Maps a Telegram update to what the core needs; undefined for updates the bot ignores (edits,
 * channel posts, other bots, commands addressed to another bot).
 */
export function toTelegramEvent(
  update: Update,
  codec: CallbackCodec,
  botUsername: string | undefined,
  receivedAt: Date,
): TelegramEvent | undefined {
  const message = update.message;
  if (message?.text !== undefined && message.from && !message.from.is_bot) {
    const text = commandText(message.text, botUsername);
    if (text === undefined) return undefined;
    const isGroup = message.chat.type !== "private";
    return {
      inbound: command(
        update.update_id,
        message.from,
        isGroup,
        String(message.chat.id),
        { kind: "text", text },
        receivedAt,
      ),
      target: { chatId: String(message.chat.id), isGroup, memberMessageId: isGroup ? message.message_id : undefined },
    };
  }
  const query = update.callback_query;
  if (query?.message && query.data !== undefined) {
    const chat = query.message.chat;
    const isGroup = chat.type !== "private";
    const actionId = query.data ? (codec.decode(query.data) ?? UNREADABLE_ACTION) : UNREADABLE_ACTION;
    // The question the button belongs to answered the member's message: keep answering that one.
    const pressed = "reply_to_message" in query.message ? query.message.reply_to_message : undefined;
    const memberMessageId =
      pressed && pressed.from?.id === query.from.id ? pressed.message_id : query.message.message_id;
    return {
      inbound: command(
        update.update_id,
        query.from,
        isGroup,
        String(chat.id),
        { kind: "action", actionId },
        receivedAt,
      ),
      target: { chatId: String(chat.id), isGroup, memberMessageId: isGroup ? memberMessageId : undefined },
      callbackQueryId: query.id,
    };
  }
  return undefined;
}

function command(
  updateId: number,
  from: User,
  isGroup: boolean,
  chatId: string,
  input: InboundCommand["input"],
  receivedAt: Date,
): InboundCommand {
  return {
    eventId: String(updateId),
    platform: "telegram",
    externalUserId: String(from.id),
    displayName: [from.first_name, from.last_name].filter(Boolean).join(" "),
    scopeId: isGroup ? chatId : "private",
    conversation: isGroup ? "group" : "private",
    forms: "steps",
    localeHint: from.language_code,
    input,
    receivedAt,
  };
}

/**
 * "/aide@this_bot …" → "/aide …"; "/start link-K7P4" (a t.me deep link) → "start link-K7P4".
 * Undefined when the command names another bot, which the member meant to address.
 */
export function commandText(text: string, botUsername: string | undefined): string | undefined {
  const match = /^\/([^\s@]+)@(\w+)/.exec(text);
  let result = text;
  if (match) {
    if (botUsername && match[2]!.toLowerCase() !== botUsername.toLowerCase()) return undefined;
    result = `/${match[1]}${text.slice(match[0].length)}`;
  }
  return /^\/start(\s|$)/i.test(result) ? result.slice(1) : result;
}
