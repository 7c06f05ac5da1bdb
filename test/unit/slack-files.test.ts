import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { FileRef, Reply } from "../../src/core/reply.ts";
import { FAST, type SlackHarness, startSlackHarness } from "../fakes/slack/harness.ts";
import { directMessage, slashCommand, TEAM_ID } from "../fakes/slack/requests.ts";

type Json = Record<string, any>;
const alice = { userId: "UALICE", name: "alice" };
const GENERAL = { channelId: "C0GENERAL", channelName: "general" };

// Binary contents with every byte value, behind the real signatures: a ZIP (XLSX) and a PNG.
const xlsx: FileRef = {
  name: "indicateurs-novembre.xlsx",
  mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  content: new Uint8Array(
    Buffer.concat([
      Buffer.from("PK\x03\x04", "latin1"),
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      randomBytes(20_000),
    ]),
  ),
};
const png: FileRef = {
  name: "activites.png",
  mediaType: "image/png",
  content: new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(3_000)]),
  ),
};
const exportReply = (visibility: Reply["visibility"]): Reply => ({
  text: "Voici les indicateurs de novembre.",
  choices: [{ id: "indicators:month:prev", label: "Mois précédent" }],
  files: [xlsx, png],
  visibility,
});

describe("slack: files a member receives", () => {
  let harness: SlackHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  async function start(replies: Reply[], fake = { channelIntervalMs: 50 }): Promise<SlackHarness> {
    harness = await startSlackHarness(async () => replies, {
      fake,
      adapter: { ...FAST, channelIntervalMs: fake.channelIntervalMs, deliveryIntervalMs: 0, deliveryRetryMs: 1234 },
    });
    harness.fake.addUser("UALICE", { realName: "Alice Martin", locale: "fr-FR" });
    return harness;
  }
  async function command(h: SlackHarness, text: string): Promise<void> {
    await h.post(slashCommand(alice, text, GENERAL, h.fake.newResponseUrl()));
    await h.adapter.idle();
  }
  const calls = (h: SlackHarness, method: string) => h.fake.calls.filter((c) => c.method === method);
  const shared = (h: SlackHarness) => [...h.fake.files.values()].filter((f) => f.channel);
  const bytesOf = (file: FileRef) => Buffer.from(file.content!);
  const buttons = (body: Json) =>
    ((body.blocks ?? []) as Json[])
      .filter((b) => b.type === "actions")
      .flatMap((b) => b.elements as Json[])
      .map((e) => e.text.text);
  const texts = (body: Json) =>
    ((body.blocks ?? []) as Json[]).filter((b) => b.type === "section").map((b) => b.text.text);

  it("a command answered in the channel with a spreadsheet and a chart shows both there, byte for byte, beside the text and buttons", async () => {
    const h = await start([exportReply("public")]);
    await command(h, "indicateurs");

    const [posted] = calls(h, "chat.postMessage");
    expect(posted!.body.channel).toBe("C0GENERAL");
    expect(texts(posted!.body)).toEqual(["Voici les indicateurs de novembre."]);
    expect(buttons(posted!.body)).toEqual(["Mois précédent"]);
    // The files are uploads, not links in the message.
    expect(texts(posted!.body).join()).not.toContain(".xlsx");

    const files = shared(h);
    expect(files.map((f) => [f.filename, f.title, f.channel])).toEqual([
      ["indicateurs-novembre.xlsx", "indicateurs-novembre.xlsx", "C0GENERAL"],
      ["activites.png", "activites.png", "C0GENERAL"],
    ]);
    expect(files[0]!.bytes!.equals(bytesOf(xlsx))).toBe(true);
    expect(files[1]!.bytes!.equals(bytesOf(png))).toBe(true);
    // Both shared together, in one message, after the text.
    expect(calls(h, "files.completeUploadExternal")).toHaveLength(1);
    expect(h.fake.calls.findIndex((c) => c.method === "files.completeUploadExternal")).toBeGreaterThan(
      h.fake.calls.indexOf(posted!),
    );
    expect(h.fake.calls.filter((c) => c.status !== 200)).toEqual([]);
  });

  it("a private answer to a command in a channel shows its text to the member there, and its files reach them in their direct messages", async () => {
    const h = await start([exportReply("private")]);
    await command(h, "indicateurs");

    const [hook] = calls(h, "response_url");
    expect(hook!.body.response_type).toBe("ephemeral");
    expect(texts(hook!.body)).toEqual(["Voici les indicateurs de novembre."]);
    expect(buttons(hook!.body)).toEqual(["Mois précédent"]);
    // Slack cannot share a file ephemerally: it goes to the bot's DM with Alice, the text above it.
    expect(calls(h, "conversations.open").map((c) => c.body.users)).toEqual(["UALICE"]);
    const files = shared(h);
    expect(files.map((f) => [f.filename, f.channel])).toEqual([
      ["indicateurs-novembre.xlsx", "DALICE"],
      ["activites.png", "DALICE"],
    ]);
    expect(files[0]!.initialComment).toBe("Voici les indicateurs de novembre.");
    expect(files.map((f) => f.bytes!.equals(bytesOf(f.filename === xlsx.name ? xlsx : png)))).toEqual([true, true]);
    expect(calls(h, "chat.postMessage")).toEqual([]);
  });

  it("an answer in the member's direct messages brings its files into the same conversation", async () => {
    const h = await start([exportReply("private")]);
    await h.post(directMessage(alice, "indicateurs", "DALICE"));
    await h.adapter.idle();

    expect(calls(h, "chat.postMessage").map((c) => c.body.channel)).toEqual(["DALICE"]);
    expect(shared(h).map((f) => [f.filename, f.channel, f.initialComment])).toEqual([
      ["indicateurs-novembre.xlsx", "DALICE", undefined],
      ["activites.png", "DALICE", undefined],
    ]);
    expect(calls(h, "conversations.open")).toEqual([]);
  });

  it("the text and the files of an answer take turns in the conversation: Slack never has to refuse one", async () => {
    const h = await start([exportReply("private"), { text: "Autre chose ?", visibility: "private" }], {
      channelIntervalMs: 300,
    });
    await h.post(directMessage(alice, "indicateurs", "DALICE"));
    await h.adapter.idle();

    const writes = h.fake.calls.filter(
      (c) => c.method === "chat.postMessage" || c.method === "files.completeUploadExternal",
    );
    expect(writes.map((c) => [c.method, c.status])).toEqual([
      ["chat.postMessage", 200],
      ["files.completeUploadExternal", 200],
      ["chat.postMessage", 200],
    ]);
    expect(h.fake.calls.filter((c) => c.status === 429)).toEqual([]);
  });

  it("a file with only a link stays a link in the message, and nothing is uploaded", async () => {
    const link: Reply = {
      text: "Le guide du réseau",
      files: [{ name: "guide.pdf", mediaType: "application/pdf", url: "https://example.org/guide.pdf" }],
      visibility: "public",
    };
    const h = await start([link]);
    await command(h, "guide");

    const [posted] = calls(h, "chat.postMessage");
    const mrkdwn = ((posted!.body.blocks ?? []) as Json[])
      .filter((b) => b.text?.type === "mrkdwn")
      .map((b) => b.text.text);
    expect(mrkdwn).toEqual(["<https://example.org/guide.pdf|guide.pdf>"]);
    expect(h.fake.calls.filter((c) => c.method.startsWith("files.") || c.method === "upload_url")).toEqual([]);
  });

  it("a channel where the bot cannot share files still gets the text, and the member gets the files in their direct messages", async () => {
    const h = await start([exportReply("public")]);
    h.fake.failNext("files.completeUploadExternal", { error: "not_in_channel" });
    await command(h, "indicateurs");

    expect(calls(h, "chat.postMessage").map((c) => c.body.channel)).toEqual(["C0GENERAL"]);
    expect(calls(h, "files.completeUploadExternal").map((c) => [c.body.channel_id, c.error])).toEqual([
      ["C0GENERAL", "not_in_channel"],
      ["DALICE", undefined],
    ]);
    expect(shared(h).map((f) => [f.filename, f.channel, f.initialComment])).toEqual([
      ["indicateurs-novembre.xlsx", "DALICE", "Voici les indicateurs de novembre."],
      ["activites.png", "DALICE", "Voici les indicateurs de novembre."],
    ]);
  });

  it("an upload Slack's servers fail is tried again and the member gets the files", async () => {
    const h = await start([{ text: "", files: [png], visibility: "private" }]);
    h.fake.failNext("upload_url", { status: 503 });
    await h.post(directMessage(alice, "graphique", "DALICE"));
    await h.adapter.idle();

    expect(calls(h, "upload_url").map((c) => c.status)).toEqual([503, 200]);
    // A reply that is only a file needs no message.
    expect(calls(h, "chat.postMessage")).toEqual([]);
    expect(shared(h).map((f) => [f.filename, f.channel, f.bytes!.equals(bytesOf(png))])).toEqual([
      ["activites.png", "DALICE", true],
    ]);
  });
});

