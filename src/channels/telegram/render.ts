import type { InlineKeyboardButton, MessageEntity } from "grammy/types";
import type { Logger } from "pino";
import type { Reply } from "../../core/reply.ts";
import { splitText } from "../text.ts";
import type { CallbackCodec } from "./callback-data.ts";
import { entitiesWithin } from "./entities.ts";
import { type OutgoingFile, renderFile } from "./files.ts";

/** Telegram's limit for one message's text, in UTF-16 code units. */
export const MESSAGE_MAX_CHARS = 4096;

/** One Telegram message to send, before choosing its chat. */
export type OutgoingMessage =
  | { kind: "text"; text: string; entities?: MessageEntity[]; keyboard?: InlineKeyboardButton[][]; private: boolean }
  | OutgoingFile;

/**
 * Renders a Reply as Telegram messages: plain text (no parse_mode, so a member's text cannot inject
 * markup) split at the 4096-character limit, with the reply's emphasis as message entities (shifted
 * to each part, clipped where a split cuts one), choices as an inline keyboard under the last part,
 * then files (uploaded as photos or documents, or sent by URL); a file Telegram would refuse is
 * logged and left out.
 */
export function renderReply(reply: Reply, codec: CallbackCodec, log: Pick<Logger, "warn">): OutgoingMessage[] {
  const isPrivate = reply.visibility === "private";
  const parts = reply.text.trim() ? splitText(reply.text, MESSAGE_MAX_CHARS) : [];
  let start = 0;
  const messages: OutgoingMessage[] = parts.map((text) => {
    const entities = entitiesWithin(reply.entities, start, text.length);
    // splitText drops the one line break or space it cut at.
    start += text.length + (/[\n ]/.test(reply.text[start + text.length] ?? "") ? 1 : 0);
    return { kind: "text", text, ...(entities.length > 0 ? { entities } : {}), private: isPrivate };
  });
  if (reply.choices && reply.choices.length > 0) {
    const keyboard = layOut(reply.choices.map((c) => ({ text: c.label, callback_data: codec.encode(c.id) })));
    const last = messages.at(-1);
    // Telegram needs text under a keyboard; the labels alone are clear enough then.
    if (last?.kind === "text") last.keyboard = keyboard;
    else
      messages.push({
        kind: "text",
        text: reply.choices.map((c) => c.label).join(" · "),
        keyboard,
        private: isPrivate,
      });
  }
  for (const file of reply.files ?? []) {
    const message = renderFile(file, isPrivate, log);
    if (message) messages.push(message);
  }
  return messages;
}

const SHORT_LABEL = 18;

/** One button per row, except short labels side by side ("Garder la valeur" · "Annuler" stay readable on a phone). */
function layOut(buttons: InlineKeyboardButton[]): InlineKeyboardButton[][] {
  const rows: InlineKeyboardButton[][] = [];
  for (const button of buttons) {
    const last = rows.at(-1);
    const short = (b: InlineKeyboardButton) => b.text.length <= SHORT_LABEL;
    if (last && last.length === 1 && short(last[0]!) && short(button)) last.push(button);
    else rows.push([button]);
  }
  return rows;
}
