import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { classifyFailure } from "../../src/channels/telegram/failure.ts";

function telegramError(error_code: number, description: string, parameters: Record<string, number> = {}): GrammyError {
  return new GrammyError(
    "Call to 'sendMessage' failed!",
    { ok: false, error_code, description, parameters },
    "sendMessage",
    {},
  );
}

describe("reading Telegram's send errors", () => {
  it("a 429 waits what Telegram asked, or the default when it said nothing", () => {
    expect(
      classifyFailure(telegramError(429, "Too Many Requests: retry after 12", { retry_after: 12 }), 2000),
    ).toMatchObject({ kind: "retry", cause: "rate-limited", afterMs: 12_000 });
    expect(classifyFailure(telegramError(429, "Too Many Requests"), 2000)).toMatchObject({
      kind: "retry",
      afterMs: 2000,
    });
  });

  it("server errors, network failures and timeouts are worth another try", () => {
    expect(classifyFailure(telegramError(502, "Bad Gateway"), 1500)).toMatchObject({
      kind: "retry",
      cause: "unavailable",
      afterMs: 1500,
    });
    const timeout = new HttpError(
      "Network request for 'sendMessage' failed!",
      new DOMException("The operation was aborted due to timeout", "TimeoutError"),
    );
    expect(classifyFailure(timeout, 1500)).toMatchObject({
      kind: "retry",
      cause: "unavailable",
      reason: expect.stringContaining("TimeoutError"),
    });
  });

  it("a refused bot token is retried later: the operator's fix must not lose the messages", () => {
    expect(classifyFailure(telegramError(401, "Unauthorized"), 2000)).toMatchObject({
      kind: "retry",
      cause: "unexpected",
    });
  });

  it("blocked, kicked or deactivated members and refused payloads fail for good", () => {
    expect(classifyFailure(telegramError(403, "Forbidden: bot was kicked from the group chat"), 2000)).toMatchObject({
      kind: "failed",
      cause: "blocked",
    });
    expect(classifyFailure(telegramError(400, "Bad Request: chat not found"), 2000)).toMatchObject({
      kind: "failed",
      cause: "refused",
    });
    expect(classifyFailure(telegramError(400, "Bad Request: BUTTON_DATA_INVALID"), 2000)).toMatchObject({
      kind: "failed",
      cause: "refused",
    });
  });

  it("a group that became a supergroup fails with the new chat id in the reason", () => {
    const migrated = telegramError(400, "Bad Request: group chat was upgraded to a supergroup chat", {
      migrate_to_chat_id: -1001234567890,
    });
    expect(classifyFailure(migrated, 2000)).toMatchObject({
      kind: "failed",
      reason: expect.stringContaining("-1001234567890"),
    });
  });

  it("an error nobody expected is retried rather than losing the message", () => {
    expect(classifyFailure(new TypeError("Cannot read properties of undefined"), 2000)).toMatchObject({
      kind: "retry",
      cause: "unexpected",
      reason: expect.stringContaining("TypeError"),
    });
  });
});
