import { afterEach, describe, expect, it } from "vitest";
import type { DeliveryTarget } from "../../src/core/channel.ts";
import { say } from "../../src/core/reply.ts";
import { createTelegramDriver, GROUP, type TelegramHarness } from "../fakes/telegram/driver.ts";
import { recordingDispatch } from "../fakes/telegram/support.ts";

describe("Telegram: a delivered message edited in place (live broadcast progress)", () => {
  let driver: TelegramHarness | undefined;
  afterEach(async () => {
    await driver?.close();
    driver = undefined;
  });

  async function start(options: Parameters<typeof createTelegramDriver>[1] = {}) {
    driver = await createTelegramDriver(
      recordingDispatch(() => [say("C’est noté.")]),
      options,
    );
    return driver;
  }
  function coordinator(d: TelegramHarness): DeliveryTarget {
    d.fake.openPrivateChat(d.user("sophie"));
    return { to: "member", id: d.externalId("sophie") };
  }
  const progress = (sent: number, pending: number) =>
    say(`Diffusion « Réunion du réseau » : ${sent} envoyés, ${pending} en attente, 0 échec.`, [
      { id: "bc:x:1", label: "Annuler la diffusion" },
    ]);
  /** Delivers the first progress message and returns its id. */
  async function delivered(d: TelegramHarness, target: DeliveryTarget): Promise<string> {
    const outcome = await d.adapter.deliver(target, progress(0, 120));
    if (outcome.kind !== "sent") throw new Error(`not delivered: ${JSON.stringify(outcome)}`);
    return outcome.platformMessageId;
  }
  const shown = (d: TelegramHarness, id: string) => d.fake.message(d.user("sophie").id, Number(id))!;

  it("the sender's progress message changes its text in place, keeping one message, and its button still works", async () => {
    const d = await start();
    const target = coordinator(d);
    const id = await delivered(d, target);
    expect(await d.adapter.edit(target, id, progress(80, 40))).toEqual({ kind: "sent", platformMessageId: id });
    expect(d.fake.callsOf("editMessageText")).toHaveLength(1);
    const messages = d.fake.sentMessages(d.user("sophie").id);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toBe("Diffusion « Réunion du réseau » : 80 envoyés, 40 en attente, 0 échec.");
    expect(messages[0]!.edit_date).toBeDefined();
    expect((await d.press("sophie", "Annuler la diffusion")).map((r) => r.text)).toEqual(["C’est noté."]);
  });

  it("the final report without choices removes the buttons", async () => {
    const d = await start();
    const target = coordinator(d);
    const id = await delivered(d, target);
    expect((await d.adapter.edit(target, id, say("Diffusion terminée : 120 envoyés, 0 échec."))).kind).toBe("sent");
    expect(shown(d, id)).toMatchObject({ text: "Diffusion terminée : 120 envoyés, 0 échec." });
    expect(shown(d, id).reply_markup).toBeUndefined();
  });

  it("an edit that changes nothing counts as sent: the member already sees it", async () => {
    const d = await start();
    const target = coordinator(d);
    const id = await delivered(d, target);
    expect(await d.adapter.edit(target, id, progress(0, 120))).toEqual({ kind: "sent", platformMessageId: id });
    expect(d.fake.callsOf("editMessageText").map((c) => c.status)).toEqual([400]);
  });

  it("a 429 on an edit asks the engine to retry after retry_after, and the next edit of that chat waits for it", async () => {
    const d = await start();
    const target = coordinator(d);
    const id = await delivered(d, target);
    d.fake.failNext("editMessageText", { status: 429, retryAfter: 1 });
    expect(await d.adapter.edit(target, id, progress(10, 110))).toEqual({
      kind: "retry",
      afterMs: 1000,
      reason: expect.stringContaining("429"),
    });
    expect(d.fake.callsOf("editMessageText")).toHaveLength(1);
    expect((await d.adapter.edit(target, id, progress(20, 100))).kind).toBe("sent");
    expect(d.fake.limits.ignoredRetryAfter).toBe(0);
    expect(shown(d, id).text).toContain("20 envoyés");
  });

  it("a server error on an edit asks to retry later", async () => {
    const d = await start({ deliveryRetryMs: 1500 });
    const target = coordinator(d);
    const id = await delivered(d, target);
    d.fake.failNext("editMessageText", { status: 502 });
    expect(await d.adapter.edit(target, id, progress(10, 110))).toMatchObject({ kind: "retry", afterMs: 1500 });
  });

  it("a message that no longer exists fails for good, and so does an id that is no Telegram message id", async () => {
    const d = await start();
    const target = coordinator(d);
    expect(await d.adapter.edit(target, "424242", progress(1, 1))).toEqual({
      kind: "failed",
      reason: expect.stringContaining("message to edit not found"),
    });
    expect(await d.adapter.edit(target, "C0GENERAL:1712.5", progress(1, 1))).toMatchObject({
      kind: "failed",
      reason: expect.stringContaining("not a Telegram message id"),
    });
    expect(d.fake.callsOf("editMessageText")).toHaveLength(1);
  });

  it("a text longer than one message is clipped to one message on edit, the buttons kept under it", async () => {
    const d = await start();
    const target = coordinator(d);
    const id = await delivered(d, target);
    const long = "Échecs : membre injoignable (bot bloqué). ".repeat(200);
    expect((await d.adapter.edit(target, id, say(long, [{ id: "bc:r:1", label: "Voir le rapport" }]))).kind).toBe(
      "sent",
    );
    const message = shown(d, id);
    expect(message.text).toHaveLength(4096);
    expect(message.text!.endsWith("…")).toBe(true);
    expect(message.reply_markup!.inline_keyboard.flat().map((b) => b.text)).toEqual(["Voir le rapport"]);
    expect(d.fake.sentMessages(d.user("sophie").id)).toHaveLength(1);
  });

  it("rapid edits in a group are paced under the group's limits: all applied, no 429", async () => {
    const d = await start();
    d.fake.addBotTo(GROUP);
    const group: DeliveryTarget = { to: "conversation", id: String(GROUP.id) };
    const outcome = await d.adapter.deliver(group, { text: "Diffusion : 0 envoyé", visibility: "public" });
    const id = outcome.kind === "sent" ? outcome.platformMessageId : "";
    const edits = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        d.adapter.edit(group, id, { text: `Diffusion : ${(i + 1) * 10} envoyés`, visibility: "public" }),
      ),
    );
    expect(edits.filter((o) => o.kind !== "sent")).toEqual([]);
    expect(d.fake.message(GROUP.id, Number(id))!.text).toBe("Diffusion : 80 envoyés");
    expect(d.fake.calls.filter((c) => c.status === 429)).toHaveLength(0);
  });
});
