import { FORM_TEXT_MAX, type Reply } from "./reply.ts";

/**
 * The longest choice id every platform takes back intact: Discord's custom_id holds 1–100
 * characters (Slack's action_id 255; Telegram's 64-byte callback_data is reached through the
 * adapter's compaction of UUIDs, see channels/telegram/callback-data.ts).
 */
export const ACTION_ID_MAX = 100;

/** A choice id, checked where it is built: an id no platform could carry back fails here, not silently on Discord. */
export function actionId(...parts: Array<string | number>): string {
  const id = parts.join(":");
  if (id.length === 0 || id.length > ACTION_ID_MAX)
    throw new Error(`choice id of ${id.length} characters (1 to ${ACTION_ID_MAX} allowed): ${id.slice(0, 120)}`);
  return id;
}

/**
 * Checks what every platform would refuse in a reply before any adapter renders it: a choice id over
 * ACTION_ID_MAX, a form field asking for more than FORM_TEXT_MAX characters. A programming error,
 * so it throws (the member gets the apology with a reference, the log names the fault).
 */
export function assertReplyFits(reply: Reply): Reply {
  for (const choice of reply.choices ?? []) actionId(choice.id);
  for (const field of reply.form?.fields ?? []) {
    if (field.maxLength !== undefined && (field.maxLength < 1 || field.maxLength > FORM_TEXT_MAX)) {
      throw new Error(
        `form field ${field.name} asks for ${field.maxLength} characters (1 to ${FORM_TEXT_MAX} allowed on every platform)`,
      );
    }
  }
  return reply;
}
