import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalDelivery } from "../../src/channels/local/adapter.ts";
import { INBOX_PAGE, type InboxPage } from "../../src/channels/local/inbox.ts";
import { say } from "../../src/core/reply.ts";
import { enqueueMessages } from "../../src/delivery/outbox.ts";
import { createDeliveryWorker } from "../../src/delivery/worker.ts";
import { buildServer } from "../../src/http/server.ts";
import { createTestBot, silentLog, type TestBot } from "../support/bot.ts";

let bot: TestBot;
let app: Awaited<ReturnType<typeof buildServer>>;
beforeAll(async () => {
  bot = await createTestBot();
  app = await buildServer({
    database: bot.db,
    log: silentLog,
    local: { dispatch: bot.dispatch, networkSlug: "tarn-et-garonne", db: bot.db.prisma },
    startedAt: new Date(),
    demo: true,
  });
});
afterAll(async () => {
  await app.close();
  await bot.close();
});

const EPOCH = "2000-01-01T00:00:00Z";
const inbox = (query: string) => app.inject({ method: "GET", url: `/api/local/inbox?${query}` });
async function page(user: string, since: string): Promise<InboxPage> {
  const res = await inbox(`user=${encodeURIComponent(user)}&since=${encodeURIComponent(since)}`);
  expect(res.statusCode).toBe(200);
  return res.json() as InboxPage;
}
const progress = (sent: number) =>
  say(`Diffusion « Réunion du réseau » : ${sent} envoyés.`, [{ id: "bc:x:1", label: "Annuler la diffusion" }]);

