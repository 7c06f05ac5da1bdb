import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryTarget } from "../../src/core/channel.ts";
import type { InboundCommand } from "../../src/core/inbound.ts";
import { type Reply, say } from "../../src/core/reply.ts";
import { type DiscordHarness, startDiscordHarness } from "../fakes/discord/harness.ts";
import { snowflake } from "../fakes/discord/ids.ts";
import type { FakeUser } from "../fakes/discord/payloads.ts";
import { choiceLabels, pressOnMessage } from "../fakes/discord/press.ts";

const seen: InboundCommand[] = [];
async function core(command: InboundCommand): Promise<Reply[]> {
  seen.push(command);
  return command.input.kind === "action" ? [{ text: `noté : ${command.input.actionId}`, visibility: "private" }] : [];
}
const person = (name: string): FakeUser => ({ id: snowflake(), username: name, globalName: name, locale: "fr" });
const progress = (sent: number, pending: number): Reply =>
  say(`Diffusion « Réunion du réseau » : ${sent} envoyés, ${pending} en attente, 0 échec.`, [
    { id: "bc:x:1", label: "Annuler la diffusion" },
  ]);

describe("Discord: a delivered message edited in place (live broadcast progress)", () => {
  let harness: DiscordHarness;
  beforeAll(async () => {
    harness = await startDiscordHarness(core, { adapter: { deliveryRetryAfterMs: 1500, deliveryMaxHoldWaitMs: 300 } });
  });
  afterAll(async () => harness?.close());

  const channels = () => harness.fake.rest.channels;
  const postedIn = (channelId: string) => channels().messages.get(channelId) ?? [];
  const patches = () => harness.fake.rest.calls.filter((c) => c.method === "PATCH");
  async function delivered(target: DeliveryTarget): Promise<string> {
    const outcome = await harness.adapter.deliver(target, progress(0, 120));
    if (outcome.kind !== "sent") throw new Error(`not delivered: ${JSON.stringify(outcome)}`);
    return outcome.platformMessageId;
  }

  it("the sender's progress message in their DM changes in place, the DM reused, and its button still works", async () => {
    const sophie = person("sophie");
    const target: DeliveryTarget = { to: "member", id: sophie.id };
    const id = await delivered(target);
    expect(await harness.adapter.edit(target, id, progress(80, 40))).toEqual({ kind: "sent", platformMessageId: id });
    const dm = channels().dmOf(sophie.id)!.id;
    const [message] = postedIn(dm);
    expect(postedIn(dm)).toHaveLength(1);
    expect(message).toMatchObject({
      id,
      content: "Diffusion « Réunion du réseau » : 80 envoyés, 40 en attente, 0 échec.",
      editedAt: expect.any(Number),
    });
    expect(patches().map((c) => c.path)).toEqual([`/channels/${dm}/messages/${id}`]);
    expect(channels().dmOpenings.get(sophie.id)).toBe(1);
    await pressOnMessage(harness, sophie, message!, "Annuler la diffusion");
    expect(seen.at(-1)).toMatchObject({ externalUserId: sophie.id, input: { kind: "action", actionId: "bc:x:1" } });
  });

  it("the final report without choices removes the buttons of a message in a guild channel", async () => {
    const target: DeliveryTarget = { to: "conversation", id: harness.fake.channelId };
    const id = await delivered(target);
    expect((await harness.adapter.edit(target, id, say("Diffusion terminée : 120 envoyés, 0 échec."))).kind).toBe(
      "sent",
    );
    const message = postedIn(harness.fake.channelId).find((m) => m.id === id)!;
    expect(message.content).toBe("Diffusion terminée : 120 envoyés, 0 échec.");
    expect(choiceLabels(message)).toEqual([]);
  });

  it("a text longer than one message is clipped to one message on edit, the buttons kept under it", async () => {
    const target: DeliveryTarget = { to: "member", id: person("thomas").id };
    const id = await delivered(target);
    const long = "Échecs : membre injoignable (messages privés fermés). ".repeat(80);
    expect((await harness.adapter.edit(target, id, say(long, [{ id: "bc:r:1", label: "Voir le rapport" }]))).kind).toBe(
      "sent",
    );
    const [message] = postedIn(channels().dmOf(target.id)!.id);
    expect(message!.content).toHaveLength(2000);
    expect(message!.content.endsWith("…")).toBe(true);
    expect(choiceLabels(message!)).toEqual(["Voir le rapport"]);
  });

  it("a 429 on an edit is handed back with Discord's retry-after, tried once", async () => {
    const target: DeliveryTarget = { to: "member", id: person("ugo").id };
    const id = await delivered(target);
    const path = new RegExp(`/messages/${id}$`);
    harness.fake.rest.failNext({ method: "PATCH", path, status: 429, retryAfter: 2 });
    const limited = await harness.adapter.edit(target, id, progress(10, 110));
    expect(limited).toMatchObject({ kind: "retry", reason: expect.stringContaining("rate limited") });
    expect(limited.kind === "retry" && limited.afterMs).toBeGreaterThanOrEqual(2000);
    // The channel is held longer than this adapter waits: the next edit is handed back without asking Discord.
    const before = patches().length;
    expect(await harness.adapter.edit(target, id, progress(20, 100))).toMatchObject({ kind: "retry" });
    expect(patches().length).toBe(before);
    expect(harness.fake.rest.calls.filter((c) => path.test(c.path)).map((c) => c.status)).toEqual([429]);
  });

  it("a server error on an edit is `retry`", async () => {
    const target: DeliveryTarget = { to: "member", id: person("valerie").id };
    const id = await delivered(target);
    harness.fake.rest.failNext({ method: "PATCH", path: new RegExp(`/messages/${id}$`), status: 502 });
    expect(await harness.adapter.edit(target, id, progress(10, 110))).toEqual({
      kind: "retry",
      afterMs: 1500,
      reason: "Discord server error (502)",
    });
  });

  it("a deleted message fails for good, and a message id that is no snowflake fails without calling Discord", async () => {
    const target: DeliveryTarget = { to: "conversation", id: harness.fake.channelId };
    expect(await harness.adapter.edit(target, snowflake(), progress(1, 1))).toMatchObject({
      kind: "failed",
      reason: expect.stringContaining("unknown message"),
    });
    const before = harness.fake.rest.calls.length;
    expect(await harness.adapter.edit(target, "C0GENERAL:1712.5", progress(1, 1))).toMatchObject({
      kind: "failed",
      reason: expect.stringContaining("not a Discord message id"),
    });
    expect(harness.fake.rest.calls.length).toBe(before);
  });
});

describe("Discord edit pacing", () => {
  it("rapid edits of one message are spaced under the route's limit: all applied, no 429", async () => {
    const harness = await startDiscordHarness(core, {
      fake: {
        routeLimit: (key) => (key.includes("/messages") ? { limit: 3, windowMs: 300 } : { limit: 50, windowMs: 1000 }),
      },
    });
    try {
      const { fake } = harness;
      const target: DeliveryTarget = { to: "conversation", id: fake.channelId };
      const outcome = await harness.adapter.deliver(target, progress(0, 100));
      const id = outcome.kind === "sent" ? outcome.platformMessageId : "";
      const edits = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          harness.adapter.edit(target, id, progress((i + 1) * 10, 100 - (i + 1) * 10)),
        ),
      );
      expect(edits.map((o) => o.kind)).toEqual(edits.map(() => "sent"));
      expect(fake.rest.calls.filter((c) => c.status === 429)).toEqual([]);
      expect(fake.rest.channels.messages.get(fake.channelId)!.at(-1)!.content).toContain("80 envoyés");
    } finally {
      await harness.close();
    }
  });
});
