import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalDelivery } from "../../src/channels/local/adapter.ts";
import type { InboxPage } from "../../src/channels/local/inbox.ts";
import { RETENTION } from "../../src/config/retention.ts";
import type { Dispatch } from "../../src/core/dispatch.ts";
import type { FileRef, Reply } from "../../src/core/reply.ts";
import { enqueueMessages } from "../../src/delivery/outbox.ts";
import { createDeliveryWorker } from "../../src/delivery/worker.ts";
import { buildServer } from "../../src/http/server.ts";
import { pruneExpiredRows } from "../../src/scheduler/maintenance.ts";
import { createTestBot, silentLog, type TestBot } from "../support/bot.ts";

// Bytes no text encoding would keep as they are: a PNG signature, a zero, every high byte.
const BYTES = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 128, 10, 13, 34, 92]);
const REPORT_NAME = "Bilan COPIL été 2026 (réseau).xlsx";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const withFile = (file: FileRef): Reply => ({
  text: "Voici le bilan annuel pour le COPIL.",
  files: [file],
  visibility: "private",
});

let bot: TestBot;
let app: Awaited<ReturnType<typeof buildServer>>;
beforeAll(async () => {
  bot = await createTestBot();
  // The bot's features that build files come with their own tests; here a member's "export" gets one.
  const dispatch: Dispatch = async (command) =>
    command.input.kind === "text" && command.input.text === "export"
      ? [withFile({ name: REPORT_NAME, mediaType: XLSX, content: BYTES })]
      : bot.dispatch(command);
  app = await buildServer({
    database: bot.db,
    log: silentLog,
    local: { dispatch, networkSlug: "tarn-et-garonne", db: bot.db.prisma },
    startedAt: new Date(),
    demo: true,
  });
});
afterAll(async () => {
  await app.close();
  await bot.close();
});

const post = (payload: object) => app.inject({ method: "POST", url: "/api/local/messages", payload });
const download = (url: string) => app.inject({ method: "GET", url });
const FILE_URL = /^\/api\/local\/files\/([0-9a-f-]{36})\/Bilan%20COPIL%20%C3%A9t%C3%A9%202026%20\(r%C3%A9seau\)\.xlsx$/;

