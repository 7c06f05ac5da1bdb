// What Telegram checks beyond its method tables (spec.ts): rules from its documentation pages.

// The message entity types a bot may send (Bot API "MessageEntity").
const ENTITY_TYPES = new Set([
  "mention",
  "hashtag",
  "cashtag",
  "bot_command",
  "url",
  "email",
  "phone_number",
  "bold",
  "italic",
  "underline",
  "strikethrough",
  "spoiler",
  "blockquote",
  "expandable_blockquote",
  "code",
  "pre",
  "text_link",
  "text_mention",
  "custom_emoji",
]);

/**
 * https://core.telegram.org/bots/api#sending-files: "In sendDocument, sending by URL will currently
 * only work for GIF, PDF and ZIP files." The fake judges the URL by its path's extension.
 */
export function documentUrlRefusal(method: string, params: Record<string, any>): string | undefined {
  const given = params.document;
  if (method !== "sendDocument" || typeof given !== "string" || !/^https?:\/\//i.test(given)) return undefined;
  const extension = /\.([a-z0-9]+)$/i.exec(new URL(given).pathname)?.[1]?.toLowerCase();
  return extension && ["gif", "pdf", "zip"].includes(extension)
    ? undefined
    : "Bad Request: wrong type of the web page content";
}

/**
 * Whether `entities` (absent, or what the bot sent) is what Telegram accepts over `text`: a list of
 * known types, each at an integer offset and a positive integer length within the text's UTF-16 units.
 */
export function validEntities(entities: unknown, text: string): boolean {
  if (entities === undefined) return true;
  if (!Array.isArray(entities)) return false;
  return entities.every((e: unknown) => {
    if (typeof e !== "object" || e === null) return false;
    const { type, offset, length } = e as Record<string, unknown>;
    if (typeof type !== "string" || !ENTITY_TYPES.has(type)) return false;
    if (!Number.isInteger(offset) || !Number.isInteger(length)) return false;
    return (offset as number) >= 0 && (length as number) > 0 && (offset as number) + (length as number) <= text.length;
  });
}

/** A PNG's width and height from its header, or undefined for anything else. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.byteLength < 24 || !signature.every((b, i) => bytes[i] === b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = { width: view.getUint32(16), height: view.getUint32(20) };
  return size.width > 0 && size.height > 0 ? size : undefined;
}
