import { afterEach, describe, expect, it } from "vitest";
import { createSlackAdapter } from "../../src/channels/slack/index.ts";
import type { Dispatch } from "../../src/core/dispatch.ts";
import type { InboundCommand } from "../../src/core/inbound.ts";
import { type Reply, say } from "../../src/core/reply.ts";
import { type SlackHarness, startSlackHarness } from "../fakes/slack/harness.ts";
import {
  blockAction,
  directMessage,
  type SlackRequest,
  signatureHeaders,
  slashCommand,
} from "../fakes/slack/requests.ts";
import { silentLog } from "../support/bot.ts";

const alice = { userId: "UALICE", name: "alice" };
const general = { channelId: "C0GENERAL", channelName: "general" };

const openGates: (() => void)[] = [];

/** A dispatch that records what it got and answers "pong" once `release` is called. */
function gatedDispatch(): { dispatch: Dispatch; received: InboundCommand[]; release: () => void } {
  const received: InboundCommand[] = [];
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  openGates.push(release);
  return {
    received,
    release: () => release(),
    dispatch: async (inbound) => {
      received.push(inbound);
      await gate;
      return [say("pong")] as Reply[];
    },
  };
}

describe("slack: receiving signed requests", () => {
  let harness: SlackHarness | undefined;
  afterEach(async () => {
    for (const release of openGates.splice(0)) release();
    await harness?.close();
    harness = undefined;
  });

  const command = (h: SlackHarness): SlackRequest => slashCommand(alice, "aide", general, h.fake.newResponseUrl());

  it("a request with a wrong signature is refused with 401 and never reaches the bot", async () => {
    const bot = gatedDispatch();
    bot.release();
    harness = await startSlackHarness(bot.dispatch);
    const request = command(harness);
    const forged = await harness.post(request, {
      headers: signatureHeaders(request.body, { secret: "not-the-app-secret" }),
    });
    const unsigned = await harness.post(request, { unsigned: true });
    await harness.adapter.idle();
    expect([forged.status, unsigned.status]).toEqual([401, 401]);
    expect(bot.received).toEqual([]);
    expect(harness.fake.calls.filter((c) => c.method === "response_url")).toEqual([]);
  });

  it("a request signed more than five minutes ago is refused with 401 (replay protection)", async () => {
    const bot = gatedDispatch();
    bot.release();
    harness = await startSlackHarness(bot.dispatch);
    const request = command(harness);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const replayed = await harness.post(request, {
      headers: signatureHeaders(request.body, { timestamp: sixMinutesAgo }),
    });
    expect(replayed.status).toBe(401);
    expect(bot.received).toEqual([]);
  });

  it("a slash command is acknowledged before its answer is posted, then answered privately", async () => {
    const bot = gatedDispatch();
    harness = await startSlackHarness(bot.dispatch);
    const acknowledged = await harness.post(command(harness));
    expect(acknowledged.status).toBe(200);
    expect(harness.fake.calls.filter((c) => c.method === "response_url")).toEqual([]);
    bot.release();
    await harness.adapter.idle();
    const answers = harness.fake.calls.filter((c) => c.method === "response_url");
    expect(answers.map((c) => [c.body.response_type, c.body.text])).toEqual([["ephemeral", "pong"]]);
  });

  it("a slash command in a channel is the member's message in the workspace's group conversation", async () => {
    const bot = gatedDispatch();
    bot.release();
    harness = await startSlackHarness(bot.dispatch);
    const request = slashCommand(
      alice,
      "profil",
      general,
      harness.fake.newResponseUrl(),
      "1234-5678-abcd-ef01-trigger",
    );
    await harness.post(request);
    await harness.adapter.idle();
    expect(bot.received[0]).toMatchObject({
      eventId: "1234-5678-abcd-ef01-trigger",
      platform: "slack",
      externalUserId: "T0TEST:UALICE",
      displayName: "alice",
      scopeId: "T0TEST",
      conversation: "group",
      forms: "native",
      input: { kind: "text", text: "profil" },
    });
  });

  it("a direct message is the member's private conversation, identified by its event_id", async () => {
    const bot = gatedDispatch();
    bot.release();
    harness = await startSlackHarness(bot.dispatch);
    const request = directMessage(alice, "aide", "DALICE");
    await harness.post(request);
    await harness.adapter.idle();
    expect(bot.received[0]).toMatchObject({
      eventId: JSON.parse(request.body).event_id,
      externalUserId: "T0TEST:UALICE",
      scopeId: "T0TEST",
      conversation: "private",
      input: { kind: "text", text: "aide" },
    });
    const posted = harness.fake.calls.filter((c) => c.method === "chat.postMessage");
    expect(posted.map((c) => [c.body.channel, c.body.text])).toEqual([["DALICE", "pong"]]);
  });

  it("messages from bots (the bot's own included) and edits are not treated as members' messages", async () => {
    const bot = gatedDispatch();
    bot.release();
    harness = await startSlackHarness(bot.dispatch);
    const own = JSON.parse(directMessage(alice, "pong", "DALICE").body);
    own.event = { ...own.event, user: "UBOT", bot_id: "BBOT" };
    const edit = JSON.parse(directMessage(alice, "aide", "DALICE").body);
    edit.event = { ...edit.event, subtype: "message_changed" };
    for (const body of [own, edit])
      expect((await harness.post({ body: JSON.stringify(body), contentType: "application/json" })).status).toBe(200);
    await harness.adapter.idle();
    expect(bot.received).toEqual([]);
  });

  it("Slack's retry of an event still being handled is acknowledged at once, with the same event id", async () => {
    const bot = gatedDispatch();
    harness = await startSlackHarness(bot.dispatch);
    const request = directMessage(alice, "lier", "DALICE");
    const first = await harness.post(request);
    const retry = await harness.post(request, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect([first.status, retry.status]).toEqual([200, 200]);
    // The core claims the event id once; a redelivery gets no answer from it.
    expect(bot.received.map((i) => i.eventId)).toEqual([
      JSON.parse(request.body).event_id,
      JSON.parse(request.body).event_id,
    ]);
    bot.release();
  });

  it("a large interaction payload, past the server's 4 KB limit for chat messages, is still received", async () => {
    const bot = gatedDispatch();
    bot.release();
    harness = await startSlackHarness(bot.dispatch);
    const where = { channelId: "C0GENERAL", messageTs: "1.0", ephemeral: false };
    const request = blockAction(
      alice,
      where,
      { type: "button", action_id: "profile:edit", block_id: "b", value: "profile:edit" },
      harness.fake.newResponseUrl(),
    );
    const payload = JSON.parse(new URLSearchParams(request.body).get("payload")!);
    // Slack sends the whole message back with a press: long texts make it large.
    payload.message = {
      type: "message",
      ts: "1.0",
      blocks: Array.from({ length: 20 }, () => ({
        type: "section",
        text: { type: "plain_text", text: "é".repeat(800) },
      })),
    };
    const large = { ...request, body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString() };
    expect(large.body.length).toBeGreaterThan(16_000);
    expect((await harness.post(large)).status).toBe(200);
    await harness.adapter.idle();
    expect(bot.received.map((i) => i.input)).toEqual([{ kind: "action", actionId: "profile:edit" }]);
  });

  it("Slack's URL verification challenge is answered", async () => {
    harness = await startSlackHarness(gatedDispatch().dispatch);
    const body = JSON.stringify({
      token: "t",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
      type: "url_verification",
    });
    const answer = await harness.post({ body, contentType: "application/json" });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });

  it("with an app token the adapter receives through socket mode and mounts no HTTP route", () => {
    const adapter = createSlackAdapter(
      { botToken: "xoxb-x", signingSecret: "s", appToken: "xapp-1-test" },
      { dispatch: gatedDispatch().dispatch, log: silentLog, commands: [] },
    );
    expect(adapter.platform).toBe("slack");
    expect(adapter.webhooks).toBeUndefined();
  });
});

describe("slack: who is speaking", () => {
  let harness: SlackHarness | undefined;
  afterEach(async () => {
    for (const release of openGates.splice(0)) release();
    await harness?.close();
    harness = undefined;
  });

  it("a member is named as in their Slack profile, and their Slack language is passed on", async () => {
    const bot = gatedDispatch();
    bot.release();
    harness = await startSlackHarness(bot.dispatch);
    harness.fake.addUser("UALICE", { realName: "Alice Martin", locale: "en-US" });
    await harness.post(directMessage(alice, "help", "DALICE"));
    await harness.adapter.idle();
    expect(bot.received[0]).toMatchObject({ displayName: "Alice Martin", localeHint: "en-US" });
  });

  it("when Slack cannot say who the member is, the command's handle names them and the answer still comes", async () => {
    const bot = gatedDispatch();
    bot.release();
    harness = await startSlackHarness(bot.dispatch);
    harness.fake.failNext("users.info", { status: 500 });
    await harness.post(slashCommand(alice, "aide", general, harness.fake.newResponseUrl()));
    await harness.adapter.idle();
    expect(bot.received[0]).toMatchObject({ displayName: "alice" });
    expect(bot.received[0]!.localeHint).toBeUndefined();
    expect(harness.fake.calls.filter((c) => c.method === "response_url")).toHaveLength(1);
  });
});
