import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundCommand } from "../../src/core/inbound.ts";
import type { Reply } from "../../src/core/reply.ts";
import { type DiscordHarness, startDiscordHarness } from "../fakes/discord/harness.ts";
import { snowflake } from "../fakes/discord/ids.ts";
import type { FakeUser } from "../fakes/discord/payloads.ts";
import { choiceLabels, pressOnMessage } from "../fakes/discord/press.ts";
import { createTestBot } from "../support/bot.ts";

/** A stand-in core that records what reaches it: a press on a reminder's button is an action. */
const seen: InboundCommand[] = [];
async function core(command: InboundCommand): Promise<Reply[]> {
  seen.push(command);
  return command.input.kind === "action" ? [{ text: `noté : ${command.input.actionId}`, visibility: "private" }] : [];
}

const reminder: Reply = {
  text: "Rappel : l’atelier « Aidants numériques » commence demain à 9 h.",
  choices: [
    { id: "reminder:done:42", label: "C’est fait", style: "primary" },
    { id: "reminder:snooze:42", label: "Me le rappeler plus tard" },
  ],
  visibility: "private",
};

const person = (name: string): FakeUser => ({ id: snowflake(), username: name, globalName: name, locale: "fr" });

describe("Discord deliveries on the bot's own initiative", () => {
  let harness: DiscordHarness;
  beforeAll(async () => {
    harness = await startDiscordHarness(core, { adapter: { deliveryRetryAfterMs: 1500, deliveryMaxHoldWaitMs: 300 } });
  });
  afterAll(async () => harness?.close());

  const calls = (path: string) => harness.fake.rest.calls.filter((c) => c.path === path);
  const dmOf = (user: FakeUser) => harness.fake.rest.channels.dmOf(user.id)!;
  const postedIn = (channelId: string) => harness.fake.rest.channels.messages.get(channelId) ?? [];

  it("a reminder reaches a member in a DM with its two buttons, and a press later comes to the core as the member's action", async () => {
    const alice = person("alice");
    const outcome = await harness.adapter.deliver({ to: "member", id: alice.id }, reminder);
    const [message] = postedIn(dmOf(alice).id);
    expect(outcome).toEqual({ kind: "sent", platformMessageId: message!.id });
    expect(message!.content).toBe(reminder.text);
    expect(choiceLabels(message!)).toEqual(["C’est fait", "Me le rappeler plus tard"]);

    const answered = await pressOnMessage(harness, alice, message!, "Me le rappeler plus tard");
    expect(seen.at(-1)).toMatchObject({
      externalUserId: alice.id,
      conversation: "private",
      scopeId: "private",
      input: { kind: "action", actionId: "reminder:snooze:42" },
    });
    expect(answered.original?.content).toBe("noté : reminder:snooze:42");
  });

  it("a second delivery to the same member reuses the DM channel it opened", async () => {
    const bruno = person("bruno");
    await harness.adapter.deliver({ to: "member", id: bruno.id }, { text: "Premier", visibility: "private" });
    await harness.adapter.deliver({ to: "member", id: bruno.id }, { text: "Second", visibility: "private" });
    expect(harness.fake.rest.channels.dmOpenings.get(bruno.id)).toBe(1);
    expect(postedIn(dmOf(bruno).id).map((m) => m.content)).toEqual(["Premier", "Second"]);
  });

  it("a broadcast to a guild channel is posted there, and a press there comes from the guild", async () => {
    const { fake } = harness;
    const outcome = await harness.adapter.deliver(
      { to: "conversation", id: fake.channelId },
      { ...reminder, visibility: "public" },
    );
    const message = postedIn(fake.channelId).at(-1)!;
    expect(outcome).toEqual({ kind: "sent", platformMessageId: message.id });
    const chloe = person("chloe");
    await pressOnMessage(harness, chloe, message, "C’est fait");
    expect(seen.at(-1)).toMatchObject({
      externalUserId: chloe.id,
      conversation: "group",
      scopeId: fake.guildId,
      input: { kind: "action", actionId: "reminder:done:42" },
    });
  });

  it("a long text is sent as several messages, the buttons under the last, whose id is the outcome's", async () => {
    const denis = person("denis");
    const text = Array.from({ length: 90 }, (_, i) => `ligne ${i} ${"x".repeat(40)}`).join("\n");
    const outcome = await harness.adapter.deliver({ to: "member", id: denis.id }, { ...reminder, text });
    const messages = postedIn(dmOf(denis).id);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.map((m) => choiceLabels(m).length)).toEqual([...messages.slice(1).map(() => 0), 2]);
    expect(outcome).toEqual({ kind: "sent", platformMessageId: messages.at(-1)!.id });
  });

  it("a reply carrying a form goes out as its text and choices: a form opens only in answer to a press", async () => {
    const emma = person("emma");
    const form = {
      id: "survey:1",
      title: "Enquête",
      submitLabel: "Envoyer",
      fields: [{ name: "avis", label: "Avis", type: "text" as const, required: true }],
    };
    const outcome = await harness.adapter.deliver(
      { to: "member", id: emma.id },
      {
        text: "Votre avis sur l’atelier ?",
        choices: [{ id: "survey:open:1", label: "Répondre" }],
        form,
        visibility: "private",
      },
    );
    expect(outcome.kind).toBe("sent");
    expect(postedIn(dmOf(emma).id).map((m) => [m.content, choiceLabels(m)])).toEqual([
      ["Votre avis sur l’atelier ?", ["Répondre"]],
    ]);
  });

  it("a 429 is handed back as `retry` after Discord's retry-after, without retrying, and holds the channel for the next delivery", async () => {
    const { fake } = harness;
    const path = `/channels/${fake.channelId}/messages`;
    const before = calls(path).length;
    fake.rest.failNext({ method: "POST", path: new RegExp(`^${path}$`), status: 429, retryAfter: 3 });
    const limited = await harness.adapter.deliver({ to: "conversation", id: fake.channelId }, reminder);
    expect(limited).toMatchObject({ kind: "retry", reason: expect.stringContaining("rate limited") });
    expect(limited.kind === "retry" && limited.afterMs).toBeGreaterThanOrEqual(3000);
    expect(
      calls(path)
        .slice(before)
        .map((c) => c.status),
    ).toEqual([429]);

    // Still held for about 3 s, longer than this adapter waits: handed back without asking Discord.
    const next = await harness.adapter.deliver({ to: "conversation", id: fake.channelId }, reminder);
    expect(next).toMatchObject({ kind: "retry" });
    expect(next.kind === "retry" && next.afterMs).toBeGreaterThan(300);
    expect(calls(path).length).toBe(before + 1);
    // Other channels are not held.
    expect((await harness.adapter.deliver({ to: "member", id: person("farid").id }, reminder)).kind).toBe("sent");
  });

  it("a short 429 hold is waited out: the next delivery to that channel goes through", async () => {
    const gaelle = person("gaelle");
    await harness.adapter.deliver({ to: "member", id: gaelle.id }, { text: "Bonjour", visibility: "private" });
    const path = `/channels/${dmOf(gaelle).id}/messages`;
    harness.fake.rest.failNext({ method: "POST", path: new RegExp(`^${path}$`), status: 429, retryAfter: 0.1 });
    expect((await harness.adapter.deliver({ to: "member", id: gaelle.id }, reminder)).kind).toBe("retry");
    expect((await harness.adapter.deliver({ to: "member", id: gaelle.id }, reminder)).kind).toBe("sent");
    expect(calls(path).map((c) => c.status)).toEqual([200, 429, 200]);
  });

  it("a server error or a dropped connection is `retry`, tried once", async () => {
    const hugo = person("hugo");
    await harness.adapter.deliver({ to: "member", id: hugo.id }, { text: "Bonjour", visibility: "private" });
    const path = `/channels/${dmOf(hugo).id}/messages`;
    harness.fake.rest.failNext({ method: "POST", path: new RegExp(`^${path}$`), status: 502 });
    expect(await harness.adapter.deliver({ to: "member", id: hugo.id }, reminder)).toEqual({
      kind: "retry",
      afterMs: 1500,
      reason: "Discord server error (502)",
    });
    harness.fake.rest.failNext({ method: "POST", path: new RegExp(`^${path}$`), status: 0, drop: true });
    expect(await harness.adapter.deliver({ to: "member", id: hugo.id }, reminder)).toMatchObject({
      kind: "retry",
      afterMs: 1500,
    });
    expect(calls(path).map((c) => c.status)).toEqual([200, 502, 0]);
  });

  it("a member who blocks the bot, an unknown user or channel, and a refused payload are `failed`", async () => {
    const { fake } = harness;
    const blocking = person("irene");
    fake.rest.channels.blockingUsers.add(blocking.id);
    expect(await harness.adapter.deliver({ to: "member", id: blocking.id }, reminder)).toMatchObject({
      kind: "failed",
      reason: expect.stringContaining("50007"),
    });
    const gone = person("jules");
    fake.rest.channels.unknownUsers.add(gone.id);
    expect(await harness.adapter.deliver({ to: "member", id: gone.id }, reminder)).toMatchObject({
      kind: "failed",
      reason: expect.stringContaining("unknown user"),
    });
    expect(await harness.adapter.deliver({ to: "conversation", id: snowflake() }, reminder)).toMatchObject({
      kind: "failed",
      reason: expect.stringContaining("unknown channel"),
    });
    const refusing = person("katia");
    fake.rest.failNext({ method: "POST", path: /^\/channels\/\d+\/messages$/, status: 400, code: 50035 });
    expect(await harness.adapter.deliver({ to: "member", id: refusing.id }, reminder)).toMatchObject({
      kind: "failed",
      reason: expect.stringContaining("invalid form body"),
    });
    const before = fake.rest.calls.length;
    expect(await harness.adapter.deliver({ to: "conversation", id: "../guilds/1" }, reminder)).toMatchObject({
      kind: "failed",
    });
    expect(fake.rest.calls.length).toBe(before);
  });

  it("when a later part of a long text fails, the outcome is that part's (a retry may repeat the first)", async () => {
    const karim = person("karim");
    await harness.adapter.deliver({ to: "member", id: karim.id }, { text: "Bonjour", visibility: "private" });
    const path = `/channels/${dmOf(karim).id}/messages`;
    const text = `${"a".repeat(1990)}\n${"b".repeat(100)}`;
    harness.fake.rest.failNext({ method: "POST", path: new RegExp(`^${path}$`), status: 503, after: 1 });
    expect(
      await harness.adapter.deliver({ to: "member", id: karim.id }, { text, visibility: "private" }),
    ).toMatchObject({ kind: "retry", reason: "Discord server error (503)" });
    expect(postedIn(dmOf(karim).id).map((m) => m.content[0])).toEqual(["B", "a"]);
  });
});

