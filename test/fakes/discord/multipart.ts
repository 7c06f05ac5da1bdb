import type { IncomingMessage } from "node:http";
import { snowflake } from "./ids.ts";

/** A file the bot uploaded with a message (a `files[n]` part of a multipart request). */
export interface FakeAttachment {
  id: string;
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

/** Discord's limits on uploads for a bot on a server without boosts. */
const UPLOAD_BYTES_MAX = 10 * 1024 * 1024;
const ATTACHMENTS_MAX = 10;

/**
 * A request's body as Discord reads it: JSON, or multipart/form-data whose `payload_json` part is
 * the JSON and whose `files[n]` parts are the attachments; anything else stays text.
 */
export async function readRequest(req: IncomingMessage): Promise<{ body: unknown; attachments: FakeAttachment[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = String(req.headers["content-type"] ?? "");
  if (type.startsWith("multipart/form-data")) {
    const form = await new Response(raw, { headers: { "content-type": type } }).formData();
    const json = form.get("payload_json");
    const attachments: FakeAttachment[] = [];
    for (const [key, value] of form.entries()) {
      if (!/^files\[\d+\]$/.test(key) || typeof value === "string") continue;
      attachments.push({
        id: snowflake(),
        filename: value.name,
        contentType: value.type,
        bytes: new Uint8Array(await value.arrayBuffer()),
      });
    }
    return { body: typeof json === "string" ? JSON.parse(json) : undefined, attachments };
  }
  const text = raw.toString("utf8");
  return { body: text && type.includes("json") ? JSON.parse(text) : text, attachments: [] };
}

/** What Discord refuses in uploads: more than 10 files (50035), or more than 10 MiB (413, 40005). */
export function refusedUploads(
  attachments: FakeAttachment[],
): { status: number; code: number; message: string } | undefined {
  if (attachments.length > ATTACHMENTS_MAX)
    return { status: 400, code: 50035, message: "Invalid Form Body: more than 10 attachments" };
  const bytes = attachments.reduce((sum, a) => sum + a.bytes.byteLength, 0);
  if (bytes > UPLOAD_BYTES_MAX) return { status: 413, code: 40005, message: "Request entity too large" };
  return undefined;
}

/** The attachments as Discord returns them inside a message object. */
export function attachmentObjects(attachments: FakeAttachment[], channelId: string): Record<string, unknown>[] {
  return attachments.map((a) => ({
    id: a.id,
    filename: a.filename,
    size: a.bytes.byteLength,
    content_type: a.contentType,
    url: `https://cdn.discordapp.com/attachments/${channelId}/${a.id}/${a.filename}`,
    proxy_url: `https://media.discordapp.net/attachments/${channelId}/${a.id}/${a.filename}`,
  }));
}
