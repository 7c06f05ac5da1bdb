import type { FastifyInstance } from "fastify";
import { RETENTION } from "../../config/retention.ts";
import type { FileRef, Reply } from "../../core/reply.ts";
import type { Db } from "../../db/database.ts";
import { isUuid } from "../../shared/ids.ts";

/** Where the web chat downloads the files of replies. */
export const FILES_PATH = "/api/local/files";

const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+(?:\s*;\s*[\w.+-]+=[\w.+"-]+)*$/;

/** Whom a stored file belongs to: the network always, the member when the local user is one. */
export interface FileOwner {
  networkId: string;
  memberId: string | null;
}

/** The link to a stored file; the name at the end is what the browser shows, the id is what counts. */
export function fileUrl(id: string, name: string): string {
  return `${FILES_PATH}/${id}/${encodeURIComponent(name)}`;
}

/**
 * Whom a file made for a local user belongs to: the member's own network and member id when the
 * user is a member (a reminder from their network, an export they asked for), else the network the
 * chat serves. Throws when neither names a network: there is nobody to keep the file for.
 */
export async function localFileOwner(db: Db, user: string, networkSlug: string | undefined): Promise<FileOwner> {
  const identity = await db.platformIdentity.findUnique({
    where: { platform_externalId: { platform: "local", externalId: user } },
    select: { networkId: true, memberId: true },
  });
  if (identity) return { networkId: identity.networkId, memberId: identity.memberId };
  const networkId = networkSlug ? await servedNetworkId(db, networkSlug) : null;
  if (!networkId)
    throw new Error(`no network to keep the local chat's files for (slug ${networkSlug ?? "none"}, user ${user})`);
  return { networkId, memberId: null };
}

/** The network the local chat serves: the one its scope (`networkSlug`) is bound to, else the network of that slug. */
export async function servedNetworkId(db: Db, networkSlug: string): Promise<string | null> {
  const binding = await db.channelBinding.findUnique({
    where: { platform_scopeId: { platform: "local", scopeId: networkSlug } },
    select: { networkId: true },
  });
  if (binding) return binding.networkId;
  return (await db.network.findUnique({ where: { slug: networkSlug }, select: { id: true } }))?.id ?? null;
}

/**
 * True when a local user id belongs to a member of another network than the one the chat serves:
 * the web chat answers only as its own network, so that user is refused rather than served as theirs.
 */
export async function isOfAnotherNetwork(db: Db, user: string, networkSlug: string): Promise<boolean> {
  const identity = await db.platformIdentity.findUnique({
    where: { platform_externalId: { platform: "local", externalId: user } },
    select: { networkId: true },
  });
  if (!identity) return false;
  const served = await servedNetworkId(db, networkSlug);
  return served !== null && identity.networkId !== served;
}

/**
 * Bytes cannot travel in the chat's JSON: each file that carries them is stored (GeneratedFile) and
 * replaced by a link to it. `owner` is asked only when there is such a file, so plain replies cost no query.
 */
export async function linkReplyFiles(db: Db, replies: Reply[], owner: () => Promise<FileOwner>): Promise<Reply[]> {
  if (!replies.some((r) => r.files?.some((f) => f.content !== undefined))) return replies;
  const { networkId, memberId } = await owner();
  const link = async (file: FileRef): Promise<FileRef> => {
    const bytes = bytesOf(file.content);
    if (!bytes) return file;
    const { id } = await db.generatedFile.create({
      data: { networkId, memberId, name: file.name, mediaType: file.mediaType, content: bytes },
      select: { id: true },
    });
    return { name: file.name, mediaType: file.mediaType, url: fileUrl(id, file.name) };
  };
  return Promise.all(
    replies.map(async (r) => (r.files?.length ? { ...r, files: await Promise.all(r.files.map(link)) } : r)),
  );
}

/**
 * The bytes of a file: a Uint8Array, or what JSON made of one on its way through the outbox (Prisma
 * writes base64 text; JSON.stringify `{"0": 137, "1": 80…}`; a Buffer `{type: "Buffer", data}`).
 */
function bytesOf(content: unknown): Uint8Array<ArrayBuffer> | null {
  if (content instanceof Uint8Array) return new Uint8Array(content);
  if (typeof content === "string") return new Uint8Array(Buffer.from(content, "base64"));
  if (typeof content !== "object" || content === null) return null;
  const values: unknown[] = "data" in content && Array.isArray(content.data) ? content.data : Object.values(content);
  return values.every((v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 255)
    ? Uint8Array.from(values as number[])
    : null;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the exact name in UTF-8 (RFC 6266, RFC 8187). */
export function attachmentDisposition(name: string): string {
  const fallback = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

/** GET /api/local/files/:id/:name: the bytes of a file a reply linked, for as long as it is kept, if it is the served network's. */
export function localFileRoutes(app: FastifyInstance, db: Db, networkSlug: string): void {
  app.get<{ Params: { id: string; name: string } }>(`${FILES_PATH}/:id/:name`, async (request, reply) => {
    const { id } = request.params;
    // Only the served network's files: another network's file is as unknown as a wrong id.
    const served = isUuid(id) ? await servedNetworkId(db, networkSlug) : null;
    const file = served ? await db.generatedFile.findFirst({ where: { id, networkId: served } }) : null;
    // Compared with the real clock, which stamped createdAt; the daily pruning deletes it later.
    if (!file || file.createdAt.getTime() < Date.now() - RETENTION.generatedFilesMs) {
      return reply.code(404).send({
        error: { code: "file_not_found", message: "No such file: files are kept 7 days. Ask the bot for it again." },
      });
    }
    return reply
      .header("content-type", MEDIA_TYPE.test(file.mediaType) ? file.mediaType : "application/octet-stream")
      .header("content-disposition", attachmentDisposition(file.name))
      .header("cache-control", "private, max-age=3600")
      .header("x-content-type-options", "nosniff")
      .send(Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength));
  });
}
