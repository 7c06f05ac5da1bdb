import { DiscordAPIError, HTTPError } from "discord.js";
import type { DeliveryOutcome } from "../../core/channel.ts";
import { DeliveryRateLimited } from "./delivery-rest.ts";

/**
 * Discord's JSON error codes that say the message will never get through as is
 * (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json).
 */
const PERMANENT: Record<number, string> = {
  10003: "unknown channel",
  10008: "unknown message (deleted)",
  10013: "unknown user",
  50001: "missing access to the channel",
  50007: "cannot send messages to this user (DMs closed, bot blocked, or no shared server)",
  50013: "missing permissions in the channel",
  50035: "invalid form body",
  50006: "empty message",
  50033: "invalid recipient",
};

/**
 * What a failed request means for the delivery engine. 429 → `retry` after Discord's retry-after;
 * 5xx, timeouts, dropped connections and anything unexpected → `retry` after `defaultRetryMs`;
 * a 4xx refusal (blocked, gone, forbidden, invalid payload) → `failed`. A 401 (token revoked) is
 * the deployment's problem, not the message's: `retry`, so nothing is lost once it is fixed.
 */
export function outcomeOfError(error: unknown, defaultRetryMs: number): DeliveryOutcome {
  if (error instanceof DeliveryRateLimited) {
    return {
      kind: "retry",
      afterMs: error.retryAfterMs,
      reason: `rate limited by Discord${error.global ? " (global limit)" : ""}`,
    };
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === "number" ? error.code : undefined;
    const known = code !== undefined ? PERMANENT[code] : undefined;
    if (error.status === 401)
      return { kind: "retry", afterMs: defaultRetryMs, reason: "Discord rejected the bot token (401)" };
    if (error.status === 408) return { kind: "retry", afterMs: defaultRetryMs, reason: "Discord timed out (408)" };
    return {
      kind: "failed",
      reason: `Discord refused the message (${error.status}${code ? ` ${code}` : ""}): ${known ?? error.message}`,
    };
  }
  if (error instanceof HTTPError)
    return { kind: "retry", afterMs: defaultRetryMs, reason: `Discord server error (${error.status})` };
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  if (name === "AbortError")
    return { kind: "retry", afterMs: defaultRetryMs, reason: "Discord did not answer in time" };
  return { kind: "retry", afterMs: defaultRetryMs, reason: `could not reach Discord: ${message}` };
}
