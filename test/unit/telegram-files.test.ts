import { randomBytes } from "node:crypto";
import { PNG } from "pngjs";
import { afterEach, describe, expect, it } from "vitest";
import { TELEGRAM_LIMITS, TELEGRAM_UPLOAD_MAX_BYTES } from "../../src/channels/telegram/limits.ts";
import { type FileRef, type Reply, say } from "../../src/core/reply.ts";
import { createTelegramDriver, GROUP, type TelegramHarness } from "../fakes/telegram/driver.ts";
import { capturingLog, recordingDispatch } from "../fakes/telegram/support.ts";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A real PNG (a chart, as far as Telegram can tell) of the given size. */
function png(width: number, height: number): Uint8Array {
  const image = new PNG({ width, height });
  image.data.fill(0x80);
  return new Uint8Array(PNG.sync.write(image));
}

function spreadsheet(name = "rapport-copil-2026.xlsx", bytes = 4096): FileRef {
  // Any bytes: what matters is that the member gets exactly these, under this name.
  return { name, mediaType: XLSX_TYPE, content: new Uint8Array(randomBytes(bytes)) };
}

const chart = (width = 800, height = 400): FileRef => ({
  name: "indicateurs-2026.png",
  mediaType: "image/png",
  content: png(width, height),
});

