import { webApi } from "@slack/bolt";
import type { DeliveryOutcome } from "../../core/channel.ts";

// `ok: false` errors that pass by themselves: Slack's servers, or a workspace being migrated.
const TRANSIENT = new Set([
  "ratelimited",
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "team_added_to_org",
]);

// The bot's token or scopes. No message can succeed until an operator fixes the installation, and
// then every one can: they are kept (retried slowly) rather than lost. `account_inactive` is not
// here: Slack says the token's workspace or user is deleted, which no fix brings back.
const INSTALLATION = new Set([
  "not_authed",
  "invalid_auth",
  "token_revoked",
  "token_expired",
  "missing_scope",
  "no_permission",
  "team_access_not_granted",
  "org_login_required",
]);
const INSTALLATION_RETRY_MS = 5 * 60_000;

/** One delivery attempt's failure as an outcome, and how long its channel must rest (a 429). */
export interface FailedAttempt {
  outcome: Exclude<DeliveryOutcome, { kind: "sent" }>;
  /** Set when Slack rate-limited the call: its Retry-After, in ms. */
  rateLimitedMs?: number;
  /** The error is neither Slack's answer nor the network's: worth an error log. */
  unexpected?: boolean;
}

/**
 * Reads a Web API error from a single-attempt WebClient (no retries, rate-limited calls rejected).
 * Slack answers 200 with `ok: false` for refusals, 429 with Retry-After for limits; any other HTTP
 * status or a network failure is the path to Slack, worth another try.
 */
export function classifySlackError(error: unknown, method: string, defaultRetryMs: number): FailedAttempt {
  const retry = (afterMs: number, reason: string) => ({
    kind: "retry" as const,
    afterMs,
    reason: `${method}: ${reason}`,
  });
  if (!(error instanceof Error) || !("code" in error))
    return { outcome: retry(defaultRetryMs, describe(error)), unexpected: true };
  switch (error.code) {
    case webApi.ErrorCode.RateLimitedError: {
      const afterMs = Math.max(1, (error as webApi.WebAPIRateLimitedError).retryAfter) * 1000;
      return { outcome: retry(afterMs, "rate limited by Slack"), rateLimitedMs: afterMs };
    }
    case webApi.ErrorCode.HTTPError: {
      const http = error as webApi.WebAPIHTTPError;
      const seconds = Number.parseInt(http.headers?.["retry-after"] ?? "", 10);
      return { outcome: retry(Number.isNaN(seconds) ? defaultRetryMs : seconds * 1000, `HTTP ${http.statusCode}`) };
    }
    case webApi.ErrorCode.RequestError:
      return {
        outcome: retry(
          defaultRetryMs,
          `no answer from Slack (${(error as webApi.WebAPIRequestError).original.message})`,
        ),
      };
    case webApi.ErrorCode.PlatformError: {
      const code = (error as webApi.WebAPIPlatformError).data.error;
      if (TRANSIENT.has(code)) return { outcome: retry(defaultRetryMs, code) };
      if (INSTALLATION.has(code))
        return {
          outcome: retry(INSTALLATION_RETRY_MS, `${code}: the Slack app's token or scopes need fixing`),
          unexpected: true,
        };
      // channel_not_found, not_in_channel, is_archived, user_not_found, user_disabled, cannot_dm_bot,
      // account_inactive, invalid_blocks, msg_too_long, restricted_action…: this message never will.
      return { outcome: { kind: "failed", reason: `${method}: ${code}` } };
    }
    default:
      return { outcome: retry(defaultRetryMs, error.message), unexpected: true };
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
