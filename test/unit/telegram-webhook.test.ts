import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { botCommands } from "../../src/bot.ts";
import { createTelegramAdapter } from "../../src/channels/telegram/index.ts";
import type { ChannelAdapter } from "../../src/core/channel.ts";
import { webhookPlugin } from "../../src/http/webhooks.ts";
import { FAST_LIMITS, TEST_TOKEN } from "../fakes/telegram/driver.ts";
import { FakeTelegram } from "../fakes/telegram/server.ts";
import { capturingLog, recordingDispatch } from "../fakes/telegram/support.ts";

const SECRET = "webhook-secret_42";
const member = { id: 7001, is_bot: false, first_name: "Inès", language_code: "fr" };

describe("Telegram webhook", () => {
  let fake: FakeTelegram;
  let app: FastifyInstance;
  let adapter: ChannelAdapter;

  async function startWebhookBot() {
    fake = await new FakeTelegram(TEST_TOKEN, FAST_LIMITS).listen();
    const dispatch = recordingDispatch();
    const handled: number[] = [];
    let notify = () => {};
    adapter = createTelegramAdapter(
      { token: TEST_TOKEN, apiRoot: fake.apiRoot, webhook: { publicUrl: "https://bot.example.org/", secret: SECRET } },
      { dispatch, log: capturingLog().log, commands: botCommands },
      { retryBaseMs: 10, limits: FAST_LIMITS, onHandled: (id) => (handled.push(id), notify()) },
    );
    app = Fastify();
    for (const route of adapter.webhooks!) await app.register(webhookPlugin(route));
    await adapter.start();
    const handledUpdate = (id: number) =>
      new Promise<void>((resolve) => {
        notify = () => handled.includes(id) && resolve();
        notify();
      });
    return { dispatch, handledUpdate };
  }

  const post = (update: object, headers: Record<string, string> = {}) =>
    app.inject({
      method: "POST",
      url: "/telegram/webhook",
      payload: update,
      headers: { "content-type": "application/json", ...headers },
    });

  function update(id: number, text: string) {
    const chat = { id: member.id, type: "private", first_name: member.first_name };
    fake.personMessage(member, chat as never, text);
    return { update_id: id, message: { message_id: id, from: member, chat, date: 1, text } };
  }

  afterEach(async () => {
    await adapter?.stop();
    await app?.close();
    await fake?.close();
  });

  it("registers the webhook URL and its secret with Telegram on start", async () => {
    await startWebhookBot();
    expect(fake.callsOf("setWebhook")[0]!.params).toMatchObject({
      url: "https://bot.example.org/telegram/webhook",
      secret_token: SECRET,
    });
    expect(fake.callsOf("getUpdates")).toHaveLength(0);
  });

  it("a request without the secret header, or with a wrong one, is refused and nothing reaches the bot", async () => {
    const { dispatch, handledUpdate } = await startWebhookBot();
    expect((await post(update(1, "aide"))).statusCode).toBe(401);
    expect((await post(update(2, "aide"), { "x-telegram-bot-api-secret-token": "webhook-secret_43" })).statusCode).toBe(
      401,
    );
    expect((await post(update(3, "aide"), { "x-telegram-bot-api-secret-token": "" })).statusCode).toBe(401);
    // A genuine update afterwards is the only one the bot hears and answers.
    expect((await post(update(4, "profil"), { "x-telegram-bot-api-secret-token": SECRET })).statusCode).toBe(200);
    await handledUpdate(4);
    expect(dispatch.heard.map((i) => i.eventId)).toEqual(["4"]);
    expect(fake.sentMessages().map((m) => m.text)).toEqual(["reçu : profil"]);
  });

  it("a body that is not an update, even with the right secret, is answered 400 and nothing reaches the bot", async () => {
    const { dispatch } = await startWebhookBot();
    const headers = { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET };
    const malformed = await app.inject({ method: "POST", url: "/telegram/webhook", payload: "{not json", headers });
    expect([malformed.statusCode, malformed.json().error.code]).toEqual([400, "invalid_json"]);
    const noId = await app.inject({ method: "POST", url: "/telegram/webhook", payload: { message: {} }, headers });
    expect([noId.statusCode, noId.json().error.code]).toEqual([400, "invalid_update"]);
    const text = await app.inject({
      method: "POST",
      url: "/telegram/webhook",
      payload: "hello",
      headers: { ...headers, "content-type": "application/xml" },
    });
    expect([text.statusCode, text.json().error.code]).toEqual([400, "unsupported_media_type"]);
    expect(dispatch.heard).toHaveLength(0);
  });

  it("an update with the right secret is answered in the member's chat", async () => {
    const { dispatch, handledUpdate } = await startWebhookBot();
    const response = await post(update(10, "/aide@reseau_test_bot"), { "X-Telegram-Bot-Api-Secret-Token": SECRET });
    expect(response.statusCode).toBe(200);
    await handledUpdate(10);
    expect(dispatch.heard[0]).toMatchObject({
      platform: "telegram",
      eventId: "10",
      externalUserId: "7001",
      displayName: "Inès",
      localeHint: "fr",
      conversation: "private",
      scopeId: "private",
      forms: "steps",
      input: { kind: "text", text: "/aide" },
    });
    expect(fake.sentMessages(member.id).map((m) => m.text)).toEqual(["reçu : /aide"]);
  });
});
