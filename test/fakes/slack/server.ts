import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { blockProblem, viewProblem } from "./blocks.ts";

/** One request the fake Slack received: a Web API method, or `response_url` for the reply hooks. */
export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
  /** HTTP status answered (429 when rate-limited, 5xx when injected). */
  status: number;
  /** The `error` of an `ok: false` answer. */
  error?: string;
  at: number;
}

export interface FakeSlackOptions {
  /** chat.postMessage allows one message per channel per this many ms (Slack: about 1 s). */
  channelIntervalMs?: number;
  teamId?: string;
}

export interface FakeSlack {
  /** The Web API base URL (WebClient `slackApiUrl`). */
  apiUrl: string;
  /** A fresh response_url, as Slack puts in commands and interactions. */
  newResponseUrl(): string;
  calls: SlackCall[];
  /** The next `times` calls to `method` are answered with this status (429 with `retryAfter` seconds). */
  failNext(method: string, failure: { status: number; retryAfter?: number }, times?: number): void;
  /** Makes a workspace member known to users.info. */
  addUser(userId: string, profile: { realName: string; locale?: string }): void;
  /** Resolves with the first call (already received or coming) that matches. */
  waitFor(match: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  close(): Promise<void>;
}

const BOT = { user_id: "UBOT", bot_id: "BBOT", user: "reseau", team: "Réseau test" };

/** A small Slack Web API on 127.0.0.1: records calls, enforces chat.postMessage's per-channel limit. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const interval = options.channelIntervalMs ?? 1_000;
  const teamId = options.teamId ?? "T0TEST";
  const calls: SlackCall[] = [];
  const failures = new Map<string, { status: number; retryAfter?: number; times: number }>();
  const lastPost = new Map<string, number>();
  const usedTriggers = new Set<string>();
  const hookUses = new Map<string, number>();
  const users = new Map<string, { realName: string; locale?: string }>();
  const waiters = new Set<{ match: (c: SlackCall) => boolean; resolve: (c: SlackCall) => void }>();

  function record(call: SlackCall): void {
    calls.push(call);
    for (const w of waiters) if (w.match(call)) (waiters.delete(w), w.resolve(call));
  }

  function answer(res: ServerResponse, call: SlackCall, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
    call.status = status;
    if (body.ok === false) call.error = String(body.error);
    record(call);
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  }

  function apiResult(method: string, body: Record<string, unknown>): Record<string, unknown> {
    const refuse = (error: string, detail?: string) => ({ ok: false, error, ...(detail ? { response_metadata: { messages: [detail] } } : {}) });
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://test.slack.com/", team_id: teamId, ...BOT };
      case "chat.postMessage":
      case "chat.postEphemeral": {
        if (!body.channel) return refuse("channel_not_found");
        if (body.blocks !== undefined) {
          const problem = blockProblem(body.blocks, 50);
          if (problem) return refuse("invalid_blocks", problem);
        }
        const ts = `${(Date.now() / 1000).toFixed(6)}`;
        return method === "chat.postMessage" ? { ok: true, channel: body.channel, ts, message: { text: body.text, blocks: body.blocks, ts } } : { ok: true, message_ts: ts };
      }
      case "views.open": {
        const trigger = String(body.trigger_id ?? "");
        if (!trigger || usedTriggers.has(trigger)) return refuse("expired_trigger_id");
        usedTriggers.add(trigger);
        const problem = viewProblem(body.view as Record<string, unknown>);
        if (problem) return refuse("invalid_arguments", problem);
        return { ok: true, view: { id: `V${randomUUID().slice(0, 8)}`, ...(body.view as object) } };
      }
      case "users.info": {
        const user = users.get(String(body.user));
        if (!user) return refuse("user_not_found");
        const locale = body.include_locale === "true" || body.include_locale === true ? { locale: user.locale ?? "en-US" } : {};
        return { ok: true, user: { id: body.user, team_id: teamId, name: user.realName.toLowerCase(), real_name: user.realName, profile: { real_name: user.realName, display_name: "" }, ...locale } };
      }
      case "views.publish": {
        const problem = viewProblem(body.view as Record<string, unknown>);
        return problem ? refuse("invalid_arguments", problem) : { ok: true, view: { id: "VHOME", ...(body.view as object) } };
      }
      default:
        return refuse("unknown_method");
    }
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
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
      return answer(res, call, 200, { ok: true });
    }
    call.method = url.pathname.replace(/^\/api\//, "");
    if (req.headers.authorization !== "Bearer xoxb-test") return answer(res, call, 200, { ok: false, error: "not_authed" });
    if (takeFailure(call.method, res, call)) return;
    if (call.method === "chat.postMessage" && typeof body.channel === "string") {
      const last = lastPost.get(body.channel);
      const gap = last === undefined ? Infinity : call.at - last;
      // A little tolerance for timer and network jitter, as Slack allows short bursts.
      if (gap < interval * 0.8) {
        const retryAfter = Math.max(1, Math.ceil((interval - gap) / 1000));
        return answer(res, call, 429, { ok: false, error: "ratelimited" }, { "retry-after": String(retryAfter) });
      }
      lastPost.set(body.channel, call.at);
    }
    answer(res, call, 200, apiResult(call.method, body));
  });

  function takeFailure(method: string, res: ServerResponse, call: SlackCall): boolean {
    const failure = failures.get(method);
    if (!failure) return false;
    if (--failure.times <= 0) failures.delete(method);
    const headers: Record<string, string> = failure.retryAfter !== undefined ? { "retry-after": String(failure.retryAfter) } : {};
    answer(res, call, failure.status, { ok: false, error: failure.status === 429 ? "ratelimited" : "internal_error" }, headers);
    return true;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`,
    newResponseUrl: () => `${base}/response/${randomUUID()}`,
    calls,
    failNext: (method, failure, times = 1) => void failures.set(method, { ...failure, times }),
    addUser: (userId, profile) => void users.set(userId, profile),
    waitFor: (match, timeoutMs = 10_000) => {
      const seen = calls.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (c: SlackCall) => (clearTimeout(timer), resolve(c)) };
        const timer = setTimeout(() => (waiters.delete(waiter), reject(new Error("fake Slack: the expected call never came"))), timeoutMs);
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
  if ((req.headers["content-type"] ?? "").includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    fields[key] = key === "blocks" || key === "view" || key === "attachments" ? JSON.parse(value) : value;
  }
  return fields;
}
