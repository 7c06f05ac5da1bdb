import {
  type BaseInteraction,
  MessagePayload,
  type MessagePayloadOption,
  type MessageTarget,
  type RawFile,
} from "discord.js";
import type { Logger } from "pino";
import type { FileRef } from "../../core/reply.ts";

/**
 * What a bot may upload with one message on a server without boosts: 10 MiB in all
 * (https://discord.com/developers/docs/reference#uploading-files), and at most 10 files.
 */
export const ATTACHMENT_BYTES_MAX = 10 * 1024 * 1024;
export const ATTACHMENTS_PER_MESSAGE_MAX = 10;

/** A file uploaded with a message: a multipart part `files[n]`, as discord.js's REST sends it. */
export interface Upload {
  name: string;
  data: Uint8Array;
  contentType: string;
}

/**
 * Splits a reply's files: those with bytes become uploads, while they fit in one message (a file
 * over the limit is skipped and logged; the text still goes); those with only a url stay links.
 */
export function uploadsOf(files: FileRef[], log: Logger): { uploads: Upload[]; links: FileRef[] } {
  const uploads: Upload[] = [];
  const links: FileRef[] = [];
  let bytes = 0;
  for (const file of files) {
    if (!file.content) {
      if (file.url) links.push(file);
      continue;
    }
    const size = file.content.byteLength;
    if (bytes + size > ATTACHMENT_BYTES_MAX || uploads.length >= ATTACHMENTS_PER_MESSAGE_MAX) {
      log.warn(
        { file: file.name, bytes: size, limitBytes: ATTACHMENT_BYTES_MAX, maxFiles: ATTACHMENTS_PER_MESSAGE_MAX },
        "a file too large for one Discord message was not sent",
      );
      continue;
    }
    bytes += size;
    uploads.push({ name: file.name, data: file.content, contentType: file.mediaType });
  }
  return { uploads, links };
}

/** The uploads as discord.js's REST takes them (`rest.post(route, { body, files })`). */
export function rawFiles(uploads: Upload[]): RawFile[] {
  return uploads.map((u) => ({ name: u.name, data: u.data, contentType: u.contentType }));
}

/** The `attachments` field naming the uploads in the JSON part (ids are the `files[n]` indexes). */
export function attachmentsField(uploads: Upload[]): { id: string; filename: string }[] {
  // Discord's OpenAPI types an attachment id as a snowflake string (MessageAttachmentRequest.id).
  return uploads.map((u, id) => ({ id: String(id), filename: u.name }));
}

/**
 * An interaction answer (reply, follow-up, edit) with its uploads. The options' `files` make
 * discord.js list them in `attachments`; the raw files replace what it would resolve, which would
 * guess each type from its first bytes, so that the core's media type is sent.
 */
export function withUploads<O extends MessagePayloadOption>(
  interaction: BaseInteraction,
  options: O,
  uploads: Upload[],
): O | MessagePayload {
  if (uploads.length === 0) return options;
  const payload = MessagePayload.create(interaction as MessageTarget, {
    ...options,
    files: uploads.map((u) => ({
      attachment: Buffer.from(u.data.buffer, u.data.byteOffset, u.data.byteLength),
      name: u.name,
    })),
  });
  payload.files = rawFiles(uploads);
  return payload;
}