describe("the local web chat as a delivery platform", () => {
  it("a reminder delivered to a local member is in their inbox with its buttons", async () => {
    const local = createLocalDelivery(bot.db.prisma);
    const reminder = say("Rappel : réunion du groupe logement des internes jeudi à 14 h.", [
      { id: "dl:d:1", label: "C’est fait" },
    ]);
    const outcome = await local.deliver({ to: "member", id: "demo-intern" }, reminder);
    expect(outcome).toEqual({ kind: "sent", platformMessageId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const { messages, now } = await page("demo-intern", EPOCH);
    expect(messages).toEqual([
      {
        id: (outcome as { platformMessageId: string }).platformMessageId,
        reply: reminder,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    ]);
    expect(Date.parse(now)).toBeLessThanOrEqual(Date.now());
    // Asked from the moment it was written, there is nothing newer.
    expect((await page("demo-intern", messages[0]!.updatedAt)).messages).toEqual([]);
  });

  it("an edited message comes back once, with the new text, to a page asking since its last poll", async () => {
    const local = createLocalDelivery(bot.db.prisma);
    const sent = await local.deliver({ to: "member", id: "demo-coordinator" }, progress(0));
    const id = sent.kind === "sent" ? sent.platformMessageId : "";
    const first = await page("demo-coordinator", EPOCH);
    expect(first.messages.map((m) => m.reply.text)).toEqual(["Diffusion « Réunion du réseau » : 0 envoyés."]);
    await sleep(5);
    expect(await local.edit({ to: "member", id: "demo-coordinator" }, id, progress(40))).toEqual({
      kind: "sent",
      platformMessageId: id,
    });
    const next = await page("demo-coordinator", first.now);
    expect(next.messages.map((m) => [m.id, m.reply.text])).toEqual([
      [id, "Diffusion « Réunion du réseau » : 40 envoyés."],
    ]);
    const [edited] = next.messages;
    expect(Date.parse(edited!.updatedAt)).toBeGreaterThan(Date.parse(first.messages[0]!.updatedAt));
    expect(edited!.createdAt).toBe(first.messages[0]!.createdAt);
  });

  it("another user's messages are not returned, and another user cannot have them edited", async () => {
    const local = createLocalDelivery(bot.db.prisma);
    const sent = await local.deliver(
      { to: "member", id: "demo-health" },
      say("Collecte des actualités santé : envoyez vos brèves avant vendredi."),
    );
    const id = sent.kind === "sent" ? sent.platformMessageId : "";
    expect((await page("demo-partner", EPOCH)).messages).toEqual([]);
    expect(await local.edit({ to: "member", id: "demo-partner" }, id, say("détourné"))).toMatchObject({
      kind: "failed",
    });
    expect((await page("demo-health", EPOCH)).messages.map((m) => m.reply.text)).toEqual([
      "Collecte des actualités santé : envoyez vos brèves avant vendredi.",
    ]);
  });

  it("editing a message that does not exist, or with an id that is not one, fails for good", async () => {
    const local = createLocalDelivery(bot.db.prisma);
    expect(
      await local.edit({ to: "member", id: "demo-adviser" }, "00000000-0000-4000-8000-000000000000", progress(1)),
    ).toMatchObject({ kind: "failed", reason: expect.stringContaining("no message") });
    expect(await local.edit({ to: "member", id: "demo-adviser" }, "C0GENERAL:1712.5", progress(1))).toMatchObject({
      kind: "failed",
      reason: expect.stringContaining("not a local inbox message id"),
    });
    expect(await local.deliver({ to: "conversation", id: "tarn-et-garonne" }, progress(1))).toMatchObject({
      kind: "failed",
    });
  });

  it("the chat page polls the inbox", async () => {
    expect((await app.inject({ method: "GET", url: "/" })).body).toContain("/api/local/inbox?user=");
  });

  it("a bad query is a 400 that names the parameter at fault", async () => {
    for (const [query, field] of [
      ["since=2026-11-23T09:00:00Z", "user"],
      ["user=demo-adviser", "since"],
      ["user=demo-adviser&since=hier", "since"],
      ["user=demo%20adviser&since=2026-11-23T09:00:00Z", "user"],
      ["user=demo-adviser&since=2026-11-23T09:00:00Z&limit=5", "limit"],
    ] as const) {
      const res = await inbox(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error).toEqual({ code: "invalid_query", message: expect.stringContaining(field) });
    }
  });

  it("a page far behind gets 100 messages, oldest first, and the rest from the cursor it is given", async () => {
    const db = bot.db.prisma;
    const base = Date.now() - 60_000;
    await db.localInboxMessage.createMany({
      data: Array.from({ length: INBOX_PAGE + 20 }, (_, i) => ({
        userId: "demo-cls",
        payload: say(`Annonce ${i}`) as object,
        createdAt: new Date(base + i),
        updatedAt: new Date(base + i),
      })),
    });
    const first = await page("demo-cls", EPOCH);
    expect(first.messages.map((m) => m.reply.text)).toEqual(
      Array.from({ length: INBOX_PAGE }, (_, i) => `Annonce ${i}`),
    );
    const rest = await page("demo-cls", first.now);
    const texts = new Set([...first.messages, ...rest.messages].map((m) => m.reply.text));
    expect(texts.size).toBe(INBOX_PAGE + 20);
  });

  it("a reminder queued in the outbox for the local chat reaches the member's inbox through the delivery worker", async () => {
    const db = bot.db.prisma;
    await enqueueMessages(db, [
      {
        networkId: bot.networkId,
        idempotencyKey: "test:local:reminder:1",
        platform: "local",
        target: { to: "member", id: "demo-adviser" },
        reply: say("Rappel : permanence numérique mardi à la médiathèque.", [{ id: "dl:d:2", label: "C’est fait" }]),
        category: "reminder",
        notBefore: new Date(Date.now() - 1000),
      },
    ]);
    const worker = createDeliveryWorker({ db, adapter: createLocalDelivery(db), log: silentLog });
    await worker.runOnce();
    const [row] = await db.outboundMessage.findMany({ where: { idempotencyKey: "test:local:reminder:1" } });
    const { messages } = await page("demo-adviser", EPOCH);
    expect(messages.map((m) => m.reply.text)).toEqual(["Rappel : permanence numérique mardi à la médiathèque."]);
    expect(row).toMatchObject({ status: "SENT", platformMessageId: messages[0]!.id });
  });
});