describe("Telegram files", () => {
  let driver: TelegramHarness | undefined;
  afterEach(async () => {
    await driver?.close();
    driver = undefined;
  });

  async function start(answer: () => Reply[], options: Parameters<typeof createTelegramDriver>[1] = {}) {
    const captured = capturingLog();
    driver = await createTelegramDriver(recordingDispatch(answer), { log: captured.log, ...options });
    return { driver, logs: captured.entries };
  }

  it("an export arrives as a document under its own name with identical bytes, and a chart as a photo", async () => {
    const xlsx = spreadsheet();
    const image = chart();
    const { driver } = await start(() => [
      { text: "Voici l’export et le graphique.", files: [xlsx, image], visibility: "private" },
    ]);
    const seen = await driver.send("alice", "export");
    expect(seen.map((r) => r.text)).toEqual(["Voici l’export et le graphique.", "rapport-copil-2026.xlsx", ""]);

    const [document] = driver.fake.callsOf("sendDocument");
    expect(document!.upload).toMatchObject({ fileName: "rapport-copil-2026.xlsx", mimeType: XLSX_TYPE });
    expect(Buffer.from(document!.upload!.bytes).equals(Buffer.from(xlsx.content!))).toBe(true);
    expect(document!.message!.document).toMatchObject({
      file_name: "rapport-copil-2026.xlsx",
      mime_type: XLSX_TYPE,
      file_size: 4096,
    });

    const [photo] = driver.fake.callsOf("sendPhoto");
    expect(Buffer.from(photo!.upload!.bytes).equals(Buffer.from(image.content!))).toBe(true);
    expect(photo!.message!.photo!.at(-1)).toMatchObject({ width: 800, height: 400 });
  });

  it("a file name with accents and spaces reaches the member as it was written", async () => {
    const { driver } = await start(() => [
      { text: "Export prêt.", files: [spreadsheet("Bilan activité été 2026.xlsx")], visibility: "private" },
    ]);
    await driver.send("alice", "export");
    expect(driver.fake.callsOf("sendDocument")[0]!.message!.document!.file_name).toBe("Bilan activité été 2026.xlsx");
  });

  it("a reply with text, buttons and a file shows the text with its buttons first, then the file; the buttons still work", async () => {
    const { driver } = await start(() => [
      { ...say("Votre export est prêt.", [{ id: "export:again", label: "Refaire l’export" }]), files: [spreadsheet()] },
    ]);
    const seen = await driver.send("alice", "export");
    expect(seen).toEqual([
      { text: "Votre export est prêt.", choices: ["Refaire l’export"], private: true },
      { text: "rapport-copil-2026.xlsx", choices: [], private: true },
    ]);
    const again = await driver.press("alice", "Refaire l’export");
    expect(again.map((r) => r.text)).toEqual(["Votre export est prêt.", "rapport-copil-2026.xlsx"]);
  });

  it("a file too large for Telegram is left out with a log, and the text and other files still arrive", async () => {
    const huge: FileRef = {
      name: "archive-complete.xlsx",
      mediaType: XLSX_TYPE,
      content: new Uint8Array(TELEGRAM_UPLOAD_MAX_BYTES + 1),
    };
    const { driver, logs } = await start(() => [
      { text: "Voici les fichiers demandés.", files: [huge, spreadsheet()], visibility: "private" },
    ]);
    const seen = await driver.send("alice", "export");
    expect(seen.map((r) => r.text)).toEqual(["Voici les fichiers demandés.", "rapport-copil-2026.xlsx"]);
    expect(driver.fake.callsOf("sendDocument").map((c) => c.upload?.fileName)).toEqual(["rapport-copil-2026.xlsx"]);
    const skipped = logs.filter((l) => l.msg === "file too large for Telegram; not sent");
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ file: "archive-complete.xlsx", bytes: TELEGRAM_UPLOAD_MAX_BYTES + 1 });
  });

  it("an image beyond Telegram's photo limits goes as a document instead of a cropped photo", async () => {
    const { driver } = await start(() => [
      { text: "Frise de l’année.", files: [{ ...chart(4200, 150), name: "frise-2026.png" }], visibility: "private" },
    ]);
    const seen = await driver.send("alice", "frise");
    expect(seen.map((r) => r.text)).toEqual(["Frise de l’année.", "frise-2026.png"]);
    expect(driver.fake.callsOf("sendPhoto")).toHaveLength(0);
    expect(driver.fake.callsOf("sendDocument")[0]!.message!.document).toMatchObject({
      file_name: "frise-2026.png",
      mime_type: "image/png",
    });
  });

  it("an upload that meets a server error is sent again; one Telegram refuses is not, and the next file still goes", async () => {
    const { driver, logs } = await start(() => [
      { text: "Deux fichiers.", files: [spreadsheet("a.xlsx"), spreadsheet("b.xlsx")], visibility: "private" },
    ]);
    driver.fake.failNext("sendDocument", { status: 500 });
    let seen = await driver.send("alice", "export");
    expect(seen.map((r) => r.text)).toEqual(["Deux fichiers.", "a.xlsx", "b.xlsx"]);
    expect(driver.fake.callsOf("sendDocument").map((c) => c.status)).toEqual([500, 200, 200]);

    driver.fake.failNext("sendDocument", { status: 400, description: "Bad Request: wrong file identifier" });
    seen = await driver.send("alice", "export");
    expect(seen.map((r) => r.text)).toEqual(["Deux fichiers.", "b.xlsx"]);
    expect(
      driver.fake
        .callsOf("sendDocument")
        .slice(3)
        .map((c) => c.status),
    ).toEqual([400, 200]);
    expect(logs.filter((l) => l.msg === "Telegram rejected a message")).toHaveLength(1);
  });

  it("a reply with several files is paced like messages: no 429, all of them arrive", async () => {
    const files = [1, 2, 3].map((n) => spreadsheet(`fiche-${n}.xlsx`, 256));
    // Telegram's own windows (3 messages in 3 s per chat): shorter ones would be within HTTP jitter under load.
    const { driver } = await start(
      () => [{ text: "Les trois fiches et le graphique.", files: [...files, chart()], visibility: "private" }],
      { limits: TELEGRAM_LIMITS },
    );
    const seen = await Promise.all([driver.send("alice", "fiches"), driver.send("bob", "fiches")]);
    expect(seen.map((s) => s.length)).toEqual([5, 5]);
    const uploads = [...driver.fake.callsOf("sendDocument"), ...driver.fake.callsOf("sendPhoto")];
    expect(uploads.every((c) => c.status === 200)).toBe(true);
  });

  it("in a group, a file meant for one member replies to their message", async () => {
    const { driver } = await start(() => [{ text: "Votre export.", files: [spreadsheet()], visibility: "private" }]);
    const seen = await driver.send("alice", "export", "group");
    expect(seen).toEqual([
      { text: "Votre export.", choices: [], private: true },
      { text: "rapport-copil-2026.xlsx", choices: [], private: true },
    ]);
    expect(
      driver.fake.sentMessages(GROUP.id).every((m) => m.reply_to_message?.from?.id === driver!.user("alice").id),
    ).toBe(true);
  });

  it("a delivered reply with a file reaches the member; the id kept is the text's, which an edit can replace", async () => {
    const { driver } = await start(() => []);
    driver.fake.openPrivateChat(driver.user("alice"));
    const target = { to: "member" as const, id: driver.externalId("alice") };
    const image = chart();
    const outcome = await driver.adapter.deliver(target, {
      text: "Les indicateurs de la semaine.",
      files: [spreadsheet(), image],
      visibility: "private",
    });
    const [text, document, photo] = driver.fake.sentMessages(driver.user("alice").id);
    expect(outcome).toEqual({ kind: "sent", platformMessageId: String(text!.message_id) });
    expect(document!.document!.file_name).toBe("rapport-copil-2026.xlsx");
    expect(photo!.photo).toBeDefined();
    expect(Buffer.from(driver.fake.callsOf("sendPhoto")[0]!.upload!.bytes).equals(Buffer.from(image.content!))).toBe(
      true,
    );

    const edited = await driver.adapter.edit(
      target,
      outcome.kind === "sent" ? outcome.platformMessageId : "",
      say("Les indicateurs de la semaine (mis à jour)."),
    );
    expect(edited.kind).toBe("sent");
  });

  it("a delivery whose only file is too large reports that nothing could be sent", async () => {
    const { driver, logs } = await start(() => []);
    driver.fake.openPrivateChat(driver.user("alice"));
    const huge: FileRef = {
      name: "archive.xlsx",
      mediaType: XLSX_TYPE,
      content: new Uint8Array(TELEGRAM_UPLOAD_MAX_BYTES + 1),
    };
    const outcome = await driver.adapter.deliver(
      { to: "member", id: driver.externalId("alice") },
      { text: "", files: [huge], visibility: "private" },
    );
    expect(outcome.kind).toBe("failed");
    expect(driver.fake.callsOf("sendDocument")).toHaveLength(0);
    expect(logs.some((l) => l.msg === "file too large for Telegram; not sent")).toBe(true);
  });

  it("a delivered file Telegram refuses fails the delivery instead of being retried forever", async () => {
    const { driver } = await start(() => []);
    driver.fake.openPrivateChat(driver.user("alice"));
    driver.fake.failNext("sendPhoto", { status: 400, description: "Bad Request: IMAGE_PROCESS_FAILED" });
    const outcome = await driver.adapter.deliver(
      { to: "member", id: driver.externalId("alice") },
      { text: "Graphique.", files: [chart()], visibility: "private" },
    );
    expect(outcome).toMatchObject({ kind: "failed", reason: expect.stringContaining("IMAGE_PROCESS_FAILED") });
  });

  it("a file name with accents arrives whole, quoted in the upload header as RFC 7578 wants", async () => {
    const file = { ...spreadsheet(), name: "Émargement atelier café.xlsx" };
    const { driver } = await start(() => [{ text: "", files: [file], visibility: "private" }]);
    await driver.send("alice", "export");
    const [document] = driver.fake.callsOf("sendDocument");
    expect(document!.upload).toMatchObject({ fileName: "Émargement atelier café.xlsx", fileNameQuoted: true });
  });

  it("a file known only by a link that Telegram cannot fetch by URL (not GIF, PDF or ZIP) arrives as the link", async () => {
    const pdf = { name: "programme.pdf", mediaType: "application/pdf", url: "https://exemple.fr/programme.pdf" };
    const sheet = { name: "inscrits.xlsx", mediaType: XLSX_TYPE, url: "https://exemple.fr/inscrits.xlsx" };
    const { driver } = await start(() => [{ text: "Les fichiers :", files: [pdf, sheet], visibility: "private" }]);
    const seen = await driver.send("alice", "fichiers");
    expect(driver.fake.callsOf("sendDocument").map((c) => c.params.document)).toEqual([
      "https://exemple.fr/programme.pdf",
    ]);
    expect(seen.map((r) => r.text)).toContain("inscrits.xlsx\nhttps://exemple.fr/inscrits.xlsx");
  });
});
