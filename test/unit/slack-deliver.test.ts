import { afterEach, describe, expect, it } from "vitest";
import type { DeliveryOutcome } from "../../src/core/channel.ts";
import type { Dispatch } from "../../src/core/dispatch.ts";
import type { InboundCommand } from "../../src/core/inbound.ts";
import { type Reply, say } from "../../src/core/reply.ts";
import { FAST, type SlackHarness, startSlackHarness } from "../fakes/slack/harness.ts";
import { blockAction, directMessage, TEAM_ID } from "../fakes/slack/requests.ts";
import type { FakeSlackOptions } from "../fakes/slack/server.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";

type Json = Record<string, any>;
const alice = { userId: "UALICE", name: "alice" };
const member = (userId: string) => ({ to: "member" as const, id: `${TEAM_ID}:${userId}` });
const general = { to: "conversation" as const, id: "C0GENERAL" };
const reminder = say("Rappel : la réunion du réseau a lieu demain à 14 h.", [
  { id: "reminder:done:r1", label: "Fait" },
  { id: "reminder:snooze:r1", label: "Plus tard" },
]);
const RETRY_MS = 1234;

describe("slack: delivering on the bot's initiative", () => {
  let harness: SlackHarness | undefined;
  let bot: TestBot | undefined;
  afterEach(async () => {
    await harness?.close();
    await bot?.close();
    harness = bot = undefined;
  });

  async function start(
    dispatch: Dispatch = async () => [],
    fake: FakeSlackOptions = { channelIntervalMs: 50 },
    channelIntervalMs = 50,
  ): Promise<SlackHarness> {
    harness = await startSlackHarness(dispatch, {
      fake,
      adapter: { ...FAST, channelIntervalMs, deliveryIntervalMs: 0, deliveryRetryMs: RETRY_MS },
    });
    harness.fake.addUser("UALICE", { realName: "Alice Martin", locale: "fr-FR" });
    return harness;
  }
  const calls = (h: SlackHarness, method: string) => h.fake.calls.filter((c) => c.method === method);
  const rateLimited = (h: SlackHarness) => h.fake.calls.filter((c) => c.status === 429);

  it("a reminder with two buttons reaches a linked member in their direct messages, and a later press reaches the core", async () => {
    bot = await createTestBot();
    const db = bot.db.prisma;
    await db.channelBinding.create({ data: { networkId: bot.networkId, platform: "slack", scopeId: TEAM_ID } });
    const coordinator = await db.member.findFirstOrThrow({
      where: { identities: { some: { platform: "local", externalId: "demo-coordinator" } } },
    });
    const identity = await db.platformIdentity.create({
      data: { networkId: bot.networkId, memberId: coordinator.id, platform: "slack", externalId: `${TEAM_ID}:UALICE` },
    });
    const received: InboundCommand[] = [];
    const core = bot.dispatch;
    const h = await start(async (inbound) => (received.push(inbound), core(inbound)));

    const outcome = await h.adapter.deliver({ to: "member", id: identity.externalId }, reminder);
    expect(outcome).toEqual({ kind: "sent", platformMessageId: expect.stringMatching(/^DALICE:\d+\.\d+$/) });
    const [posted] = calls(h, "chat.postMessage");
    const buttons = (posted!.body.blocks as Json[])
      .filter((b) => b.type === "actions")
      .flatMap((b) => b.elements as Json[]);
    expect(buttons.map((b) => [b.text.text, b.action_id])).toEqual([
      ["Fait", "reminder:done:r1"],
      ["Plus tard", "reminder:snooze:r1"],
    ]);

    const messageTs = (outcome as { platformMessageId: string }).platformMessageId.split(":")[1]!;
    const snooze = {
      type: "button",
      action_id: buttons[1]!.action_id,
      block_id: "b1",
      value: buttons[1]!.value,
      text: buttons[1]!.text,
    };
    expect(
      (
        await h.post(
          blockAction(alice, { channelId: "DALICE", messageTs, ephemeral: false }, snooze, h.fake.newResponseUrl()),
        )
      ).status,
    ).toBe(200);
    await h.adapter.idle();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      platform: "slack",
      externalUserId: identity.externalId,
      conversation: "private",
      input: { kind: "action", actionId: "reminder:snooze:r1" },
    });
    // The reminder was posted to Alice's user id; the core's answer to the press comes in the same direct conversation.
    expect(calls(h, "chat.postMessage").map((c) => [c.body.channel, c.status])).toEqual([
      ["UALICE", 200],
      ["DALICE", 200],
    ]);
  });

  it("a reminder reaches a member without opening a conversation first: no conversations.open call", async () => {
    const h = await start();
    expect(h.fake.ims.has("DALICE")).toBe(false);
    const outcome = await h.adapter.deliver(member("UALICE"), reminder);
    // Slack opened the direct conversation itself and named it: the message id is where chat.update finds it.
    expect(outcome).toEqual({ kind: "sent", platformMessageId: expect.stringMatching(/^DALICE:\d+\.\d+$/) });
    expect(h.fake.ims.has("DALICE")).toBe(true);
    expect(calls(h, "conversations.open")).toEqual([]);
    expect(h.fake.calls.filter((c) => c.method !== "auth.test").map((c) => [c.method, c.body.channel])).toEqual([
      ["chat.postMessage", "UALICE"],
    ]);
    const [, ts] = (outcome as { platformMessageId: string }).platformMessageId.split(":");
    expect(h.fake.message("DALICE", ts!)?.text).toBe(reminder.text);
  });

  it("two deliveries in a row to one member take turns in their direct conversation, and Slack never has to refuse one", async () => {
    // A channel interval long enough that a second post without pacing would always come too soon.
    const h = await start(async () => [], { channelIntervalMs: 400 }, 400);
    h.fake.addUser("UBEA", { realName: "Béatrice Roux", locale: "fr-FR" });
    for (const text of ["un", "deux"]) expect((await h.adapter.deliver(member("UALICE"), say(text))).kind).toBe("sent");
    // Delivered at once (a reminder and a broadcast claimed together), before the DM is known.
    const together = await Promise.all(
      ["trois", "quatre"].map((text) => h.adapter.deliver({ to: "member", id: `${TEAM_ID}:UBEA` }, say(text))),
    );
    expect(together.map((o) => o.kind)).toEqual(["sent", "sent"]);
    expect(calls(h, "chat.postMessage").map((c) => [c.body.channel, c.body.text, c.status])).toEqual([
      ["UALICE", "un", 200],
      ["UALICE", "deux", 200],
      ["UBEA", "trois", 200],
      ["UBEA", "quatre", 200],
    ]);
    expect(rateLimited(h)).toEqual([]);
    expect(calls(h, "conversations.open")).toEqual([]);
  });

  it("a member's next delivery, once their direct conversation is known, waits for the previous one's turn", async () => {
    const h = await start(async () => [], { channelIntervalMs: 400 }, 400);
    const first = await h.adapter.deliver(member("UALICE"), say("un"));
    const [channel, ts] = (first as { platformMessageId: string }).platformMessageId.split(":") as [string, string];
    // An edit names the DM; the delivery after it names the member: both are the same conversation.
    const [edited, second] = await Promise.all([
      h.adapter.edit(member("UALICE"), `${channel}:${ts}`, say("un, corrigé")),
      h.adapter.deliver(member("UALICE"), say("deux")),
    ]);
    expect([edited.kind, second.kind]).toEqual(["sent", "sent"]);
    expect(rateLimited(h)).toEqual([]);
    expect(h.fake.message(channel, ts)?.text).toBe("un, corrigé");
  });

  it("a broadcast reaches a channel as the bot's message", async () => {
    const h = await start();
    const outcome = await h.adapter.deliver(general, { text: "Nouvelle fiche publiée", visibility: "public" });
    expect(outcome).toEqual({ kind: "sent", platformMessageId: expect.stringMatching(/^C0GENERAL:/) });
    expect(calls(h, "chat.postMessage").map((c) => [c.body.channel, c.body.text])).toEqual([
      ["C0GENERAL", "Nouvelle fiche publiée"],
    ]);
    expect(calls(h, "conversations.open")).toEqual([]);
  });

  it("a reply with a form is delivered as its text and choices: a form opens only from a member's action", async () => {
    const h = await start();
    const form = {
      id: "profile",
      title: "Mon profil",
      submitLabel: "Enregistrer",
      fields: [{ name: "name", label: "Nom", type: "text" as const, required: true }],
    };
    const reply: Reply = {
      text: "Votre profil est incomplet.",
      choices: [{ id: "profile:edit", label: "Compléter" }],
      form,
      visibility: "private",
    };
    expect((await h.adapter.deliver(member("UALICE"), reply)).kind).toBe("sent");
    const [posted] = calls(h, "chat.postMessage");
    expect(posted!.body.text).toBe("Votre profil est incomplet.");
    expect(JSON.stringify(posted!.body.blocks)).toContain("profile:edit");
    expect(calls(h, "views.open")).toEqual([]);
  });

  it("a rate-limited delivery is tried once and handed back with Slack's Retry-After", async () => {
    const h = await start();
    h.fake.failNext("chat.postMessage", { status: 429, retryAfter: 7 });
    expect(await h.adapter.deliver(general, reminder)).toMatchObject({ kind: "retry", afterMs: 7000 });
    h.fake.failNext("chat.postMessage", { status: 429, retryAfter: 3 });
    expect(await h.adapter.deliver(member("UALICE"), reminder)).toMatchObject({ kind: "retry", afterMs: 3000 });
    expect(calls(h, "chat.postMessage")).toHaveLength(2);
  });

  it("after a 429 on a post to a member, their next delivery waits for Retry-After", async () => {
    const h = await start();
    h.fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    expect((await h.adapter.deliver(member("UALICE"), say("un"))).kind).toBe("retry");
    expect(await h.adapter.deliver(member("UALICE"), say("un"))).toMatchObject({
      kind: "sent",
      platformMessageId: expect.stringMatching(/^DALICE:/),
    });
    // The fake refuses Alice's DM for the whole second: a single 429 means the adapter waited.
    expect(rateLimited(h)).toHaveLength(1);
  });

  it("a Slack server error on a post to a member asks for a retry later", async () => {
    const h = await start();
    h.fake.failNext("chat.postMessage", { status: 502 });
    expect(await h.adapter.deliver(member("UALICE"), reminder)).toEqual({
      kind: "retry",
      afterMs: RETRY_MS,
      reason: "chat.postMessage: HTTP 502",
    });
    expect((await h.adapter.deliver(member("UALICE"), reminder)).kind).toBe("sent");
  });

  it("after a 429, the next message to that channel waits for Retry-After instead of being refused again", async () => {
    const h = await start();
    h.fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    expect((await h.adapter.deliver(general, say("un"))).kind).toBe("retry");
    expect(await h.adapter.deliver(general, say("un"))).toMatchObject({ kind: "sent" });
    // The fake keeps refusing the channel for the whole second: one 429 means the adapter waited.
    expect(rateLimited(h)).toHaveLength(1);
  });

  it("a Slack server error, a dropped connection or a Slack outage asks for a retry later", async () => {
    const h = await start();
    for (const failure of [{ status: 500 }, "drop", { status: 503 }, { error: "service_unavailable" }] as const)
      h.fake.failNext("chat.postMessage", failure);
    const outcomes: DeliveryOutcome[] = [];
    for (let i = 0; i < 4; i++) outcomes.push(await h.adapter.deliver(general, say("rappel")));
    expect(outcomes.map((o) => [o.kind, "afterMs" in o ? o.afterMs : undefined])).toEqual(
      Array(4).fill(["retry", RETRY_MS]),
    );
    expect(calls(h, "chat.postMessage")).toHaveLength(4);
    expect((await h.adapter.deliver(general, say("rappel"))).kind).toBe("sent");
  });

  it("a member gone from the workspace, a deactivated one, an archived channel or a refused message fails for good", async () => {
    const h = await start();
    h.fake.addUser("UBOB", { realName: "Bob", deactivated: true });
    h.fake.archiveChannel("C0OLD");
    const outcomes = [
      await h.adapter.deliver(member("UNOBODY"), reminder),
      await h.adapter.deliver(member("UBOB"), reminder),
    ];
    h.fake.failNext("chat.postMessage", { error: "not_in_channel" });
    h.fake.failNext("chat.postMessage", { error: "invalid_blocks" });
    outcomes.push(
      await h.adapter.deliver(general, reminder),
      await h.adapter.deliver(general, reminder),
      await h.adapter.deliver({ to: "conversation", id: "C0OLD" }, reminder),
      await h.adapter.deliver({ to: "member", id: "UALICE" }, reminder),
    );
    expect(outcomes.map((o) => o.kind)).toEqual(Array(6).fill("failed"));
    expect(calls(h, "conversations.open")).toEqual([]);
    expect(outcomes.map((o) => ("reason" in o ? o.reason : ""))).toEqual([
      "chat.postMessage: user_not_found",
      "chat.postMessage: account_inactive",
      "chat.postMessage: not_in_channel",
      "chat.postMessage: invalid_blocks",
      "chat.postMessage: is_archived",
      "not a Slack member id: UALICE",
    ]);
  });

  it("a revoked token keeps the delivery for later rather than losing it", async () => {
    const h = await start();
    h.fake.failNext("chat.postMessage", { error: "token_revoked" });
    expect(await h.adapter.deliver(general, reminder)).toMatchObject({ kind: "retry", afterMs: 5 * 60_000 });
  });

  it("reminders and answers to one conversation wait their turn, and Slack never has to refuse one", async () => {
    const h = await start(async () => [say("pong")], { channelIntervalMs: 200 }, 200);
    const deliveries = ["un", "deux", "trois"].map((text) => h.adapter.deliver(member("UALICE"), say(text)));
    const broadcasts = ["a", "b", "c"].map((text) => h.adapter.deliver(general, say(text)));
    await h.post(directMessage(alice, "aide", "DALICE"));
    const outcomes = await Promise.all([...deliveries, ...broadcasts]);
    await h.adapter.idle();
    expect(outcomes.map((o) => o.kind)).toEqual(Array(6).fill("sent"));
    // Deliveries name Alice by user id, the answer names her DM: one conversation either way.
    const toAlice = calls(h, "chat.postMessage")
      .filter((c) => c.body.channel === "UALICE" || c.body.channel === "DALICE")
      .map((c) => c.body.text);
    expect(toAlice.filter((t) => t !== "pong")).toEqual(["un", "deux", "trois"]);
    expect(toAlice).toContain("pong");
    expect(calls(h, "conversations.open")).toEqual([]);
    expect(rateLimited(h)).toEqual([]);
  });
});
