import type { MessageKey, MessageParams } from "./i18n.ts";

/**
 * An expected failure the member can act on. `code` names the case; the reply is the
 * translation of `messageKey` with `params`, in the member's language.
 */
export class AppError extends Error {
  readonly code: string;
  readonly messageKey: MessageKey;
  readonly params: MessageParams;
  constructor(code: string, messageKey: MessageKey, params: MessageParams = {}) {
    super(`${code} (${messageKey})`);
    this.name = "AppError";
    this.code = code;
    this.messageKey = messageKey;
    this.params = params;
  }
}
