import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** Telegram refuses callback_data longer than this many bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;
const SIGNATURE_CHARS = 11; // 8 bytes of HMAC-SHA256, base64url
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const COMPACT_UUID = /~([A-Za-z0-9_-]{22})/g;

/**
 * Signs the core's choice ids into callback_data and verifies them on the way back: a member's
 * client may send any bytes as callback_data, so what comes back is trusted only when signed.
 */
export interface CallbackCodec {
  /** The callback_data for a choice id (at most 64 bytes). */
  encode(choiceId: string): string;
  /** The choice id, or undefined when the data was forged, corrupted or unreadable. */
  decode(data: string): string | undefined;
}

const REMEMBERED_IDS = 10_000;

/** A codec whose key is derived from the bot token, so it survives restarts and differs per bot. */
export function createCallbackCodec(botToken: string): CallbackCodec {
  const key = createHmac("sha256", "telegram-callback-data").update(botToken).digest();
  const sign = (payload: string) =>
    createHmac("sha256", key).update(payload).digest().subarray(0, 8).toString("base64url");
  // Ids too long even when compacted are remembered here under a random key; after a restart
  // their buttons decode to nothing, and the core answers the press as a stale button.
  const remembered = new Map<string, string>();
  return {
    encode(choiceId) {
      // UUIDs (36 chars) become "~" + 22 base64url chars: ids like "onb:organisation:<uuid>" fit.
      const payload = choiceId.replace(
        UUID,
        (uuid) => `~${Buffer.from(uuid.replaceAll("-", ""), "hex").toString("base64url")}`,
      );
      if (!payload.startsWith("#") && Buffer.byteLength(payload) + SIGNATURE_CHARS <= CALLBACK_DATA_MAX_BYTES)
        return sign(payload) + payload;
      const key = `#${randomBytes(9).toString("base64url")}`;
      remembered.set(key, choiceId);
      if (remembered.size > REMEMBERED_IDS) remembered.delete(remembered.keys().next().value!);
      return sign(key) + key;
    },
    decode(data) {
      if (data.length <= SIGNATURE_CHARS) return undefined;
      const given = Buffer.from(data.slice(0, SIGNATURE_CHARS));
      const payload = data.slice(SIGNATURE_CHARS);
      const expected = Buffer.from(sign(payload));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      if (payload.startsWith("#")) return remembered.get(payload);
      return payload.replace(COMPACT_UUID, (_, compact: string) =>
        toUuid(Buffer.from(compact, "base64url").toString("hex")),
      );
    },
  };
}

function toUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
