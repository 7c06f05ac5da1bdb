import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Chat, Message, Update, User } from "grammy/types";
import { TELEGRAM_LIMITS, type TelegramLimits } from "../../../src/channels/telegram/limits.ts";
import { recordSpecRefusal } from "../specs/refusals.ts";
import { parseMultipart } from "./multipart.ts";
import { FakeRateLimits } from "./rate-limits.ts";
import { documentUrlRefusal, pngSize, validEntities } from "./rules.ts";
import { knownMethod, loadTelegramSpec, specRefusal } from "./spec.ts";

/** One call the bot made, as the fake answered it. */
export interface ApiCall {
  method: string;
  params: Record<string, any>;
  at: number;
  status: number;
  /** The message the fake created (successful sends), or its new state (successful edits). */
  message?: Message;
  /** The file uploaded with a multipart sendDocument or sendPhoto. */
  upload?: UploadedFile;
}

/** A file the bot uploaded, as Telegram received and typed it. */
export interface UploadedFile {
  /** The parameter the file was given for: "document" or "photo". */
  param: string;
  fileName: string;
  /** The type the upload declared for the part (grammY always says application/octet-stream). */
  contentType: string;
  /** The type Telegram gives the document, from the name's extension. */
  mimeType: string;
  /** Whether the part header quoted the name (RFC 7578 §4.2). */
  fileNameQuoted: boolean;
  bytes: Uint8Array;
}

/**
 * A failure the fake plays on a call instead of answering: an error status (a 429 on a send holds
 * the chat for retryAfter seconds, as Telegram does), a dropped connection, or no answer at all.
 */
export type Failure =
  | { status: 429; retryAfter: number }
  | { status: 400 | 403 | 500 | 502; description?: string }
  | "drop"
  | "hang";

const SENDS = new Set(["sendMessage", "sendDocument", "sendPhoto"]);
const FILE_PARAMS: Record<string, string> = { sendDocument: "document", sendPhoto: "photo" };
/** Bots upload at most 50 MB; photos at most 10 MB, width + height at most 10000, sides at most 20:1. */
const UPLOAD_MAX_BYTES = 50 * 1024 * 1024;
const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
// What Telegram types a document by its extension (the upload itself says only octet-stream).
const MIME_TYPES: Record<string, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv",
  ics: "text/calendar",
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  txt: "text/plain",
  json: "application/json",
  zip: "application/zip",
};
// Edits count against the same limits as sends.
const PACED = new Set([...SENDS, "editMessageText"]);
const BLOCKED = "Forbidden: bot was blocked by the user";
const BAD_ENTITIES = "Bad Request: can't parse entities";
const NOT_MODIFIED =
  "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/**
 * A small Telegram Bot API: `/bot<token>/<method>` on 127.0.0.1. It records every call (with the
 * files uploaded as multipart/form-data), queues updates for getUpdates (long polling), enforces
 * Telegram's sending limits with 429 retry_after and its upload limits, checks message entities
 * (400 "can't parse entities") and keeps them on the messages it creates, plays failures on demand (429, 4xx, 5xx, dropped or unanswered connection), and knows which
 * private chats were started and which members blocked the bot.
 */
