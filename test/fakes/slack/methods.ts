// The Web API methods the fake Slack answers, as Slack does (ok: false with Slack's error codes).
// Arguments and blocks were checked against Slack's specification before (spec.ts).
import { randomUUID } from "node:crypto";

type Json = Record<string, unknown>;

/** A workspace member the fake knows; `deactivated` members cannot be written to. */
export interface FakeUser {
  realName: string;
  locale?: string;
  deactivated?: boolean;
}

/** A message the bot posted to a channel, as it reads now. */
export interface FakeSlackMessage {
  channel: string;
  ts: string;
  text: unknown;
  blocks: unknown;
  /** Set once chat.update changed it. */
  edited?: { ts: string };
}

/** A file the bot uploaded (files.uploadV2's three steps): announced, its bytes received, then shared. */
export interface FakeSlackFile {
  id: string;
  filename: string;
  /** The length announced to files.getUploadURLExternal. */
  length: number;
  /** The bytes POSTed to the upload URL. */
  bytes?: Buffer;
  /** Set by files.completeUploadExternal: where the file was shared, its title, the text above it. */
  channel?: string;
  title?: string;
  initialComment?: string;
}

/** What the fake workspace holds: members, archived channels, used trigger ids, posted messages, DMs, files. */
export interface Workspace {
  teamId: string;
  users: Map<string, FakeUser>;
  archived: Set<string>;
  usedTriggers: Set<string>;
  /** `<channel>:<ts>` → the message the bot posted there. */
  messages: Map<string, FakeSlackMessage>;
  /** The bot's DMs opened so far (by conversations.open or a post to a user id). */
  ims: Set<string>;
  /** Uploaded files by id, shared or not yet. */
  files: Map<string, FakeSlackFile>;
  /** Where upload URLs point: the fake itself (`<uploadBase>/upload/<file id>`). */
  uploadBase: string;
}

const BOT = { user_id: "UBOT", bot_id: "BBOT", user: "reseau", team: "Réseau test" };

/** The bot's IM with a user: `D` and the user id without its `U`, as the contract driver reads it. */
export const imOf = (userId: string) => `D${userId.slice(1)}`;

/**
 * Where chat.postMessage writes: a user id stands for the bot's DM with that user, opened if need be
 * (as Slack does for a bot token); an unknown user, a deactivated one or the bot itself is refused.
 */
export function writtenChannel(ws: Workspace, channel: string): { channel: string } | { error: string } {
  if (!/^[UW][A-Z0-9]+$/.test(channel)) return { channel };
  if (channel === BOT.user_id) return { error: "cannot_dm_bot" };
  const user = ws.users.get(channel);
  if (!user) return { error: "user_not_found" };
  if (user.deactivated) return { error: "account_inactive" };
  return { channel: imOf(channel) };
}

const refuse = (error: string, detail?: string) => ({
  ok: false,
  error,
  ...(detail ? { response_metadata: { messages: [detail] } } : {}),
});

/** The answer to one Web API call. */
export function apiResult(ws: Workspace, method: string, body: Json): Json {
  switch (method) {
    case "auth.test":
      return { ok: true, url: "https://test.slack.com/", team_id: ws.teamId, ...BOT };
    case "chat.postMessage":
    case "chat.postEphemeral":
      return post(ws, method, body);
    case "chat.update":
      return update(ws, body);
    case "conversations.open":
      return openIm(ws, String(body.users ?? ""));
    case "views.open": {
      const trigger = String(body.trigger_id ?? "");
      if (!trigger || ws.usedTriggers.has(trigger)) return refuse("expired_trigger_id");
      ws.usedTriggers.add(trigger);
      return { ok: true, view: { id: `V${randomUUID().slice(0, 8)}`, ...(body.view as object) } };
    }
    case "users.info": {
      const user = ws.users.get(String(body.user));
      if (!user) return refuse("user_not_found");
      const locale =
        body.include_locale === "true" || body.include_locale === true ? { locale: user.locale ?? "en-US" } : {};
      const profile = { real_name: user.realName, display_name: "" };
      return {
        ok: true,
        user: {
          id: body.user,
          team_id: ws.teamId,
          name: user.realName.toLowerCase(),
          real_name: user.realName,
          deleted: Boolean(user.deactivated),
          profile,
          ...locale,
        },
      };
    }
    case "files.getUploadURLExternal":
      return uploadUrl(ws, body);
    case "files.completeUploadExternal":
      return completeUpload(ws, body);
    case "views.publish":
      return { ok: true, view: { id: "VHOME", ...(body.view as object) } };
    default:
      return refuse("unknown_method");
  }
}

