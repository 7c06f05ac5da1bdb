import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Chat, Message, Update, User } from "grammy/types";
import { type RateRule, TELEGRAM_LIMITS, type TelegramLimits } from "../../../src/channels/telegram/limits.ts";

/** One call the bot made, as the fake answered it. */
export interface ApiCall {
  method: string;
  params: Record<string, any>;
  at: number;
  status: number;
  /** The message the fake created, for successful sends. */
  message?: Message;
}

/** A failure the fake plays on the next calls of a method instead of answering. */
export type Failure = { status: 429; retryAfter: number } | { status: 403 | 500 | 502 } | "drop";

const SENDS = new Set(["sendMessage", "sendDocument"]);
// Sends within 90% of a window count: pacing exactly at the limit must not be judged by network jitter.
const TOLERANCE = 0.9;

/**
 * A small Telegram Bot API: `/bot<token>/<method>` on 127.0.0.1. It records every call, queues
 * updates for getUpdates (long polling), enforces Telegram's sending limits with 429 retry_after,
 * and plays failures on demand (429, 5xx, dropped connection).
 */
export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  readonly bot: User = { id: 999_000, is_bot: true, first_name: "Réseau", username: "reseau_test_bot" };
  apiRoot = "";
  readonly #server: Server;
  readonly #token: string;
  readonly #limits: TelegramLimits;
  readonly #queue: Update[] = [];
  readonly #waiters = new Set<() => void>();
  readonly #failures = new Map<string, Failure[]>();
  readonly #accepted = new Map<string, number[]>();
  readonly #chats = new Map<string, Chat>();
  readonly #messages = new Map<string, Message>();
  #nextUpdateId = 1;
  #nextMessageId = 1;

  constructor(token: string, limits: TelegramLimits = TELEGRAM_LIMITS) {
    this.#token = token;
    this.#limits = limits;
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    this.apiRoot = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const wake of this.#waiters) wake();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Queues an update for getUpdates and returns it with its update_id. */
  pushUpdate(update: Omit<Update, "update_id">): Update {
    const full = { update_id: this.#nextUpdateId++, ...update } as Update;
    this.#enqueue(full);
    return full;
  }

  /** Delivers an update again, as Telegram does when it believes the bot did not get it. */
  redeliver(update: Update): void {
    this.#enqueue(update);
  }

  /** A message a person writes in a chat (registered so bot replies can refer to it). */
  personMessage(from: User, chat: Chat, text: string): Message {
    this.#chats.set(String(chat.id), chat);
    const message = { message_id: this.#nextMessageId++, from, chat, date: now(), text } as Message;
    this.#messages.set(`${chat.id}:${message.message_id}`, message);
    return message;
  }

  /** Plays `failure` on the next `times` calls of `method`. */
  failNext(method: string, failure: Failure, times = 1): void {
    this.#failures.set(method, [...(this.#failures.get(method) ?? []), ...Array.from({ length: times }, () => failure)]);
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages the bot successfully sent, optionally to one chat, after call index `since`. */
  sentMessages(chatId?: string | number, since = 0): Message[] {
    return this.calls
      .slice(since)
      .filter((c) => c.message && (chatId === undefined || String(c.message.chat.id) === String(chatId)))
      .map((c) => c.message!);
  }

  #enqueue(update: Update): void {
    this.#queue.push(update);
    for (const wake of this.#waiters) wake();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    const body = await readBody(req);
    if (!match || match[1] !== this.#token) return json(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = match[2]!;
    const params = body ? (JSON.parse(body) as Record<string, any>) : {};
    const call: ApiCall = { method, params, at: Date.now(), status: 200 };
    this.calls.push(call);
    const failure = this.#failures.get(method)?.shift();
    if (failure === "drop") {
      call.status = 0;
      req.socket.destroy();
      return;
    }
    if (failure) {
      call.status = failure.status;
      const parameters = failure.status === 429 ? { retry_after: failure.retryAfter } : undefined;
      if (failure.status === 502) return void res.writeHead(502, { "content-type": "text/html" }).end("<html>Bad Gateway</html>");
      return json(res, failure.status, { ok: false, error_code: failure.status, description: `Injected ${failure.status}`, ...(parameters ? { parameters } : {}) });
    }
    if (method === "getUpdates") return this.#getUpdates(params, res);
    if (SENDS.has(method)) return this.#send(call, res);
    const results: Record<string, unknown> = { getMe: this.bot, setMyCommands: true, setWebhook: true, deleteWebhook: true, answerCallbackQuery: true };
    if (!(method in results)) return json(res, 404, { ok: false, error_code: 404, description: "Not Found: method not found" });
    return json(res, 200, { ok: true, result: results[method] });
  }

  async #getUpdates(params: Record<string, any>, res: ServerResponse): Promise<void> {
    // Updates leave the queue once answered; redelivering one puts it back (Telegram's retry).
    const take = () => this.#queue.splice(0, Number(params.limit ?? 100));
    let updates = take();
    const deadline = Date.now() + Number(params.timeout ?? 0) * 1000;
    while (updates.length === 0 && Date.now() < deadline && !res.destroyed) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.#waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, deadline - Date.now());
        this.#waiters.add(wake);
        res.once("close", wake);
      });
      updates = take();
    }
    if (res.destroyed) {
      this.#queue.unshift(...updates); // the bot hung up: Telegram keeps them for the next call
      return;
    }
    json(res, 200, { ok: true, result: updates });
  }

  #send(call: ApiCall, res: ServerResponse): void {
    const chatId = String(call.params.chat_id);
    const chat = this.#chats.get(chatId);
    if (!chat) {
      call.status = 400;
      return json(res, 400, { ok: false, error_code: 400, description: "Bad Request: chat not found" });
    }
    const waitS = this.#rateLimited(chatId, chat.type !== "private", call.at);
    if (waitS > 0) {
      call.status = 429;
      return json(res, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${waitS}`, parameters: { retry_after: waitS } });
    }
    const text = call.method === "sendMessage" ? String(call.params.text ?? "") : undefined;
    if (text !== undefined && (text.length === 0 || text.length > 4096)) {
      call.status = 400;
      return json(res, 400, { ok: false, error_code: 400, description: "Bad Request: message text is empty or too long" });
    }
    const replyTo = call.params.reply_parameters?.message_id as number | undefined;
    const repliedTo = replyTo === undefined ? undefined : this.#messages.get(`${chatId}:${replyTo}`);
    const message = {
      message_id: this.#nextMessageId++,
      from: this.bot,
      chat,
      date: now(),
      ...(text !== undefined ? { text } : { document: { file_id: "f", file_unique_id: "f", file_name: String(call.params.document) } }),
      ...(call.params.reply_markup ? { reply_markup: call.params.reply_markup } : {}),
      ...(repliedTo ? { reply_to_message: { ...repliedTo, reply_to_message: undefined } } : {}),
    } as Message;
    this.#messages.set(`${chatId}:${message.message_id}`, message);
    call.message = message;
    json(res, 200, { ok: true, result: message });
  }

  /** Seconds to wait if this send breaks a limit (and then it is not counted), else 0. */
  #rateLimited(chatId: string, isGroup: boolean, at: number): number {
    const checks: [string, RateRule][] = [["*", this.#limits.global], ...(isGroup ? this.#limits.group : [this.#limits.privateChat]).map((r): [string, RateRule] => [chatId, r])];
    let waitMs = 0;
    for (const [key, rule] of checks) {
      const window = rule.windowMs * TOLERANCE;
      const recent = (this.#accepted.get(key) ?? []).filter((t) => t > at - window);
      if (recent.length >= rule.limit) waitMs = Math.max(waitMs, recent[recent.length - rule.limit]! + window - at);
    }
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    for (const key of new Set(checks.map(([k]) => k))) {
      const list = (this.#accepted.get(key) ?? []).filter((t) => t > at - 120_000);
      list.push(at);
      this.#accepted.set(key, list);
    }
    return 0;
  }
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
