import type { MessageEntity } from "grammy/types";
import type { TextEntity } from "../../core/reply.ts";

/**
 * The reply's emphasis within one message of `length` UTF-16 units that starts at `start` in the
 * reply's text, as Telegram message entities: shifted to the message, clipped where the split cut
 * through one, left out when nothing of it is in this message.
 */
export function entitiesWithin(entities: TextEntity[] | undefined, start: number, length: number): MessageEntity[] {
  const within: MessageEntity[] = [];
  for (const e of entities ?? []) {
    const from = Math.max(e.offset, start);
    const to = Math.min(e.offset + e.length, start + length);
    if (Number.isInteger(from) && Number.isInteger(to) && to > from)
      within.push({ type: e.kind, offset: from - start, length: to - from });
  }
  return within;
}