export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  readonly bot: User = { id: 999_000, is_bot: true, first_name: "Réseau", username: "reseau_test_bot" };
  apiRoot = "";
  readonly #server: Server;
  readonly #token: string;
  readonly limits: FakeRateLimits;
  readonly #queue: Update[] = [];
  readonly #waiters = new Set<() => void>();
  readonly #failures = new Map<string, Array<Failure | undefined>>();
  readonly #blocked = new Set<string>();
  readonly #hanging = new Set<ServerResponse>();
  readonly #chats = new Map<string, Chat>();
  readonly #messages = new Map<string, Message>();
  #nextUpdateId = 1;
  #nextMessageId = 1;
  #nextFileId = 1;

  constructor(token: string, limits: TelegramLimits = TELEGRAM_LIMITS) {
    this.#token = token;
    loadTelegramSpec();
    this.limits = new FakeRateLimits(limits);
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    this.apiRoot = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const wake of this.#waiters) wake();
    for (const res of this.#hanging) res.destroy();
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

  /** The person pressed Start in a private chat with the bot: it may write to them from now on. */
  openPrivateChat(person: User): Chat {
    const chat: Chat = { id: person.id, type: "private", first_name: person.first_name };
    this.#chats.set(String(chat.id), chat);
    return chat;
  }

  /** The bot was added to a group, supergroup or channel: it may post there. */
  addBotTo(chat: Chat): void {
    this.#chats.set(String(chat.id), chat);
  }

  /** The person blocked the bot: every send to their private chat gets 403. */
  block(person: User): void {
    this.#blocked.add(String(person.id));
  }

  /** Plays `failure` on `times` calls of `method`, after letting the next `after` calls through. */
  failNext(method: string, failure: Failure, times = 1, after = 0): void {
    const queued = this.#failures.get(method) ?? [];
    this.#failures.set(method, [
      ...queued,
      ...Array.from({ length: after }, () => undefined),
      ...Array.from({ length: times }, () => failure),
    ]);
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * Messages the bot successfully sent, optionally to one chat, after call index `since`, as they
   * look now (after any edit).
   */
  sentMessages(chatId?: string | number, since = 0): Message[] {
    return this.calls
      .slice(since)
      .filter(
        (c) =>
          SENDS.has(c.method) && c.message && (chatId === undefined || String(c.message.chat.id) === String(chatId)),
      )
      .map((c) => this.message(c.message!.chat.id, c.message!.message_id) ?? c.message!);
  }

  /** A message as it looks now, after any edit. */
  message(chatId: string | number, messageId: number): Message | undefined {
    return this.#messages.get(`${chatId}:${messageId}`);
  }

  #enqueue(update: Update): void {
    this.#queue.push(update);
    for (const wake of this.#waiters) wake();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    // A call counts from when it arrives, not when its body is read: an upload takes a while to read.
    const at = Date.now();
    const body = await readBody(req);
    if (!match || match[1] !== this.#token)
      return json(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = match[2]!;
    // Telegram's server refuses a request body over its upload limit before reading what it is.
    if (body.length > UPLOAD_MAX_BYTES) {
      this.calls.push({ method, params: {}, at, status: 413 });
      return json(res, 413, { ok: false, error_code: 413, description: "Request Entity Too Large" });
    }
    const contentType = req.headers["content-type"] ?? "";
    const read = /^multipart\/form-data/i.test(contentType)
      ? readForm(method, body, contentType)
      : { params: body.length > 0 ? (JSON.parse(body.toString("utf8")) as Record<string, any>) : {} };
    if (!read) return json(res, 400, { ok: false, error_code: 400, description: "Bad Request: can't parse form data" });
    const call: ApiCall = {
      method,
      params: read.params,
      at,
      status: 200,
      ...(read.upload ? { upload: read.upload } : {}),
    };
    const params = call.params;
    this.calls.push(call);
    const failure = this.#failures.get(method)?.shift();
    if (failure === "drop" || failure === "hang") {
      call.status = 0;
      if (failure === "drop") req.socket.destroy();
      else this.#hanging.add(res);
      return;
    }
    if (failure) {
      call.status = failure.status;
      if (failure.status === 429 && PACED.has(method))
        this.limits.hold(String(params.chat_id), failure.retryAfter, call.at);
      const parameters = failure.status === 429 ? { retry_after: failure.retryAfter } : undefined;
      if (failure.status === 502)
        return void res.writeHead(502, { "content-type": "text/html" }).end("<html>Bad Gateway</html>");
      const description =
        "description" in failure && failure.description ? failure.description : `Injected ${failure.status}`;
      return json(res, failure.status, {
        ok: false,
        error_code: failure.status,
        description,
        ...(parameters ? { parameters } : {}),
      });
    }
    if (!knownMethod(method)) return refuseAgainstSpec(call, res, 404, "Not Found: method not found");
    const invalid = specRefusal(method, params) ?? documentUrlRefusal(method, params);
    if (invalid) return refuseAgainstSpec(call, res, 400, invalid);
    if (method === "getUpdates") return this.#getUpdates(params, res);
    if (SENDS.has(method)) return this.#send(call, res);
    if (method === "editMessageText") return this.#edit(call, res);
    const results: Record<string, unknown> = {
      getMe: this.bot,
      setMyCommands: true,
      setWebhook: true,
      deleteWebhook: true,
      answerCallbackQuery: true,
    };
    if (!(method in results))
      return json(res, 404, { ok: false, error_code: 404, description: "Not Found: method not found" });
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

  /** The chat a send or an edit goes to, once it is known, open to the bot and within the limits; else the refusal is answered. */
  #admit(call: ApiCall, res: ServerResponse): Chat | undefined {
    const chatId = String(call.params.chat_id);
    const chat = this.#chats.get(chatId);
    if (!chat) return void refuse(call, res, 400, "Bad Request: chat not found");
    if (this.#blocked.has(chatId)) return void refuse(call, res, 403, BLOCKED);
    const waitS = this.limits.check(chatId, chat.type !== "private", call.at);
    if (waitS > 0)
      return void refuse(call, res, 429, `Too Many Requests: retry after ${waitS}`, { retry_after: waitS });
    const text = call.method in FILE_PARAMS ? undefined : String(call.params.text ?? "");
    if (text !== undefined && (text.length === 0 || text.length > 4096))
      return void refuseAgainstSpec(call, res, 400, "Bad Request: message text is empty or too long");
    if (text !== undefined && !validEntities(call.params.entities, text))
      return void refuseAgainstSpec(call, res, 400, BAD_ENTITIES);
    const fileRefusal = this.#refuseFile(call);
    if (fileRefusal) return void refuse(call, res, 400, fileRefusal);
    return chat;
  }

  /** Why Telegram would refuse the file of a sendDocument or sendPhoto, if it would. */
  #refuseFile(call: ApiCall): string | undefined {
    const param = FILE_PARAMS[call.method];
    if (!param) return undefined;
    const given = call.params[param];
    if (typeof given === "string" && given.startsWith("attach://") && !call.upload)
      return "Bad Request: file must be non-empty";
    if (!call.upload) return given ? undefined : "Bad Request: there is no document in the request";
    if (call.upload.bytes.byteLength === 0) return "Bad Request: file must be non-empty";
    if (call.method !== "sendPhoto") return undefined;
    if (call.upload.bytes.byteLength > PHOTO_MAX_BYTES) return "Bad Request: PHOTO_SAVE_FILE_INVALID";
    const size = pngSize(call.upload.bytes);
    if (
      size &&
      (size.width + size.height > 10_000 || Math.max(size.width, size.height) / Math.min(size.width, size.height) > 20)
    )
      return "Bad Request: PHOTO_INVALID_DIMENSIONS";
    if (!size && !/\.jpe?g$/i.test(call.upload.fileName)) return "Bad Request: IMAGE_PROCESS_FAILED";
    return undefined;
  }

  #send(call: ApiCall, res: ServerResponse): void {
    const chat = this.#admit(call, res);
    if (!chat) return;
    const chatId = String(chat.id);
    const text = call.method === "sendMessage" ? String(call.params.text) : undefined;
    const replyTo = call.params.reply_parameters?.message_id as number | undefined;
    const repliedTo = replyTo === undefined ? undefined : this.#messages.get(`${chatId}:${replyTo}`);
    const message = {
      message_id: this.#nextMessageId++,
      from: this.bot,
      chat,
      date: now(),
      ...(text !== undefined ? { text, ...entitiesOf(call) } : this.#fileOf(call)),
      ...(call.params.reply_markup ? { reply_markup: call.params.reply_markup } : {}),
      ...(repliedTo ? { reply_to_message: { ...repliedTo, reply_to_message: undefined } } : {}),
    } as Message;
    this.#messages.set(`${chatId}:${message.message_id}`, message);
    call.message = message;
    json(res, 200, { ok: true, result: message });
  }

  /** What a file message carries: a document as Telegram types it, or a photo's sizes. */
  #fileOf(call: ApiCall): Pick<Message, "document" | "photo"> {
    const upload = call.upload;
    const id = `file-${this.#nextFileId++}`;
    if (!upload) return { document: { file_id: id, file_unique_id: id, file_name: String(call.params.document) } };
    if (call.method === "sendPhoto") {
      // Telegram keeps the photo re-encoded at a few sizes, the largest last.
      const { width, height } = pngSize(upload.bytes) ?? { width: 1280, height: 960 };
      const longest = Math.max(width, height);
      const sides = [...[90, 320, 800, 1280].filter((side) => side < longest), Math.min(longest, 2560)];
      return {
        photo: sides.map((side, i) => ({
          file_id: `${id}-${i}`,
          file_unique_id: `${id}-${i}`,
          width: Math.round((width * side) / longest),
          height: Math.round((height * side) / longest),
          file_size: Math.round((upload.bytes.byteLength * side) / longest),
        })),
      };
    }
    return {
      document: {
        file_id: id,
        file_unique_id: id,
        file_name: upload.fileName,
        mime_type: upload.mimeType,
        file_size: upload.bytes.byteLength,
      },
    };
  }

  /** editMessageText: the bot's own message gets the new text and keyboard (none given: none kept). */
  #edit(call: ApiCall, res: ServerResponse): void {
    const chat = this.#admit(call, res);
    if (!chat) return;
    const key = `${chat.id}:${call.params.message_id}`;
    const current = this.#messages.get(key);
    if (!current) {
      refuse(call, res, 400, "Bad Request: message to edit not found");
      return;
    }
    if (current.from?.id !== this.bot.id || current.text === undefined) {
      refuse(call, res, 400, "Bad Request: message can't be edited");
      return;
    }
    const markup = call.params.reply_markup as Message["reply_markup"];
    const { entities } = entitiesOf(call);
    if (
      current.text === call.params.text &&
      JSON.stringify(current.entities) === JSON.stringify(entities) &&
      JSON.stringify(current.reply_markup) === JSON.stringify(markup)
    ) {
      refuse(call, res, 400, NOT_MODIFIED);
      return;
    }
    const { reply_markup: _old, entities: _oldEntities, ...rest } = current;
    const edited = {
      ...rest,
      text: String(call.params.text),
      ...(entities ? { entities } : {}),
      edit_date: now(),
      ...(markup ? { reply_markup: markup } : {}),
    } as Message;
    this.#messages.set(key, edited);
    call.message = edited;
    json(res, 200, { ok: true, result: edited });
  }
}

