import type { IncomingMessage, ServerResponse } from "node:http";
import { recordSpecRefusal } from "../specs/refusals.ts";
import { FakeChannels } from "./channels.ts";
import { snowflake, snowflakeTime } from "./ids.ts";
import { RateLimits, type Window } from "./limits.ts";
import { attachmentObjects, type FakeAttachment, readRequest, refusedUploads } from "./multipart.ts";
import { openApiRefusal } from "./openapi.ts";
import { messageObject } from "./payloads.ts";
import { invalidBody, invalidMessage, invalidModal } from "./validate.ts";

/** One request the bot made, as the fake saw and answered it. */
export interface RecordedCall {
  method: string;
  /** Path after /api/v10, without the query. */
  path: string;
  body: unknown;
  /** Files uploaded with it (multipart/form-data). */
  attachments: FakeAttachment[];
  status: number;
  /** performance.now() when it arrived. */
  at: number;
}

/** A message the bot posted for an interaction (its answer, an edit of it, or a follow-up). */
export interface FakeMessage {
  id: string;
  content: string;
  components: unknown[];
  flags: number;
  attachments: FakeAttachment[];
  deleted: boolean;
}

/** An interaction the fake delivered, and what the bot did with it. */
export interface FakeInteraction {
  id: string;
  token: string;
  channelId: string;
  type: number;
  payload: Record<string, unknown>;
  /** When Discord created it (its snowflake's time), on the performance.now() clock: the 3 s count from there. */
  createdAt: number;
  ack?: { type: number; at: number; data: Record<string, unknown> | undefined };
  /** Callbacks Discord refused (too late, or already acknowledged). */
  refused: { code: number; at: number }[];
  original?: FakeMessage;
  followUps: FakeMessage[];
  /** performance.now() of the last message-carrying request (callback with a message, edit, follow-up). */
  answeredAt?: number;
}

export interface Failure {
  method?: string;
  path: RegExp;
  status: number;
  /** For 429: seconds to wait. */
  retryAfter?: number;
  global?: boolean;
  /** For 4xx: Discord's error code (50007 cannot DM this user, 10003 unknown channel...). */
  code?: number;
  /** Cut the connection without answering, as a network failure would. */
  drop?: boolean;
  /** Let this many matching requests through first (to fail the second part of a long message). */
  after?: number;
  times: number;
}

export interface FakeRestOptions {
  token: string;
  applicationId: string;
  botUser: Record<string, unknown>;
  gatewayUrl: () => string;
  globalLimit?: Window;
  routeLimit?: (routeKey: string) => Window;
  /** Discord wants the first callback within 3 s of the interaction. */
  ackDeadlineMs?: number;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

const error = (status: number, code: number, message: string): Answer => ({ status, body: { code, message } });

/** The part of Discord's REST API the adapter uses, with its rate limits and the 3-second rule. */
export class FakeDiscordRest {
  readonly calls: RecordedCall[] = [];
  /** Declared commands: "global" or a guild id → the last body PUT. */
  readonly commands = new Map<string, unknown[]>();
  readonly interactions = new Map<string, FakeInteraction>();
  /** Guild channels and DMs, and what the bot posted there on its own initiative. */
  readonly channels: FakeChannels;
  readonly #failures: Failure[] = [];
  readonly #limits: RateLimits;
  readonly #o: FakeRestOptions;

  constructor(options: FakeRestOptions) {
    this.#o = options;
    this.channels = new FakeChannels(options.botUser);
    this.#limits = new RateLimits(
      options.globalLimit ?? { limit: 50, windowMs: 1000 },
      options.routeLimit ??
        ((key) => (key.startsWith("webhook") ? { limit: 5, windowMs: 1000 } : { limit: 10, windowMs: 1000 })),
    );
  }

  /** The next `times` requests matching answer `status` (429 with retry_after, 5xx, 403 with `code`...) or are dropped. */
  failNext(failure: Omit<Failure, "times"> & { times?: number }): void {
    this.#failures.push({ times: 1, ...failure });
  }

