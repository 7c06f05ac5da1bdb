import { createHash } from "node:crypto";

/**
 * Block Kit option `value`s hold 1–150 characters (docs.slack.dev/reference/block-kit/composition-objects/option-object).
 * The core's values may be empty (a "none" option) or longer: those travel as a short key, mapped
 * back here when the member's pick comes in. A clipped value would come back as a different one.
 */
const OPTION_VALUE_MAX = 150;
/** Block Kit refuses an empty option value; the core's "none" option (value "") travels as this. */
export const EMPTY_OPTION = "__none__";
const KEY_PREFIX = "~k:";
const REMEMBERED_MAX = 10_000;
// Keys are a hash of the value, so the same form renders the same keys; after a restart a key not
// rendered since decodes to nothing picked, and the form asks again.
const remembered = new Map<string, string>();

/** The option value Slack is sent for a core value. */
export function encodeOption(value: string): string {
  if (value === "") return EMPTY_OPTION;
  if (value.length <= OPTION_VALUE_MAX && !value.startsWith(KEY_PREFIX) && value !== EMPTY_OPTION) return value;
  const key = KEY_PREFIX + createHash("sha256").update(value).digest("base64url").slice(0, 32);
  remembered.delete(key);
  remembered.set(key, value);
  if (remembered.size > REMEMBERED_MAX) remembered.delete(remembered.keys().next().value!);
  return key;
}

/** The core value of an option value Slack sent back. */
export function decodeOption(value: string): string {
  if (value === EMPTY_OPTION) return "";
  return value.startsWith(KEY_PREFIX) ? (remembered.get(value) ?? "") : value;
}