/** The entities a message keeps (Telegram leaves the field out when there are none). */
function entitiesOf(call: ApiCall): Pick<Message, "entities"> {
  const entities = call.params.entities as Message["entities"] | undefined;
  return entities && entities.length > 0 ? { entities } : {};
}

/** A refusal the Bot API's specification dictates: recorded so that the test fails (test/fakes/specs/refusals.ts). */
function refuseAgainstSpec(call: ApiCall, res: ServerResponse, status: number, description: string): void {
  recordSpecRefusal({ platform: "telegram", request: call.method, reason: description });
  refuse(call, res, status, description);
}

function refuse(call: ApiCall, res: ServerResponse, status: number, description: string, parameters?: object): void {
  call.status = status;
  json(res, status, { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) });
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The parameters of a multipart call, as Telegram reads them: objects (reply_markup,
 * reply_parameters) come JSON-encoded, and a file parameter says `attach://<part>`.
 */
function readForm(
  method: string,
  body: Buffer,
  contentType: string,
): { params: Record<string, any>; upload?: UploadedFile } | undefined {
  const form = parseMultipart(body, contentType);
  if (!form) return undefined;
  const params: Record<string, any> = {};
  for (const [key, value] of Object.entries(form.fields)) params[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  const param = FILE_PARAMS[method];
  const attached =
    param && typeof params[param] === "string" ? /^attach:\/\/(.+)$/.exec(params[param])?.[1] : undefined;
  const part = attached === undefined ? undefined : form.files.find((f) => f.field === attached);
  if (!param || !part) return { params };
  const extension = /\.([^.]+)$/.exec(part.fileName)?.[1]?.toLowerCase() ?? "";
  return {
    params,
    upload: {
      param,
      fileName: part.fileName,
      fileNameQuoted: part.fileNameQuoted,
      contentType: part.contentType,
      mimeType: MIME_TYPES[extension] ?? "application/octet-stream",
      bytes: part.bytes,
    },
  };
}