  /** Registers an interaction about to be dispatched, so its callbacks are accepted. */
  expect(interaction: Omit<FakeInteraction, "followUps" | "refused" | "createdAt">): FakeInteraction {
    const createdAt = performance.now() - Math.max(0, Date.now() - snowflakeTime(interaction.id));
    const record: FakeInteraction = { ...interaction, createdAt, followUps: [], refused: [] };
    this.interactions.set(interaction.token, record);
    return record;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const url = new URL(req.url ?? "/", "http://fake");
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, "");
    const method = req.method ?? "GET";
    const { body, attachments } = await readRequest(req);
    const answer = this.#answer(method, path, body, attachments, req.headers.authorization, at);
    if (answer === "drop") {
      this.calls.push({ method, path, body, attachments, status: 0, at });
      return void req.socket.destroy();
    }
    this.calls.push({ method, path, body, attachments, status: answer.status, at });
    res.writeHead(answer.status, {
      ...(answer.body === undefined ? {} : { "content-type": "application/json" }),
      ...answer.headers,
    });
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }

  #answer(
    method: string,
    path: string,
    body: unknown,
    attachments: FakeAttachment[],
    authorization: string | undefined,
    at: number,
  ): Answer | "drop" {
    const failure = this.#failures.find((f) => f.path.test(path) && (!f.method || f.method === method));
    if (failure?.after) failure.after--;
    else if (failure) {
      if (--failure.times <= 0) this.#failures.splice(this.#failures.indexOf(failure), 1);
      if (failure.drop) return "drop";
      if (failure.status !== 429)
        return error(failure.status, failure.code ?? 0, `${failure.status}: injected failure`);
      const retryAfter = failure.retryAfter ?? 1;
      const headers: Record<string, string> = {
        "retry-after": String(retryAfter),
        "x-ratelimit-scope": failure.global ? "global" : "user",
      };
      if (failure.global) headers["x-ratelimit-global"] = "true";
      return {
        status: 429,
        headers,
        body: { message: "You are being rate limited.", retry_after: retryAfter, global: Boolean(failure.global) },
      };
    }
    const interactionRoute = /^\/(interactions|webhooks)\//.test(path);
    if (!interactionRoute && authorization !== `Bot ${this.#o.token}`) return error(401, 0, "401: Unauthorized");
    const verdict = this.#limits.check(routeKey(method, path), !interactionRoute);
    if (!verdict.allowed) {
      return {
        status: 429,
        headers: verdict.headers,
        body: { message: "You are being rate limited.", retry_after: verdict.retryAfterS, global: verdict.global },
      };
    }
    const refused = refusedUploads(attachments);
    const answer = refused
      ? error(refused.status, refused.code, refused.message)
      : (this.#againstSpec(method, path, body) ?? this.#route(method, path, body, attachments, at));
    if (answer.status === 400 && (answer.body as { code?: number } | undefined)?.code === 50035) {
      recordSpecRefusal({
        platform: "discord",
        request: `${method} ${path}`,
        reason: JSON.stringify((answer.body as { errors?: unknown }).errors ?? answer.body),
      });
    }
    return {
      ...answer,
      headers: { ...(interactionRoute && path.startsWith("/interactions") ? {} : verdict.headers), ...answer.headers },
    };
  }

  /** Discord's answer when the request does not conform to its OpenAPI description (unknown route, invalid body). */
  #againstSpec(method: string, path: string, body: unknown): Answer | undefined {
    const refusal = openApiRefusal(method, path, body);
    if (!refusal) return undefined;
    if (refusal.status !== 400) {
      recordSpecRefusal({ platform: "discord", request: `${method} ${path}`, reason: refusal.message });
      return error(refusal.status, 0, refusal.message);
    }
    return { status: 400, body: { code: 50035, message: refusal.message, errors: refusal.errors } };
  }

  #route(method: string, path: string, body: unknown, attachments: FakeAttachment[], at: number): Answer {
    const app = this.#o.applicationId;
    let m: RegExpExecArray | null;
    if (method === "GET" && path === "/gateway/bot") {
      return {
        status: 200,
        body: {
          url: this.#o.gatewayUrl(),
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        },
      };
    }
    if (method === "PUT" && (m = new RegExp(`^/applications/${app}(?:/guilds/(\\d+))?/commands$`).exec(path))) {
      const list = (body as Record<string, unknown>[]).map((c) => ({
        ...c,
        id: snowflake(),
        application_id: app,
        version: snowflake(),
        guild_id: m![1],
      }));
      this.commands.set(m[1] ?? "global", list);
      return { status: 200, body: list };
    }
    if (method === "POST" && path === "/users/@me/channels")
      return this.channels.openDm(body as { recipient_id?: string });
    if (method === "POST" && (m = /^\/channels\/(\d+)\/messages$/.exec(path)))
      return this.channels.post(m[1]!, body as Record<string, unknown>, at, attachments);
    if (method === "PATCH" && (m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path)))
      return this.channels.edit(m[1]!, m[2]!, body as Record<string, unknown>, at, attachments);
    if (method === "POST" && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)))
      return this.#callback(m[1]!, m[2]!, body as Record<string, unknown>, attachments);
    if ((m = new RegExp(`^/webhooks/${app}/([^/]+)(/messages/@original)?$`).exec(path)))
      return this.#webhook(method, m[1]!, Boolean(m[2]), body as Record<string, unknown>, attachments);
    return error(404, 0, "404: Not Found");
  }

  #callback(
    id: string,
    token: string,
    body: { type?: number; data?: Record<string, unknown> },
    attachments: FakeAttachment[],
  ): Answer {
    const i = this.interactions.get(token);
    const now = performance.now();
    if (!i || i.id !== id) return error(404, 10062, "Unknown interaction");
    if (now - i.createdAt > (this.#o.ackDeadlineMs ?? 3000)) {
      i.refused.push({ code: 10062, at: now });
      return error(404, 10062, "Unknown interaction");
    }
    if (i.ack) {
      i.refused.push({ code: 40060, at: now });
      return error(400, 40060, "Interaction has already been acknowledged.");
    }
    if (body.type === 9 && i.type === 5) return invalidBody("a modal cannot answer a modal submission");
    const invalid =
      body.type === 4
        ? invalidMessage(body.data, attachments.length)
        : body.type === 9
          ? invalidModal(body.data)
          : undefined;
    if (invalid) return invalidBody(invalid);
    i.ack = { type: body.type ?? 0, at: now, data: body.data };
    if (body.type === 4) {
      i.original = message(body.data ?? {}, attachments);
      i.answeredAt = now;
    } else if (body.type === 5) {
      i.original = { ...message({ flags: body.data?.flags }), content: "" };
    } else if (body.type === 9) {
      i.answeredAt = now;
    }
    return { status: 204 };
  }

  #webhook(
    method: string,
    token: string,
    original: boolean,
    body: Record<string, unknown>,
    attachments: FakeAttachment[],
  ): Answer {
    const i = this.interactions.get(token);
    if (!i || !i.ack || i.ack.type === 9) return error(404, 10015, "Unknown Webhook");
    const now = performance.now();
    if (original && method === "PATCH" && i.original) {
      // New uploads replace the files the message had (the `attachments` field lists those kept).
      const files = attachments.length > 0 ? attachments : i.original.attachments;
      const invalid = invalidMessage({ ...body, content: body.content ?? i.original.content }, files.length);
      if (invalid) return invalidBody(invalid);
      i.original = {
        ...i.original,
        content: (body.content as string | null) ?? "",
        components: (body.components as unknown[]) ?? i.original.components,
        attachments: files,
      };
      i.answeredAt = now;
      return { status: 200, body: this.#messageObject(i, i.original) };
    }
    if (original && method === "DELETE" && i.original) {
      i.original.deleted = true;
      return { status: 204 };
    }
    if (!original && method === "POST") {
      const invalid = invalidMessage(body, attachments.length);
      if (invalid) return invalidBody(invalid);
      const followUp = message(body, attachments);
      i.followUps.push(followUp);
      i.answeredAt = now;
      return { status: 200, body: this.#messageObject(i, followUp) };
    }
    return error(404, 10008, "Unknown Message");
  }

  #messageObject(i: FakeInteraction, m: FakeMessage): Record<string, unknown> {
    const app = this.#o.applicationId;
    return messageObject({
      id: m.id,
      type: 20,
      channel_id: i.channelId,
      content: m.content,
      components: m.components,
      flags: m.flags,
      attachments: attachmentObjects(m.attachments, i.channelId),
      author: this.#o.botUser,
      application_id: app,
      webhook_id: app,
    });
  }
}

function message(data: Record<string, unknown>, attachments: FakeAttachment[] = []): FakeMessage {
  return {
    id: snowflake(),
    content: (data.content as string) ?? "",
    components: (data.components as unknown[]) ?? [],
    flags: Number(data.flags ?? 0),
    attachments,
    deleted: false,
  };
}

/** The bucket of a request, as Discord keys them: route shape plus its major parameter. */
function routeKey(method: string, path: string): string {
  const webhook = /^\/webhooks\/\d+\/([^/]+)/.exec(path);
  if (webhook) return `webhook:${webhook[1]}`;
  const major = /^\/(?:channels|guilds)\/(\d+)/.exec(path)?.[1] ?? "global";
  return `${method}:${path.replace(/\d{17,19}/g, ":id")}:${major}`;
}
