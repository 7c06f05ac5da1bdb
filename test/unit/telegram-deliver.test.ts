import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createCallbackCodec } from "../../src/channels/telegram/callback-data.ts";
import type { DeliveryTarget } from "../../src/core/channel.ts";
import { type Choice, type Reply, say } from "../../src/core/reply.ts";
import { createTelegramDriver, GROUP, TEST_TOKEN, type TelegramHarness } from "../fakes/telegram/driver.ts";
import { capturingLog, recordingDispatch } from "../fakes/telegram/support.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";

describe("Telegram proactive delivery", () => {
  let driver: TelegramHarness | undefined;
  let bot: TestBot | undefined;
  afterEach(async () => {
    await driver?.close();
    await bot?.close();
    driver = bot = undefined;
  });

  const dispatch = recordingDispatch(() => [say("C’est noté.")]);
  async function start(options: Parameters<typeof createTelegramDriver>[1] = {}) {
    dispatch.heard.length = 0;
    driver = await createTelegramDriver(dispatch, options);
    return driver;
  }
  /** A member who has started the bot, so that it may write to them first. */
  function member(d: TelegramHarness, person: string): DeliveryTarget {
    d.fake.openPrivateChat(d.user(person));
    return { to: "member", id: d.externalId(person) };
  }
  const reminder = (id: string) =>
    say("Rappel : l’atelier « Démarches en ligne » commence demain à 9 h.", [
      { id: `reminder:done:${id}`, label: "C’est fait" },
      { id: `reminder:snooze:${id}`, label: "Plus tard" },
    ]);

  it("a reminder with two buttons reaches a member privately, and the buttons work when pressed later", async () => {
    const d = await start();
    const reminderId = randomUUID();
    const outcome = await d.adapter.deliver(member(d, "alice"), reminder(reminderId));
    const [message] = d.fake.sentMessages(d.user("alice").id);
    expect(outcome).toEqual({ kind: "sent", platformMessageId: String(message!.message_id) });
    expect(message!.text).toContain("l’atelier « Démarches en ligne »");
    const buttons = message!.reply_markup!.inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(["C’est fait", "Plus tard"]);
    // The buttons are signed with a key derived from the token: they still work after a restart.
    const data = buttons.map((b) => ("callback_data" in b ? b.callback_data : ""));
    expect(data.map((x) => createCallbackCodec(TEST_TOKEN).decode(x))).toEqual([
      `reminder:done:${reminderId}`,
      `reminder:snooze:${reminderId}`,
    ]);

    await d.send("alice", "aide");
    const answer = await d.press("alice", "Plus tard");
    expect(answer.map((r) => r.text)).toEqual(["C’est noté."]);
    const press = dispatch.heard.at(-1)!;
    expect(press.input).toEqual({ kind: "action", actionId: `reminder:snooze:${reminderId}` });
    expect(press).toMatchObject({ externalUserId: d.externalId("alice"), conversation: "private" });
  });

  it("a delivered button pressed by a member linked on Telegram is handled by the bot like an answer's", async () => {
    bot = await createTestBot();
    driver = await createTelegramDriver(bot.dispatch);
    const adviser = await bot.db.prisma.member.findFirstOrThrow({
      where: { identities: { some: { platform: "local", externalId: "demo-adviser" } } },
    });
    await bot.db.prisma.platformIdentity.create({
      data: {
        networkId: bot.networkId,
        memberId: adviser.id,
        platform: "telegram",
        externalId: driver.externalId("adviser"),
      },
    });
    const outcome = await driver.adapter.deliver(
      member(driver, "adviser"),
      say("Votre fiche n’a pas été revue depuis un an.", [{ id: "profile:edit", label: "Modifier mon profil" }]),
    );
    expect(outcome.kind).toBe("sent");
    const answer = await driver.press("adviser", "Modifier mon profil");
    expect(answer.length).toBeGreaterThan(0);
    expect(answer.map((r) => r.text).join("\n")).not.toContain("Ce bouton n’est plus valable");
  });

  it("a broadcast reaches a group conversation for everyone, replying to no one", async () => {
    const d = await start();
    d.fake.addBotTo(GROUP);
    const outcome = await d.adapter.deliver(
      { to: "conversation", id: String(GROUP.id) },
      { text: "Réunion du réseau jeudi à 14 h.", visibility: "public" },
    );
    const [message] = d.fake.sentMessages(GROUP.id);
    expect(outcome).toEqual({ kind: "sent", platformMessageId: String(message!.message_id) });
    expect(message!.text).toBe("Réunion du réseau jeudi à 14 h.");
    expect(message!.reply_to_message).toBeUndefined();
  });

  it("a long reminder goes out in parts, buttons under the last, and the last part's id is kept", async () => {
    const d = await start();
    const long = `${"Les permanences numériques ont lieu chaque mardi à la médiathèque. ".repeat(30).trim()}\n`
      .repeat(5)
      .trim();
    const outcome = await d.adapter.deliver(
      member(d, "alice"),
      say(long, [{ id: "reminder:done:1", label: "C’est fait" }]),
    );
    const parts = d.fake.sentMessages(d.user("alice").id);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.map((m) => m.text).join("\n")).toBe(long);
    expect(parts.map((m) => Boolean(m.reply_markup))).toEqual([...parts.slice(1).map(() => false), true]);
    expect(outcome).toEqual({ kind: "sent", platformMessageId: String(parts.at(-1)!.message_id) });
  });

  it("a reply with a form is delivered as its text and choices, the form's title standing in for missing text", async () => {
    const d = await start();
    const form = { id: "profile", title: "Mettre à jour ma fiche", submitLabel: "Enregistrer", fields: [] };
    const outcome = await d.adapter.deliver(member(d, "alice"), {
      text: "",
      form,
      choices: [{ id: "profile:edit", label: "Commencer" }],
      visibility: "private",
    });
    expect(outcome.kind).toBe("sent");
    const [message] = d.fake.sentMessages(d.user("alice").id);
    expect(message!.text).toBe("Mettre à jour ma fiche");
    expect(message!.reply_markup!.inline_keyboard.flat().map((b) => b.text)).toEqual(["Commencer"]);
  });

  it("a 429 asks the engine to retry after Telegram's retry_after, without trying again itself, and holds the chat back", async () => {
    const d = await start();
    const alice = member(d, "alice");
    d.fake.failNext("sendMessage", { status: 429, retryAfter: 7 });
    expect(await d.adapter.deliver(alice, reminder("a"))).toEqual({
      kind: "retry",
      afterMs: 7000,
      reason: expect.stringContaining("429"),
    });
    expect(d.fake.callsOf("sendMessage")).toHaveLength(1);

    // After a shorter retry_after, the engine's retry and an answer in the same chat both wait for it.
    const bob = member(d, "bob");
    d.fake.failNext("sendMessage", { status: 429, retryAfter: 1 });
    expect(await d.adapter.deliver(bob, reminder("b"))).toMatchObject({ kind: "retry", afterMs: 1000 });
    const [retried, answered] = await Promise.all([d.adapter.deliver(bob, reminder("b")), d.send("bob", "aide")]);
    expect(retried.kind).toBe("sent");
    expect(answered.map((r) => r.text)).toContain("C’est noté.");
    expect(d.fake.limits.ignoredRetryAfter).toBe(0);
  });

  it("a server error, a dropped connection or no answer at all asks to retry later, after one call each", async () => {
    const d = await start({ deliveryRetryMs: 1500, sendTimeoutMs: 200 });
    const alice = member(d, "alice");
    for (const failure of [{ status: 500 }, { status: 502 }, "drop", "hang"] as const)
      d.fake.failNext("sendMessage", failure);
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await d.adapter.deliver(alice, reminder(String(i))));
    expect(outcomes.map((o) => o.kind === "retry" && o.afterMs)).toEqual([1500, 1500, 1500, 1500]);
    expect(d.fake.callsOf("sendMessage").map((c) => c.status)).toEqual([500, 502, 0, 0]);
    expect((await d.adapter.deliver(alice, reminder("4"))).kind).toBe("sent");
  });

  it("a member who blocked the bot, a deactivated account or an unknown chat fails for good after one call", async () => {
    const { log, entries } = capturingLog();
    const d = await start({ log });
    const alice = member(d, "alice");
    d.fake.block(d.user("alice"));
    expect(await d.adapter.deliver(alice, reminder("a"))).toEqual({
      kind: "failed",
      reason: expect.stringMatching(/403.*blocked/),
    });
    d.fake.failNext("sendMessage", { status: 403, description: "Forbidden: user is deactivated" });
    expect(await d.adapter.deliver(member(d, "bob"), reminder("b"))).toEqual({
      kind: "failed",
      reason: expect.stringContaining("deactivated"),
    });
    expect(await d.adapter.deliver({ to: "conversation", id: "-100999" }, reminder("c"))).toEqual({
      kind: "failed",
      reason: expect.stringContaining("chat not found"),
    });
    expect(d.fake.callsOf("sendMessage")).toHaveLength(3);
    expect(entries.filter((e) => /blocked/.test(e.msg))).toHaveLength(2);
  });

  it("a target that is no Telegram id fails without calling Telegram", async () => {
    const d = await start();
    expect((await d.adapter.deliver({ to: "member", id: "U123:abc" }, reminder("a"))).kind).toBe("failed");
    expect((await d.adapter.deliver({ to: "member", id: String(GROUP.id) }, reminder("a"))).kind).toBe("failed");
    expect(d.fake.callsOf("sendMessage")).toHaveLength(0);
  });

  it("when a later part fails, the outcome is that part's and the earlier parts stay sent", async () => {
    const d = await start();
    d.fake.failNext("sendMessage", { status: 500 }, 1, 1);
    const long = "Ordre du jour de la réunion de réseau, point par point. ".repeat(100).trim();
    expect(await d.adapter.deliver(member(d, "alice"), say(long))).toMatchObject({ kind: "retry" });
    expect(d.fake.sentMessages(d.user("alice").id)).toHaveLength(1);
    expect(d.fake.callsOf("sendMessage")).toHaveLength(2);
  });

  it("an unexpected error is logged and asks to retry; nothing is thrown at the engine", async () => {
    const { log, entries } = capturingLog();
    const d = await start({ log });
    const unlabelled = [{ id: "reminder:done:1" }, { id: "reminder:snooze:1" }] as unknown as Choice[];
    const broken = { text: "Rappel", choices: unlabelled, visibility: "private" } satisfies Reply;
    expect(await d.adapter.deliver(member(d, "alice"), broken)).toMatchObject({
      kind: "retry",
      reason: expect.stringContaining("unexpected"),
    });
    expect(entries.some((e) => e.msg === "delivering to Telegram failed unexpectedly")).toBe(true);
  });

  it("many deliveries to one member are paced under the per-chat limit: all sent, no 429", async () => {
    const d = await start();
    const alice = member(d, "alice");
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => d.adapter.deliver(alice, say(`Rappel ${i}`))),
    );
    expect(outcomes.filter((o) => o.kind !== "sent")).toEqual([]);
    expect(d.fake.sentMessages(d.user("alice").id).map((m) => m.text)).toEqual(
      Array.from({ length: 12 }, (_, i) => `Rappel ${i}`),
    );
    expect(d.fake.callsOf("sendMessage").filter((c) => c.status === 429)).toHaveLength(0);
  });

  it("a broadcast burst to a group, mixed with answers there, is paced under the group's limits: all sent, no 429", async () => {
    const d = await start();
    d.fake.addBotTo(GROUP);
    const group: DeliveryTarget = { to: "conversation", id: String(GROUP.id) };
    const deliveries = Array.from({ length: 12 }, (_, i) =>
      d.adapter.deliver(group, { text: `Annonce ${i}`, visibility: "public" }),
    );
    const answers = Array.from({ length: 3 }, (_, i) => d.send(`membre${i}`, "aide", "group"));
    const outcomes = await Promise.all(deliveries);
    await Promise.all(answers);
    expect(outcomes.filter((o) => o.kind !== "sent")).toEqual([]);
    expect(d.fake.sentMessages(GROUP.id)).toHaveLength(15);
    expect(d.fake.callsOf("sendMessage").filter((c) => c.status === 429)).toHaveLength(0);
  });
});