function post(ws: Workspace, method: string, body: Json): Json {
  if (typeof body.channel !== "string" || !body.channel) return refuse("channel_not_found");
  const written = method === "chat.postMessage" ? writtenChannel(ws, body.channel) : { channel: body.channel };
  if ("error" in written) return refuse(written.error);
  const { channel } = written;
  if (ws.archived.has(channel)) return refuse("is_archived");
  const ts = nextTs();
  if (method !== "chat.postMessage") return { ok: true, message_ts: ts };
  if (channel !== body.channel) ws.ims.add(channel);
  ws.messages.set(`${channel}:${ts}`, { channel, ts, text: body.text, blocks: body.blocks });
  return { ok: true, channel, ts, message: { text: body.text, blocks: body.blocks, ts } };
}

// Slack's chat.update: only the bot's own messages, the new text and blocks replacing the old.
function update(ws: Workspace, body: Json): Json {
  const channel = String(body.channel ?? "");
  if (!channel) return refuse("channel_not_found");
  if (ws.archived.has(channel)) return refuse("is_archived");
  const message = ws.messages.get(`${channel}:${String(body.ts ?? "")}`);
  if (!message) return refuse("message_not_found");
  Object.assign(message, { text: body.text, blocks: body.blocks, edited: { ts: nextTs() } });
  return { ok: true, channel, ts: message.ts, text: body.text, message: { text: body.text, blocks: body.blocks } };
}

// Step 1 of files.uploadV2: a URL to POST the bytes to, and the file's id.
function uploadUrl(ws: Workspace, body: Json): Json {
  const filename = String(body.filename ?? "");
  const length = Number(body.length);
  if (!filename || !Number.isInteger(length) || length <= 0)
    return refuse("invalid_arguments", "filename and a positive length are required");
  const id = `F${randomUUID().replaceAll("-", "").slice(0, 10).toUpperCase()}`;
  ws.files.set(id, { id, filename, length });
  return { ok: true, upload_url: `${ws.uploadBase}/upload/${id}`, file_id: id };
}

// Step 3: the uploaded files shared in one message. Slack wants a conversation id here, not a user id.
function completeUpload(ws: Workspace, body: Json): Json {
  const files = body.files as { id?: string; title?: string }[] | undefined;
  if (!Array.isArray(files) || files.length === 0) return refuse("invalid_arguments", "files is required");
  const channel = typeof body.channel_id === "string" ? body.channel_id : undefined;
  if (channel !== undefined && (!/^[CGD][A-Z0-9]+$/.test(channel) || ws.archived.has(channel)))
    return refuse(channel && ws.archived.has(channel) ? "is_archived" : "channel_not_found");
  const known = files.map((f) => ws.files.get(String(f.id)));
  if (known.some((f) => !f)) return refuse("file_not_found");
  const incomplete = known.find((f) => f!.bytes?.length !== f!.length);
  if (incomplete) return refuse("invalid_arguments", `the bytes of ${incomplete.id} were not uploaded in full`);
  known.forEach((file, i) => {
    Object.assign(file!, {
      channel,
      title: files[i]!.title ?? file!.filename,
      ...(typeof body.initial_comment === "string" ? { initialComment: body.initial_comment } : {}),
    });
  });
  if (channel?.startsWith("D")) ws.ims.add(channel);
  return { ok: true, files: known.map((f) => ({ id: f!.id, title: f!.title, name: f!.filename })) };
}

// Message timestamps are ids: unique and increasing, even for two posts in one millisecond.
let lastTs = 0;
function nextTs(): string {
  lastTs = Math.max(lastTs + 1, Date.now() * 1000);
  return `${Math.floor(lastTs / 1_000_000)}.${String(lastTs % 1_000_000).padStart(6, "0")}`;
}

// conversations.open with one user: the bot's IM with them, the same id every time.
function openIm(ws: Workspace, users: string): Json {
  if (!users || users.includes(",")) return refuse("invalid_arguments", "one user at a time in this fake");
  if (users === BOT.user_id) return refuse("cannot_dm_bot");
  const user = ws.users.get(users);
  if (!user) return refuse("user_not_found");
  if (user.deactivated) return refuse("user_disabled");
  ws.ims.add(imOf(users));
  return { ok: true, channel: { id: imOf(users) } };
}
