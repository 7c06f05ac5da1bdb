import type { MessageKey, MessageParams } from "./i18n.ts";

/** Every expected failure the bot can answer, one snake_case spelling each. */
export type ErrorCode =
  | "activity_not_found"
  | "activity_not_yours"
  | "activity_too_old"
  | "ambiguous_territory"
  | "broadcast_not_found"
  | "broadcast_not_yours"
  | "channel_not_bound"
  | "event_already_registered"
  | "event_already_waitlisted"
  | "event_audience"
  | "event_cancelled"
  | "event_closed"
  | "event_full"
  | "event_not_found"
  | "event_not_registered"
  | "event_started"
  | "export_date"
  | "export_format"
  | "export_future_year"
  | "export_order"
  | "export_too_long"
  | "export_usage"
  | "invite_bad_limits"
  | "invite_unknown_organisation"
  | "invite_unknown_role"
  | "invite_usage"
  | "progress_not_found"
  | "progress_not_yours"
  | "progress_too_old"
  | "stale_action"
  | "too_many_newcomers"
  | "unknown_territory";

/**
 * An expected failure the member can act on. `code` names the case; the reply is the
 * translation of `messageKey` with `params`, in the member's language.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: MessageKey;
  readonly params: MessageParams;
  constructor(code: ErrorCode, messageKey: MessageKey, params: MessageParams = {}) {
    super(`${code} (${messageKey})`);
    this.name = "AppError";
    this.code = code;
    this.messageKey = messageKey;
    this.params = params;
  }
}

/** A pressed choice or submitted form the bot no longer knows (an old button, a forged or malformed id). */
export function staleAction(): AppError {
  return new AppError("stale_action", "errors.staleAction");
}