describe("files in the local web chat", () => {
  it("a reply with a file gives a link whose download is the same bytes, named, as an attachment", async () => {
    const res = await post({ user: "demo-coordinator", text: "export" });
    expect(res.statusCode).toBe(200);
    const [file] = res.json().replies[0].files;
    expect(file).toEqual({ name: REPORT_NAME, mediaType: XLSX, url: expect.stringMatching(FILE_URL) });

    const got = await download(file.url);
    expect(got.statusCode).toBe(200);
    expect(new Uint8Array(got.rawPayload)).toEqual(BYTES);
    expect(got.headers["content-type"]).toBe(XLSX);
    expect(got.headers["content-length"]).toBe(String(BYTES.length));
    expect(got.headers["content-disposition"]).toBe(
      `attachment; filename="Bilan COPIL ete 2026 (reseau).xlsx"; filename*=UTF-8''Bilan%20COPIL%20%C3%A9t%C3%A9%202026%20%28r%C3%A9seau%29.xlsx`,
    );
    expect(got.headers["cache-control"]).toMatch(/^private\b/);
    expect(got.headers["x-content-type-options"]).toBe("nosniff");

    const stored = await bot.db.prisma.generatedFile.findUniqueOrThrow({ where: { id: FILE_URL.exec(file.url)![1]! } });
    const coordinator = await bot.db.prisma.platformIdentity.findFirstOrThrow({
      where: { platform: "local", externalId: "demo-coordinator" },
    });
    expect(stored).toMatchObject({
      networkId: bot.networkId,
      memberId: coordinator.memberId,
      name: REPORT_NAME,
      mediaType: XLSX,
    });
  });

  it("someone who is not a member yet still gets the file, kept for the network the chat serves", async () => {
    const [file] = (await post({ user: "visitor-7", text: "export" })).json().replies[0].files;
    const stored = await bot.db.prisma.generatedFile.findUniqueOrThrow({ where: { id: FILE_URL.exec(file.url)![1]! } });
    expect(stored).toMatchObject({ networkId: bot.networkId, memberId: null });
  });

  it("replies without files are untouched and store nothing", async () => {
    const before = await bot.db.prisma.generatedFile.count();
    const res = await post({ user: "demo-adviser", text: "aide" });
    expect(res.json().replies[0].files).toBeUndefined();
    expect(await bot.db.prisma.generatedFile.count()).toBe(before);
  });

  it("an unknown, malformed or expired link is a 404 with a reason", async () => {
    for (const url of [
      "/api/local/files/6f1c2a0e-0000-4000-8000-000000000000/x.csv",
      "/api/local/files/not-an-id/x.csv",
      "/api/local/files/1%27%20OR%201=1/x.csv",
    ]) {
      const res = await download(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error).toEqual({ code: "file_not_found", message: expect.stringContaining("7 days") });
    }
    const [file] = (await post({ user: "demo-adviser", text: "export" })).json().replies[0].files;
    const id = FILE_URL.exec(file.url)![1]!;
    await bot.db.prisma.generatedFile.update({
      where: { id },
      data: { createdAt: new Date(Date.now() - RETENTION.generatedFilesMs - 60_000) },
    });
    expect((await download(file.url)).statusCode).toBe(404);
  });

  it("a file the bot sends on its own initiative reaches the inbox as a link, through the outbox", async () => {
    const db = bot.db.prisma;
    const chart = withFile({ name: "activité-novembre.png", mediaType: "image/png", content: BYTES });
    await enqueueMessages(db, [
      {
        networkId: bot.networkId,
        idempotencyKey: "test:local:file:1",
        platform: "local",
        target: { to: "member", id: "demo-cls" },
        reply: chart,
        category: "digest",
        notBefore: new Date(Date.now() - 1000),
      },
    ]);
    await createDeliveryWorker({
      db,
      adapter: createLocalDelivery(db, { networkSlug: "tarn-et-garonne" }),
      log: silentLog,
    }).runOnce();
    const res = await app.inject({
      method: "GET",
      url: `/api/local/inbox?user=demo-cls&since=${encodeURIComponent("2000-01-01T00:00:00Z")}`,
    });
    const [message] = (res.json() as InboxPage).messages;
    expect(message!.reply.files).toEqual([
      {
        name: "activité-novembre.png",
        mediaType: "image/png",
        url: expect.stringMatching(/^\/api\/local\/files\/[0-9a-f-]{36}\/activit%C3%A9-novembre\.png$/),
      },
    ]);
    const got = await download(message!.reply.files![0]!.url!);
    expect(new Uint8Array(got.rawPayload)).toEqual(BYTES);
    expect(got.headers["content-type"]).toBe("image/png");
    expect(got.headers["content-disposition"]).toBe(
      `attachment; filename="activite-novembre.png"; filename*=UTF-8''activit%C3%A9-novembre.png`,
    );
  });

  it("an edited message with a file links it too", async () => {
    const local = createLocalDelivery(bot.db.prisma);
    const sent = await local.deliver(
      { to: "member", id: "demo-intern" },
      { text: "Préparation…", visibility: "private" },
    );
    const id = (sent as { platformMessageId: string }).platformMessageId;
    expect(
      await local.edit(
        { to: "member", id: "demo-intern" },
        id,
        withFile({ name: "guide.pdf", mediaType: "application/pdf", content: BYTES }),
      ),
    ).toEqual({ kind: "sent", platformMessageId: id });
    const row = await bot.db.prisma.localInboxMessage.findUniqueOrThrow({ where: { id } });
    const url = (row.payload as unknown as Reply).files![0]!.url!;
    expect(new Uint8Array((await download(url)).rawPayload)).toEqual(BYTES);
  });

  it("the chat page offers each file as a download", async () => {
    const page = (await app.inject({ method: "GET", url: "/" })).body;
    expect(page).toContain("a.download = f.name");
  });
});

describe("retention of the web chat's files", () => {
  it("files are pruned after 7 days; younger ones stay", async () => {
    const db = bot.db.prisma;
    await db.generatedFile.deleteMany({});
    const now = new Date("2026-11-23T03:17:00Z");
    const at = (ms: number) => new Date(now.getTime() - ms);
    const file = (name: string, createdAt: Date) => ({
      networkId: bot.networkId,
      name,
      mediaType: "text/csv",
      content: Uint8Array.from([59, 10]),
      createdAt,
    });
    await db.generatedFile.createMany({
      data: [file("old.csv", at(RETENTION.generatedFilesMs + 1)), file("six-days.csv", at(6 * 24 * 3600_000))],
    });
    expect((await pruneExpiredRows(db, now)).generatedFiles).toBe(1);
    expect((await db.generatedFile.findMany({ select: { name: true } })).map((f) => f.name)).toEqual(["six-days.csv"]);
    expect(RETENTION.generatedFilesMs).toBe(7 * 24 * 3600_000);
  });
});
