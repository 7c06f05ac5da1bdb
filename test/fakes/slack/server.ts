import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { recordSpecRefusal } from "../specs/refusals.ts";
import {
  apiResult,
  type FakeSlackFile,
  type FakeSlackMessage,
  type FakeUser,
  type Workspace,
  writtenChannel,
} from "./methods.ts";
import { loadSlackSpec, responseUrlRefusal, slackRefusal } from "./spec.ts";

/** One request the fake Slack received: a Web API method, `response_url` for the reply hooks, `upload_url` for file bytes. */
export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
  /** HTTP status answered (429 when rate-limited, 5xx when injected); 0 when the connection was dropped. */
  status: number;
  /** The `error` of an `ok: false` answer. */
  error?: string;
  at: number;
}

export interface FakeSlackOptions {
  /** chat.postMessage and chat.update allow one write per channel per this many ms (Slack: about 1 s). */
  channelIntervalMs?: number;
  teamId?: string;
}

export interface FakeSlack {
  /** The Web API base URL (WebClient `slackApiUrl`). */
  apiUrl: string;
  /** A fresh response_url, as Slack puts in commands and interactions. */
  newResponseUrl(): string;
  calls: SlackCall[];
  /**
   * The next `times` calls to `method` fail this way, after failures queued before: an HTTP status
   * (429 with `retryAfter` seconds, which also holds the channel that long), an `ok: false` error at
   * HTTP 200, or "drop" (the connection is closed without an answer).
   */
  failNext(method: string, failure: Failure, times?: number): void;
  /** Makes a workspace member known to users.info, conversations.open and posts to their user id. */
  addUser(userId: string, profile: FakeUser): void;
  /** Archives a channel: posts to it are refused with `is_archived`. */
  archiveChannel(channelId: string): void;
  /** The bot's DMs opened so far, by conversations.open or by a post to a user id. */
  ims: ReadonlySet<string>;
  /** Files the bot uploaded (files.uploadV2), by id; `channel` is set once shared. */
  files: ReadonlyMap<string, FakeSlackFile>;
  /** A message the bot posted, as it reads now (after chat.update). */
  message(channel: string, ts: string): FakeSlackMessage | undefined;
  /** Resolves with the first call (already received or coming) that matches. */
  waitFor(match: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  close(): Promise<void>;
}

/** An injected failure: an HTTP status, Slack's `ok: false` error, or a dropped connection. */
export type Failure = { status: number; retryAfter?: number } | { error: string } | "drop";

// Writes to a channel share its limit of about one a second: new messages, edits and file shares alike.
const CHANNEL_WRITES = new Set(["chat.postMessage", "chat.update", "files.completeUploadExternal"]);

/** A small Slack Web API on 127.0.0.1: records calls, enforces the per-channel limit on posts and edits. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  loadSlackSpec();
  const interval = options.channelIntervalMs ?? 1_000;
  const teamId = options.teamId ?? "T0TEST";
  const calls: SlackCall[] = [];
  const failures = new Map<string, { failure: Failure; times: number }[]>();
  const lastPost = new Map<string, number>();
  const heldUntil = new Map<string, number>();
  const hookUses = new Map<string, number>();
  const ws: Workspace = {
    teamId,
    users: new Map(),
    archived: new Set(),
    usedTriggers: new Set(),
    messages: new Map(),
    ims: new Set(),
    files: new Map(),
    uploadBase: "",
  };
  const waiters = new Set<{ match: (c: SlackCall) => boolean; resolve: (c: SlackCall) => void }>();

  function record(call: SlackCall): void {
    calls.push(call);
    for (const w of waiters) if (w.match(call)) waiters.delete(w), w.resolve(call);
  }

  function answer(
    res: ServerResponse,
    call: SlackCall,
    status: number,
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): void {
    call.status = status;
    if (body.ok === false) call.error = String(body.error);
    record(call);
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (url.pathname.startsWith("/upload/")) return receiveUpload(req, res, url.pathname.slice("/upload/".length));
    const body = await readBody(req);
    const call: SlackCall = { method: "", body, status: 0, at: Date.now() };
    if (url.pathname.startsWith("/response/")) {
      call.method = "response_url";
      call.body = { ...body, hook: url.pathname };
      const uses = (hookUses.get(url.pathname) ?? 0) + 1;
      hookUses.set(url.pathname, uses);
      // Slack accepts five answers per response_url.
      if (uses > 5) return answer(res, call, 404, { ok: false, error: "used_url" });
      if (takeFailure("response_url", res, call)) return;
      const refusal = responseUrlRefusal(body);
      if (refusal) return refuseAgainstSpec(res, call, refusal);
      return answer(res, call, 200, { ok: true });
    }
    call.method = url.pathname.replace(/^\/api\//, "");
    if (req.headers.authorization !== "Bearer xoxb-test")
      return answer(res, call, 200, { ok: false, error: "not_authed" });
    if (takeFailure(call.method, res, call)) return;
    const refusal = slackRefusal(call.method, body);
    if (refusal) return refuseAgainstSpec(res, call, refusal);
    const channel = writeChannel(call);
    if (channel) {
      const held = heldUntil.get(channel) ?? 0;
      if (call.at < held) return rateLimited(res, call, held - call.at);
      const last = lastPost.get(channel);
      const gap = last === undefined ? Infinity : call.at - last;
      // A little tolerance for timer and network jitter, as Slack allows short bursts.
      if (gap < interval * 0.8) return rateLimited(res, call, interval - gap);
      lastPost.set(channel, call.at);
    }
    answer(res, call, 200, apiResult(ws, call.method, body));
  });

  // Step 2 of files.uploadV2: the bytes, POSTed (multipart, field `body`) to the URL step 1 gave.
  async function receiveUpload(req: IncomingMessage, res: ServerResponse, fileId: string): Promise<void> {
    const call: SlackCall = { method: "upload_url", body: { file_id: fileId }, status: 0, at: Date.now() };
    const bytes = await readUpload(req);
    call.body.length = bytes.length;
    if (takeFailure("upload_url", res, call)) return;
    const file = ws.files.get(fileId);
    call.status = file ? 200 : 404;
    if (file) file.bytes = bytes;
    record(call);
    res.writeHead(call.status, { "content-type": "text/plain" }).end(file ? `OK - ${bytes.length}` : "Not Found");
  }

  // The channel a write counts against: a post to a user id writes in their DM, whose limit it shares.
  function writeChannel(call: SlackCall): string | undefined {
    const channel = call.body.channel ?? call.body.channel_id;
    if (!CHANNEL_WRITES.has(call.method) || typeof channel !== "string") return undefined;
    if (call.method !== "chat.postMessage") return channel;
    const written = writtenChannel(ws, channel);
    return "error" in written ? undefined : written.channel;
  }

  // Slack answers HTTP 200 with ok: false, and names each fault in response_metadata.messages.
  function refuseAgainstSpec(
    res: ServerResponse,
    call: SlackCall,
    refusal: { error: string; messages: string[] },
  ): void {
    recordSpecRefusal({
      platform: "slack",
      request: call.method,
      reason: [refusal.error, ...refusal.messages].join(" "),
    });
    answer(res, call, 200, {
      ok: false,
      error: refusal.error,
      ...(refusal.messages.length ? { response_metadata: { messages: refusal.messages } } : {}),
    });
  }
  function rateLimited(res: ServerResponse, call: SlackCall, waitMs: number): void {
    answer(
      res,
      call,
      429,
      { ok: false, error: "ratelimited" },
      { "retry-after": String(Math.max(1, Math.ceil(waitMs / 1000))) },
    );
  }

  function takeFailure(method: string, res: ServerResponse, call: SlackCall): boolean {
    const queue = failures.get(method);
    const next = queue?.[0];
    if (!queue || !next) return false;
    if (--next.times <= 0) queue.shift();
    const { failure } = next;
    if (failure === "drop") {
      call.error = "dropped";
      record(call);
      res.socket?.destroy();
      return true;
    }
    if ("error" in failure) {
      answer(res, call, 200, { ok: false, error: failure.error });
      return true;
    }
    const headers: Record<string, string> =
      failure.retryAfter !== undefined ? { "retry-after": String(failure.retryAfter) } : {};
    // Slack keeps refusing a rate-limited channel until Retry-After has passed.
    const named = call.body.channel ?? call.body.channel_id;
    const channel = writeChannel(call) ?? (typeof named === "string" ? named : undefined);
    if (failure.status === 429 && failure.retryAfter !== undefined && channel)
      heldUntil.set(channel, call.at + failure.retryAfter * 1000);
    answer(
      res,
      call,
      failure.status,
      { ok: false, error: failure.status === 429 ? "ratelimited" : "internal_error" },
      headers,
    );
    return true;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ws.uploadBase = base;
  return {
    apiUrl: `${base}/api/`,
    newResponseUrl: () => `${base}/response/${randomUUID()}`,
    calls,
    failNext: (method, failure, times = 1) =>
      void (failures.get(method) ?? failures.set(method, []).get(method)!).push({ failure, times }),
    addUser: (userId, profile) => void ws.users.set(userId, profile),
    archiveChannel: (channelId) => void ws.archived.add(channelId),
    ims: ws.ims,
    files: ws.files,
    message: (channel, ts) => ws.messages.get(`${channel}:${ts}`),
    waitFor: (match, timeoutMs = 10_000) => {
      const seen = calls.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (c: SlackCall) => (clearTimeout(timer), resolve(c)) };
        const timer = setTimeout(
          () => (waiters.delete(waiter), reject(new Error("fake Slack: the expected call never came"))),
          timeoutMs,
        );
        waiters.add(waiter);
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** WebClient sends form-encoded fields with JSON inside (`blocks`, `view`); hooks get JSON. */
async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (!raw) return {};
  if ((req.headers["content-type"] ?? "").includes("application/json"))
    return JSON.parse(raw) as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    fields[key] =
      key === "blocks" || key === "view" || key === "attachments" || key === "files" ? JSON.parse(value) : value;
  }
  return fields;
}

/** The uploaded bytes: WebClient sends them as multipart form data; a raw body is taken as is. */
async function readUpload(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("multipart/form-data")) return raw;
  const form = await new Response(raw, { headers: { "content-type": type } }).formData();
  const part = form.get("body") ?? [...form.values()].find((value) => typeof value !== "string");
  return part && typeof part !== "string" ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
}