describe("Discord delivery pacing", () => {
  it("twelve deliveries to one channel are spaced under its limit: Discord answers none with a 429", async () => {
    const harness = await startDiscordHarness(core, {
      fake: {
        routeLimit: (key) => (key.includes("/messages") ? { limit: 5, windowMs: 300 } : { limit: 50, windowMs: 1000 }),
      },
    });
    try {
      const { fake } = harness;
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          harness.adapter.deliver(
            { to: "conversation", id: fake.channelId },
            { text: `Annonce ${i}`, visibility: "public" },
          ),
        ),
      );
      expect(outcomes.map((o) => o.kind)).toEqual(outcomes.map(() => "sent"));
      expect(fake.rest.channels.messages.get(fake.channelId)).toHaveLength(12);
      expect(fake.rest.calls.filter((c) => c.status === 429)).toEqual([]);
    } finally {
      await harness.close();
    }
  });

  it("a global 429 holds every channel: the next delivery elsewhere is handed back without asking Discord", async () => {
    const harness = await startDiscordHarness(core, { adapter: { deliveryMaxHoldWaitMs: 300 } });
    try {
      const { fake } = harness;
      fake.rest.failNext({
        method: "POST",
        path: /^\/users\/@me\/channels$/,
        status: 429,
        retryAfter: 5,
        global: true,
      });
      expect(await harness.adapter.deliver({ to: "member", id: person("lucie").id }, reminder)).toMatchObject({
        kind: "retry",
        reason: expect.stringContaining("global"),
      });
      const before = fake.rest.calls.length;
      const elsewhere = await harness.adapter.deliver({ to: "conversation", id: fake.channelId }, reminder);
      expect(elsewhere.kind === "retry" && elsewhere.afterMs).toBeGreaterThan(300);
      expect(fake.rest.calls.length).toBe(before);
    } finally {
      await harness.close();
    }
  });
});

