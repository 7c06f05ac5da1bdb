import type { Logger } from "pino";
import type { FileRef } from "../../core/reply.ts";
import { TELEGRAM_PHOTO_MAX_BYTES, TELEGRAM_UPLOAD_MAX_BYTES } from "./limits.ts";

/** A file sent by URL (Telegram fetches it), uploaded with its bytes (multipart), or shown as a link. */
export type OutgoingFile =
  | { kind: "document"; url: string; name: string; private: boolean }
  | { kind: "text"; text: string; entities?: undefined; keyboard?: undefined; private: boolean }
  | { kind: "upload"; as: "photo" | "document"; name: string; content: Uint8Array; private: boolean };

// Telegram's own limits for photos (sendPhoto): width + height at most 10000, sides at most 20:1.
const PHOTO_MAX_SIDES = 10_000;
const PHOTO_MAX_RATIO = 20;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * A reply's file as Telegram sends it: bytes are uploaded (a PNG that fits Telegram's photo limits
 * as a photo, anything else as a document under its own name), a URL is handed to Telegram. A file
 * Telegram would refuse (over 50 MB) or with nothing to send is left out and logged.
 */
export function renderFile(file: FileRef, isPrivate: boolean, log: Pick<Logger, "warn">): OutgoingFile | undefined {
  if (file.content) {
    const bytes = file.content.byteLength;
    if (bytes > TELEGRAM_UPLOAD_MAX_BYTES) {
      log.warn(
        { file: file.name, mediaType: file.mediaType, bytes, maxBytes: TELEGRAM_UPLOAD_MAX_BYTES },
        "file too large for Telegram; not sent",
      );
      return undefined;
    }
    const as = file.mediaType === "image/png" && fitsAsPhoto(file.content) ? "photo" : "document";
    return { kind: "upload", as, name: uploadName(file.name), content: file.content, private: isPrivate };
  }
  if (file.url && fetchableByUrl(file)) return { kind: "document", url: file.url, name: file.name, private: isPrivate };
  // Telegram would answer 400 for any other file by URL; without its bytes, the member gets the link.
  if (file.url) return { kind: "text", text: `${file.name}\n${file.url}`, private: isPrivate };
  log.warn({ file: file.name, mediaType: file.mediaType }, "file has neither content nor URL; not sent");
  return undefined;
}

/**
 * https://core.telegram.org/bots/api#sending-files: "In sendDocument, sending by URL will currently
 * only work for GIF, PDF and ZIP files." Anything else has to be uploaded.
 */
function fetchableByUrl(file: FileRef): boolean {
  if (["image/gif", "application/pdf", "application/zip"].includes(file.mediaType)) return true;
  const path = URL.canParse(file.url!) ? new URL(file.url!).pathname : file.url!;
  return /\.(gif|pdf|zip)$/i.test(path) && /\.(gif|pdf|zip)$/i.test(file.name);
}

/**
 * The name that goes into the upload's part header, quoted as RFC 7578 §4.2 wants (grammY writes
 * `filename=` and the name as given). The name stays UTF-8 inside the quotes, which Telegram's server
 * (tdlib's HttpReader) reads as is; `filename*` (RFC 5987) is not sent: RFC 7578 forbids it in
 * form-data and Telegram ignores it. Quotes, ";", path separators and control characters, which
 * would end or break the header, become "_".
 */
export function uploadName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed here
  const safe = name.replace(/[\u0000-\u001f\u007f;"/\\]/g, "_").trim();
  return safe || "file";
}

/** The upload name (from uploadName) as grammY must be given it for a quoted `filename="..."`. */
export function quotedName(name: string): string {
  return `"${name}"`;
}

/** Whether a PNG stays within Telegram's photo limits (size, width + height, aspect ratio). */
export function fitsAsPhoto(png: Uint8Array): boolean {
  if (png.byteLength > TELEGRAM_PHOTO_MAX_BYTES || png.byteLength < 24) return false;
  if (!PNG_SIGNATURE.every((byte, i) => png[i] === byte)) return false;
  // The IHDR chunk comes first: width and height are big-endian at bytes 16 and 20.
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0) return false;
  return width + height <= PHOTO_MAX_SIDES && Math.max(width, height) / Math.min(width, height) <= PHOTO_MAX_RATIO;
}
