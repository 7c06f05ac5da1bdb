import { afterEach, describe, expect, it } from "vitest";
import type { ChannelAdapter } from "../../src/core/channel.ts";
import type { WebhookRequest, WebhookRoute } from "../../src/core/webhook.ts";
import { buildServer } from "../../src/http/server.ts";
import { silentLog } from "../support/bot.ts";

// A platform's webhook as an adapter declares it, mounted by the bot's server as in main.ts.
function platformWith(route: Partial<WebhookRoute>) {
  const heard: WebhookRequest[] = [];
  const webhook: WebhookRoute = {
    method: "POST",
    path: "/fake/webhook",
    bodyLimitBytes: 64 * 1024,
    handle: async (request) => (heard.push(request), { status: 200, body: { ok: true } }),
    ...route,
  };
  const adapter = { platform: "telegram", webhooks: [webhook] } as unknown as ChannelAdapter;
  return { adapter, heard };
}

describe("platform webhooks on the bot's server", () => {
  let server: Awaited<ReturnType<typeof buildServer>> | undefined;
  afterEach(async () => server?.close());

  async function serve(adapter: ChannelAdapter) {
    server = await buildServer({
      database: { kind: "pglite", ping: async () => {} },
      log: silentLog,
      adapters: [adapter],
      startedAt: new Date(),
      demo: false,
    });
    return server;
  }
  const post = (payload: string | Buffer, headers: Record<string, string> = {}) =>
    server!.inject({
      method: "POST",
      url: "/fake/webhook?ssl_check=1",
      payload,
      headers: { host: "localhost", ...headers },
    });

  it("the platform's handler gets the body's exact bytes, past the server's 4 KB limit for chat messages", async () => {
    const { adapter, heard } = platformWith({});
    await serve(adapter);
    const body = `payload=${"é".repeat(5000)}&x=%20 `;
    const response = await post(body, { "content-type": "application/x-www-form-urlencoded" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true });
    expect(heard[0]!.rawBody.equals(Buffer.from(body))).toBe(true);
    expect(heard[0]!.query).toBe("ssl_check=1");
    expect(heard[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
  });

  it("a request the platform's header check refuses is answered without reaching the handler, even with too large a body", async () => {
    const { adapter, heard } = platformWith({
      admit: (headers) =>
        headers["x-secret"] === "s3" ? undefined : { status: 401, body: { error: { code: "unauthorized" } } },
    });
    await serve(adapter);
    const tooLarge = Buffer.alloc(100 * 1024, "a");
    expect((await post(tooLarge, { "content-type": "application/json" })).statusCode).toBe(401);
    expect((await post("{}", { "content-type": "application/json", "x-secret": "nope" })).statusCode).toBe(401);
    expect((await post("{}", { "content-type": "application/json", "x-secret": "s3" })).statusCode).toBe(200);
    expect(heard).toHaveLength(1);
  });

  it("a body past the route's limit is refused as the platform's receiver would, else as the server refuses any", async () => {
    const tooLarge = Buffer.alloc(100 * 1024, "a");
    const own = platformWith({ oversized: { status: 413 } });
    await serve(own.adapter);
    const refused = await post(tooLarge, { "content-type": "text/plain" });
    expect([refused.statusCode, refused.body]).toEqual([413, ""]);
    await server!.close();

    const plain = platformWith({});
    await serve(plain.adapter);
    const answer = await post(tooLarge, { "content-type": "text/plain" });
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toMatchObject({ error: { code: "message_too_large" } });
    expect([...own.heard, ...plain.heard]).toHaveLength(0);
  });

  it("the server's host guard still stands before a webhook", async () => {
    const { adapter, heard } = platformWith({});
    await serve(adapter);
    expect((await post("{}", { host: "evil.example" })).statusCode).toBe(403);
    expect(heard).toHaveLength(0);
  });
});