describe("slack: files delivered on the bot's initiative", () => {
  let harness: SlackHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  async function start(): Promise<SlackHarness> {
    harness = await startSlackHarness(async () => [], {
      fake: { channelIntervalMs: 50 },
      adapter: { ...FAST, deliveryIntervalMs: 0, deliveryRetryMs: 1234 },
    });
    harness.fake.addUser("UALICE", { realName: "Alice Martin", locale: "fr-FR" });
    return harness;
  }
  const member = { to: "member" as const, id: `${TEAM_ID}:UALICE` };
  const shared = (h: SlackHarness) => [...h.fake.files.values()].filter((f) => f.channel);

  it("a report delivered to a member brings its files into their direct messages, then its text and buttons, which can be edited", async () => {
    const h = await start();
    const outcome = await h.adapter.deliver(member, exportReply("private"));

    expect(outcome).toEqual({ kind: "sent", platformMessageId: expect.stringMatching(/^DALICE:\d+\.\d+$/) });
    expect(
      shared(h).map((f) => [
        f.filename,
        f.channel,
        f.bytes!.equals(Buffer.from((f.filename === xlsx.name ? xlsx : png).content!)),
      ]),
    ).toEqual([
      ["indicateurs-novembre.xlsx", "DALICE", true],
      ["activites.png", "DALICE", true],
    ]);
    const [posted] = h.fake.calls.filter((c) => c.method === "chat.postMessage");
    expect(
      (posted!.body.blocks as Json[]).find((b) => b.type === "actions")!.elements.map((e: Json) => e.text.text),
    ).toEqual(["Mois précédent"]);
    expect(
      (
        await h.adapter.edit(member, (outcome as { platformMessageId: string }).platformMessageId, {
          text: "Indicateurs mis à jour",
          visibility: "private",
        })
      ).kind,
    ).toBe("sent");
  });

  it("a file delivered to a channel is shared there", async () => {
    const h = await start();
    const outcome = await h.adapter.deliver(
      { to: "conversation", id: "C0GENERAL" },
      { text: "", files: [xlsx], visibility: "public" },
    );
    expect(outcome).toEqual({ kind: "sent", platformMessageId: expect.stringMatching(/^C0GENERAL:F/) });
    expect(shared(h).map((f) => [f.filename, f.channel])).toEqual([["indicateurs-novembre.xlsx", "C0GENERAL"]]);
    expect(h.fake.calls.filter((c) => c.method === "chat.postMessage")).toEqual([]);
  });

  it("files Slack refuses for good fail the delivery, and no text is posted", async () => {
    const h = await start();
    h.fake.archiveChannel("C0OLD");
    const outcome = await h.adapter.deliver({ to: "conversation", id: "C0OLD" }, exportReply("public"));
    expect(outcome).toEqual({ kind: "failed", reason: "files.uploadV2: is_archived" });
    expect(h.fake.calls.filter((c) => c.method === "chat.postMessage")).toEqual([]);
  });

  it("files Slack rate-limits are tried again later, with Slack's wait, and no text is posted meanwhile", async () => {
    const h = await start();
    h.fake.failNext("files.completeUploadExternal", { status: 429, retryAfter: 2 });
    const outcome = await h.adapter.deliver(member, exportReply("private"));
    expect(outcome).toEqual({ kind: "retry", afterMs: 2000, reason: "files.uploadV2: rate limited by Slack" });
    expect(h.fake.calls.filter((c) => c.method === "chat.postMessage")).toEqual([]);
  });
});
