import type { MessageKey } from "../core/i18n.ts";
import type { Reply } from "../core/reply.ts";

/**
 * A parameter of a notice: text or a number as is, an instant shown in the recipient's language, or
 * a sentence of the catalogue (a role's name) in the recipient's language.
 */
export type NoticeParam =
  | string
  | number
  | { instant: string; style?: "date" | "datetime" | "time" }
  | { phrase: MessageKey };

/** A button of a notice; its label is a locale key. */
export interface NoticeChoice {
  id: string;
  label: MessageKey;
  style?: "primary" | "danger";
}

/**
 * A message whose words are chosen when it is sent, in the recipient's language at that moment (a
 * member who switched to English after the reminder was queued gets it in English).
 */
export interface Notice {
  key: MessageKey;
  params?: Record<string, NoticeParam>;
  choices?: NoticeChoice[];
}

/**
 * What an outbox row holds (OutboundMessage.payload):
 * - `notice`: a sentence rendered in the recipient's language when sent;
 * - `live`: a view computed when sent from what the database says then (who has not answered a
 *   deadline yet, the items collected for a newsletter); a view may find there is nothing to say;
 * - `reply`: a fixed Reply (rows queued before notices existed are plain Replies too).
 */
export type OutboundPayload =
  | { kind: "notice"; notice: Notice }
  | { kind: "live"; view: string; id: string }
  | { kind: "reply"; reply: Reply };

/** Reads a row's payload; rows written before payload kinds existed hold a bare Reply. */
export function readPayload(json: unknown): OutboundPayload {
  const value = json as Partial<OutboundPayload> & Partial<Reply>;
  if (value.kind === "notice" || value.kind === "live" || value.kind === "reply") return value as OutboundPayload;
  return { kind: "reply", reply: value as Reply };
}
