import { afterEach, describe, expect, it } from "vitest";
import type { DeliveryTarget } from "../../src/core/channel.ts";
import { type Reply, say } from "../../src/core/reply.ts";
import { FAST, type SlackHarness, startSlackHarness } from "../fakes/slack/harness.ts";
import { TEAM_ID } from "../fakes/slack/requests.ts";

type Json = Record<string, any>;
const sophie: DeliveryTarget = { to: "member", id: `${TEAM_ID}:USOPHIE` };
const general: DeliveryTarget = { to: "conversation", id: "C0GENERAL" };
const RETRY_MS = 1234;
const progress = (sent: number, pending: number): Reply =>
  say(`Diffusion « Réunion du réseau » : ${sent} envoyés, ${pending} en attente, 0 échec.`, [
    { id: "bc:x:1", label: "Annuler la diffusion" },
  ]);

describe("slack: a delivered message edited in place (live broadcast progress)", () => {
  let harness: SlackHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  async function start(): Promise<SlackHarness> {
    harness = await startSlackHarness(async () => [], {
      fake: { channelIntervalMs: 50 },
      adapter: { ...FAST, channelIntervalMs: 50, deliveryIntervalMs: 0, deliveryRetryMs: RETRY_MS },
    });
    harness.fake.addUser("USOPHIE", { realName: "Sophie Durand", locale: "fr-FR" });
    return harness;
  }
  async function delivered(
    h: SlackHarness,
    target: DeliveryTarget,
  ): Promise<{ id: string; channel: string; ts: string }> {
    const outcome = await h.adapter.deliver(target, progress(0, 120));
    if (outcome.kind !== "sent") throw new Error(`not delivered: ${JSON.stringify(outcome)}`);
    const [channel, ts] = outcome.platformMessageId.split(":") as [string, string];
    return { id: outcome.platformMessageId, channel, ts };
  }
  const updates = (h: SlackHarness) => h.fake.calls.filter((c) => c.method === "chat.update");
  const sectionText = (blocks: unknown) =>
    (blocks as Json[])
      .filter((b) => b.type === "section")
      .map((b) => b.text.text)
      .join("\n");
  const buttons = (blocks: unknown) =>
    (blocks as Json[])
      .filter((b) => b.type === "actions")
      .flatMap((b) => (b.elements as Json[]).map((e) => e.text.text));

  it("the sender's progress message in their direct messages changes in place, with chat.update on the same channel and ts", async () => {
    const h = await start();
    const sent = await delivered(h, sophie);
    expect(sent.channel).toBe("DSOPHIE");
    expect(await h.adapter.edit(sophie, sent.id, progress(80, 40))).toEqual({
      kind: "sent",
      platformMessageId: sent.id,
    });
    expect(updates(h).map((c) => [c.body.channel, c.body.ts, c.status])).toEqual([["DSOPHIE", sent.ts, 200]]);
    const message = h.fake.message(sent.channel, sent.ts)!;
    expect(message.edited).toBeDefined();
    expect(sectionText(message.blocks)).toBe("Diffusion « Réunion du réseau » : 80 envoyés, 40 en attente, 0 échec.");
    expect(buttons(message.blocks)).toEqual(["Annuler la diffusion"]);
    expect(h.fake.calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(1);
  });

  it("the final report without choices leaves no buttons", async () => {
    const h = await start();
    const sent = await delivered(h, general);
    expect((await h.adapter.edit(general, sent.id, say("Diffusion terminée : 120 envoyés, 0 échec."))).kind).toBe(
      "sent",
    );
    expect(buttons(h.fake.message(sent.channel, sent.ts)!.blocks)).toEqual([]);
  });

  it("a rate-limited edit is handed back with Retry-After, and the next edit of that channel waits for it", async () => {
    const h = await start();
    const sent = await delivered(h, general);
    h.fake.failNext("chat.update", { status: 429, retryAfter: 1 });
    expect(await h.adapter.edit(general, sent.id, progress(10, 110))).toMatchObject({ kind: "retry", afterMs: 1000 });
    expect(await h.adapter.edit(general, sent.id, progress(20, 100))).toMatchObject({ kind: "sent" });
    // The fake refuses the channel for the whole second: a single 429 means the adapter waited.
    expect(h.fake.calls.filter((c) => c.status === 429)).toHaveLength(1);
    expect(sectionText(h.fake.message(sent.channel, sent.ts)!.blocks)).toContain("20 envoyés");
  });

  it("a Slack server error on an edit asks for a retry later", async () => {
    const h = await start();
    const sent = await delivered(h, general);
    h.fake.failNext("chat.update", { status: 503 });
    expect(await h.adapter.edit(general, sent.id, progress(10, 110))).toMatchObject({
      kind: "retry",
      afterMs: RETRY_MS,
    });
  });

  it("a message that no longer exists fails for good, and an id without channel and ts fails without calling Slack", async () => {
    const h = await start();
    expect(await h.adapter.edit(general, "C0GENERAL:1700000000.000001", progress(1, 1))).toEqual({
      kind: "failed",
      reason: "chat.update: message_not_found",
    });
    expect(await h.adapter.edit(general, "1700000000.000001", progress(1, 1))).toMatchObject({
      kind: "failed",
      reason: expect.stringContaining("not a Slack message id"),
    });
    expect(updates(h)).toHaveLength(1);
  });

  it("edits in quick succession are paced per channel with the posts: all applied, no 429", async () => {
    const h = await start();
    const sent = await delivered(h, general);
    const edits = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => h.adapter.edit(general, sent.id, progress((i + 1) * 20, 100 - i * 20))),
      h.adapter.deliver(general, say("Autre annonce")),
    ]);
    expect(edits.map((o) => o.kind)).toEqual(Array(6).fill("sent"));
    expect(h.fake.calls.filter((c) => c.status === 429)).toHaveLength(0);
    expect(sectionText(h.fake.message(sent.channel, sent.ts)!.blocks)).toContain("100 envoyés");
  });
});