describe("Discord deliveries with the real core", () => {
  it("a linked member who presses a delivered choice days later gets the core's answer: the language changes", async () => {
    const bot = await createTestBot();
    const harness = await startDiscordHarness(bot.dispatch);
    try {
      const db = bot.db.prisma;
      const sophie = person("sophie");
      const member = await db.member.findFirstOrThrow({
        where: { identities: { some: { platform: "local", externalId: "demo-coordinator" } } },
      });
      await db.platformIdentity.create({
        data: { networkId: bot.networkId, memberId: member.id, platform: "discord", externalId: sophie.id },
      });
      const outcome = await harness.adapter.deliver(
        { to: "member", id: sophie.id },
        {
          text: "Quelle langue préférez-vous ?",
          choices: [{ id: "lang:en", label: "English" }],
          visibility: "private",
        },
      );
      expect(outcome.kind).toBe("sent");

      const [message] = harness.fake.rest.channels.messages.get(harness.fake.rest.channels.dmOf(sophie.id)!.id)!;
      const answered = await pressOnMessage(harness, sophie, message!, "English");
      expect(answered.original?.content).toBe("Done: I’ll answer in English from now on.");
      expect((await db.member.findUniqueOrThrow({ where: { id: member.id } })).locale).toBe("en");
    } finally {
      await harness.close();
      await bot.close();
    }
  });
});
