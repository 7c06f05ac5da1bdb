import { GrammyError, HttpError } from "grammy";

/**
 * Why a send to Telegram failed, and whether the same message can succeed later. Answers and
 * proactive deliveries read errors the same way; only what they do next differs.
 */
export type SendFailure =
  | { kind: "retry"; cause: "rate-limited" | "unavailable" | "unexpected"; afterMs: number; reason: string }
  | { kind: "failed"; cause: "blocked" | "refused"; reason: string };

/**
 * Classifies an error thrown by grammY's Api: 429 waits Telegram's retry_after; 5xx, network
 * failures and timeouts are worth another try after `defaultRetryMs`; 403 (blocked, kicked,
 * deactivated) and other 4xx (chat not found, payload refused) never work as sent.
 */
export function classifyFailure(error: unknown, defaultRetryMs: number): SendFailure {
  if (error instanceof GrammyError) {
    const code = error.error_code;
    const said = `Telegram ${code}: ${error.description}`;
    if (code === 429) {
      const retryAfterS = error.parameters.retry_after;
      return {
        kind: "retry",
        cause: "rate-limited",
        afterMs: retryAfterS !== undefined ? retryAfterS * 1000 : defaultRetryMs,
        reason: said,
      };
    }
    if (code >= 500) return { kind: "retry", cause: "unavailable", afterMs: defaultRetryMs, reason: said };
    if (code === 403) return { kind: "failed", cause: "blocked", reason: said };
    // 401/404 mean the bot token is refused: an operator's fix, after which the message still matters.
    if (code === 401 || code === 404)
      return { kind: "retry", cause: "unexpected", afterMs: defaultRetryMs, reason: said };
    const migratedTo = error.parameters.migrate_to_chat_id;
    if (migratedTo !== undefined) {
      return {
        kind: "failed",
        cause: "refused",
        reason: `${said} (the group became a supergroup; its chat id is now ${migratedTo})`,
      };
    }
    return { kind: "failed", cause: "refused", reason: said };
  }
  if (error instanceof HttpError) {
    // grammY wraps the network error (refused, reset, aborted by our timeout) without its detail.
    const inner = error.error instanceof Error ? `: ${error.error.name} ${error.error.message}` : "";
    return { kind: "retry", cause: "unavailable", afterMs: defaultRetryMs, reason: `${error.message}${inner}` };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { kind: "retry", cause: "unexpected", afterMs: defaultRetryMs, reason: `unexpected error: ${message}` };
}
