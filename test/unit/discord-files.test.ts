import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ATTACHMENT_BYTES_MAX } from "../../src/channels/discord/uploads.ts";
import type { InboundCommand } from "../../src/core/inbound.ts";
import type { FileRef, Reply } from "../../src/core/reply.ts";
import { type DiscordHarness, startDiscordHarness } from "../fakes/discord/harness.ts";
import { snowflake } from "../fakes/discord/ids.ts";
import type { FakeAttachment } from "../fakes/discord/multipart.ts";
import { choiceLabels } from "../fakes/discord/press.ts";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A real PNG (a chart, as far as Discord can tell). */
function png(width: number, height: number): Uint8Array {
  const image = new PNG({ width, height });
  image.data.fill(0x80);
  return new Uint8Array(PNG.sync.write(image));
}

// Any bytes after a zip header: what matters is that the member gets exactly these, under this name.
const spreadsheet = (name = "rapport-copil-2026.xlsx", bytes = 4096): FileRef => ({
  name,
  mediaType: XLSX_TYPE,
  content: new Uint8Array(Buffer.concat([Buffer.from("PK\u0003\u0004"), randomBytes(bytes - 4)])),
});
const chart: FileRef = { name: "indicateurs-2026.png", mediaType: "image/png", content: png(800, 400) };
const again = [{ id: "export:again", label: "Recommencer" }];

/** A stand-in core: each command word answers with files of one kind. */
const answers: Record<string, () => Reply[]> = {};
async function core(command: InboundCommand): Promise<Reply[]> {
  const input = command.input;
  if (input.kind === "action") return [{ text: `choisi : ${input.actionId}`, visibility: "private" }];
  if (input.kind !== "text") return [];
  const word = input.text.split(" ")[0]!;
  if (word === "valider") await sleep(300);
  return answers[word]?.() ?? [{ text: "ok", visibility: "private" }];
}

const same = (attachment: FakeAttachment | undefined, file: FileRef) =>
  attachment !== undefined &&
  attachment.filename === file.name &&
  Buffer.from(attachment.bytes).equals(Buffer.from(file.content!));

describe("Discord files", () => {
  let harness: DiscordHarness;
  /** A bot that waits only 50 ms for the core before deferring its answer. */
  let slow: DiscordHarness;
  beforeAll(async () => {
    harness = await startDiscordHarness(core);
    slow = await startDiscordHarness(core, { adapter: { ackAfterMs: 50 } });
  });
  afterAll(async () => {
    await harness?.close();
    await slow?.close();
  });
  const lastRecord = (h: DiscordHarness) => [...h.fake.rest.interactions.values()].at(-1)!;

  it("a command answered with a spreadsheet and a chart brings both files, with their names and bytes, under the text and buttons", async () => {
    const xlsx = spreadsheet();
    answers.indicateurs = () => [
      { text: "Voici l’export et le graphique.", choices: again, files: [xlsx, chart], visibility: "private" },
    ];
    const seen = await harness.driver.send("alice", "indicateurs");
    expect(seen.map((r) => [r.text, r.choices, r.private])).toEqual([
      ["Voici l’export et le graphique.", ["Recommencer"], true],
    ]);
    const answer = lastRecord(harness).original!;
    expect(answer.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ["rapport-copil-2026.xlsx", XLSX_TYPE],
      ["indicateurs-2026.png", "image/png"],
    ]);
    expect(same(answer.attachments[0], xlsx)).toBe(true);
    expect(same(answer.attachments[1], chart)).toBe(true);
    expect((await harness.driver.press("alice", "Recommencer")).map((r) => r.text)).toEqual(["choisi : export:again"]);
  });

  it("a file name with accents and spaces reaches the member as it was written", async () => {
    const file = spreadsheet("Bilan activité été 2026.xlsx");
    answers.membres = () => [{ text: "Export prêt.", files: [file], visibility: "public" }];
    await harness.driver.send("bruno", "membres");
    const answer = lastRecord(harness).original!;
    expect(answer.flags & 64).toBe(0);
    expect(same(answer.attachments[0], file)).toBe(true);
  });

  it("when the answer is late, the files come with the message that replaces “thinking…”", async () => {
    const xlsx = spreadsheet();
    answers.valider = () => [{ text: "Export validé.", files: [xlsx, chart], visibility: "private" }];
    const seen = await slow.driver.send("chloe", "valider");
    expect(seen.map((r) => r.text)).toEqual(["Export validé."]);
    const record = lastRecord(slow);
    expect(record.ack?.type).toBe(5);
    expect(record.refused).toEqual([]);
    expect(same(record.original!.attachments[0], xlsx) && same(record.original!.attachments[1], chart)).toBe(true);
  });

  it("a file alone, with no text, is still a message", async () => {
    answers.groupes = () => [{ text: "", files: [chart], visibility: "private" }];
    await harness.driver.send("chloe", "groupes");
    expect(same(lastRecord(harness).original!.attachments[0], chart)).toBe(true);
  });

  it("a delivery on the bot's own initiative uploads its files; a file known only by its link stays a link", async () => {
    const member = snowflake();
    const xlsx = spreadsheet();
    const link: FileRef = { name: "guide.pdf", mediaType: "application/pdf", url: "https://example.org/guide.pdf" };
    const outcome = await harness.adapter.deliver(
      { to: "member", id: member },
      { text: "Votre export mensuel.", choices: again, files: [xlsx, link], visibility: "private" },
    );
    const [message] = harness.fake.rest.channels.messages.get(harness.fake.rest.channels.dmOf(member)!.id)!;
    expect(outcome).toEqual({ kind: "sent", platformMessageId: message!.id });
    expect(message!.content).toBe("Votre export mensuel.\nguide.pdf: https://example.org/guide.pdf");
    expect(choiceLabels(message!)).toEqual(["Recommencer"]);
    expect(message!.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ["rapport-copil-2026.xlsx", XLSX_TYPE],
    ]);
    expect(same(message!.attachments[0], xlsx)).toBe(true);

    const channel = harness.fake.channelId;
    await harness.adapter.deliver(
      { to: "conversation", id: channel },
      { text: "Le graphique du mois.", files: [chart], visibility: "public" },
    );
    expect(same(harness.fake.rest.channels.messages.get(channel)!.at(-1)!.attachments[0], chart)).toBe(true);
  });

  it("a file over Discord's 10 MiB is left out and logged; the text and the other files still arrive", async () => {
    const huge: FileRef = {
      name: "archives.xlsx",
      mediaType: XLSX_TYPE,
      content: new Uint8Array(ATTACHMENT_BYTES_MAX + 1),
    };
    answers.diffusions = () => [{ text: "Voici les archives.", files: [huge, chart], visibility: "private" }];
    const seen = await harness.driver.send("denis", "diffusions");
    expect(seen.map((r) => r.text)).toEqual(["Voici les archives."]);
    expect(lastRecord(harness).original!.attachments.map((a) => a.filename)).toEqual(["indicateurs-2026.png"]);
    expect(harness.logs.filter((l) => l.level === 40 && l.file === "archives.xlsx").map((l) => l.msg)).toEqual([
      "a file too large for one Discord message was not sent",
    ]);
    expect(harness.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });
});
