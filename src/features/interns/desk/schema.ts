import type { Role } from "../../../core/roles.ts";

/** Longest question or answer the desk accepts (a Telegram message holds 4,096 characters, with the heading). */
export const MAX_TEXT = 2000;

/** Who receives the interns' questions and answers them. */
export const DESK_COORDINATORS: readonly Role[] = ["NETWORK_COORDINATOR"];

/** Form ids: `wdask` (a question) and `wdans:<requestId>` (an answer); the buttons are verbs (actions.ts). */
export const ASK_FORM = "wdask";
export const answerForm = (requestId: string) => `wdans:${requestId}`;

/** A typed or submitted text, trimmed, or why it cannot be sent. */
export type TextCheck =
  | { ok: true; text: string }
  | { ok: false; reason: "empty" }
  | { ok: false; reason: "too-long"; length: number };

export function checkText(raw: string | string[] | undefined): TextCheck {
  const text = (Array.isArray(raw) ? raw.join("\n") : (raw ?? "")).trim();
  if (text === "") return { ok: false, reason: "empty" };
  // Counted as the member sees characters (an emoji is one), not UTF-16 units.
  const length = [...text].length;
  if (length > MAX_TEXT) return { ok: false, reason: "too-long", length };
  return { ok: true, text };
}
