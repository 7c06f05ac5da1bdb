import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeIndicators } from "../../src/features/indicators/compute.ts";
import { buildActivitiesCsv, buildIndicatorsCsv } from "../../src/features/reports/csv.ts";
import { activityPages, type CopilQuery } from "../../src/features/reports/data.ts";
import { ficheSheetNamer, SheetNames } from "../../src/features/reports/sheet-names.ts";
import { buildCopilWorkbook } from "../../src/features/reports/workbook.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";
import {
  columnOf,
  countBy,
  expectedFigures,
  type ReportFixture,
  readWorkbook,
  seedReports,
  sheetRows,
} from "./reports-support.ts";

let bot: TestBot;
let fixture: ReportFixture;
let query: CopilQuery;
let workbookBytes: Uint8Array;
beforeAll(async () => {
  bot = await createTestBot();
  fixture = await seedReports(bot);
  query = {
    networkId: bot.networkId,
    range: { from: { year: 2026, month: 1, day: 1 }, to: { year: 2026, month: 11, day: 22 } },
    locale: "fr",
  };
  workbookBytes = await buildCopilWorkbook(bot.db.prisma, query);
});
afterAll(() => bot.close());

const KIND_LABELS_FR: Record<string, string> = {
  INDIVIDUAL: "Accompagnement individuel",
  COLLECTIVE: "Atelier collectif",
  ONE_OFF: "Demande ponctuelle",
};
const byLabel = (byKind: Record<string, number>) =>
  Object.fromEntries(Object.entries(byKind).map(([k, n]) => [KIND_LABELS_FR[k], n]));

describe("the COPIL workbook", () => {
  it("lists every activity of the period once: rows, participants and kinds as in the database", async () => {
    const rows = sheetRows(await readWorkbook(workbookBytes), "Activités");
    const expected = await expectedFigures(bot, "2026-01-01", "2026-11-22");
    expect(expected.count).toBeGreaterThan(5_000);
    expect(rows).toHaveLength(expected.count + 1);
    expect(columnOf(rows, "Participants").reduce((a: number, n) => a + (n as number), 0)).toBe(expected.participants);
    expect(countBy(columnOf(rows, "Type d’activité"))).toEqual(byLabel(expected.byKind));
    const dates = columnOf(rows, "Date") as Date[];
    expect(dates.every((d) => d instanceof Date)).toBe(true);
    expect(dates[0]!.toISOString().slice(0, 10)).toBe("2026-01-01");
    expect(dates.at(-1)!.toISOString().slice(0, 10)).toBe("2026-11-22");
  });

  it("narrowed to an intercommunality, holds its communes' and sites' activities only", async () => {
    const narrowed: CopilQuery = { ...query, territoryId: fixture.confluences };
    const book = await readWorkbook(await buildCopilWorkbook(bot.db.prisma, narrowed));
    const rows = sheetRows(book, "Activités");
    const expected = await expectedFigures(bot, "2026-01-01", "2026-11-22", fixture.confluencesTerritories);
    expect(expected.count).toBeGreaterThan(1_000);
    expect(rows).toHaveLength(expected.count + 1);
    expect(columnOf(rows, "Participants").reduce((a: number, n) => a + (n as number), 0)).toBe(expected.participants);
    expect(countBy(columnOf(rows, "Type d’activité"))).toEqual(byLabel(expected.byKind));
    expect(new Set(columnOf(rows, "Intercommunalité (EPCI)"))).toEqual(new Set(["CC Terres des Confluences"]));
    const summary = sheetRows(book, "Synthèse");
    const indicators = await computeIndicators(bot.db.prisma, {
      networkId: bot.networkId,
      window: { range: narrowed.range },
      territoryId: fixture.confluences,
    });
    expect(columnOf(summary, "Valeur sur la période")).toEqual(indicators.map((i) => i.value));
    // Only the progress report of the member placed in Terres des Confluences counts.
    expect(indicators.find((i) => i.id === fixture.manualIndicator.id)!.value).toBe(2);
  });

  it("shows a report's coded fields as labels, places named, and never the notes", async () => {
    const book = await readWorkbook(workbookBytes);
    const rows = sheetRows(book, "Activités");
    expect(rows[0]).toEqual([
      "Date",
      "Conseiller",
      "Type d’activité",
      "Durée (min)",
      "Type de lieu",
      "Structure",
      "Commune",
      "Intercommunalité (EPCI)",
      "Participants",
      "Tranches d’âge",
      "Thèmes",
      "Démarches",
      "Matériel",
      "Autonomie",
      "Orientation",
      "Titre de l’atelier",
      "Niveau",
    ]);
    const first = rows.find(
      (r) =>
        r[5] === "Maison départementale des solidarités de Moissac / Castelsarrasin" &&
        (r[0] as Date).toISOString().startsWith("2026-01-01") &&
        r[9] !== null,
    )!;
    expect(first.slice(1)).toEqual([
      "Julien Carrère",
      "Accompagnement individuel",
      60,
      "Structure",
      "Maison départementale des solidarités de Moissac / Castelsarrasin",
      "Moissac",
      "CC Terres des Confluences",
      1,
      "60 ans et plus : 1",
      "Courriels",
      "CAF",
      "Smartphone",
      "En partie autonome",
      "Travailleur social",
      null,
      null,
    ]);
    const workshop = rows.find((r) => r[15] === "Arnaques en ligne")!;
    expect(workshop.slice(2, 11)).toEqual([
      "Atelier collectif",
      120,
      "Autre lieu",
      null,
      "Castelsarrasin",
      "CC Terres des Confluences",
      8,
      "35–60 ans : 3, 60 ans et plus : 5",
      "Sécurité numérique, Intelligence artificielle",
    ]);
    expect(workshop[16]).toBe("débutant");
    const remote = rows.find((r) => r[1] === "Léa Fabre" && r[4] === "À distance")!;
    expect(remote[14]).toBe("oui");
    for (const name of book.SheetNames) expect(JSON.stringify(sheetRows(book, name))).not.toContain("06 12 34 56 78");
  });

  it("sums up every indicator as the chat computes it, and gives each fiche its sheet with its progress reports", async () => {
    const book = await readWorkbook(workbookBytes);
    const indicators = await computeIndicators(bot.db.prisma, {
      networkId: bot.networkId,
      window: { range: query.range },
    });
    const summary = sheetRows(book, "Synthèse");
    expect(summary[0]).toEqual([
      "Plan",
      "Fiche-action",
      "Intitulé de la fiche",
      "Indicateur",
      "Valeur sur la période",
      "Objectif",
      "% de l’objectif",
      "Source",
      "Période de l’objectif",
      "Du",
      "Au",
    ]);
    expect(summary).toHaveLength(indicators.length + 1);
    expect(columnOf(summary, "Indicateur")).toEqual(indicators.map((i) => i.label));
    expect(columnOf(summary, "Valeur sur la période")).toEqual(indicators.map((i) => i.value));
    // No numeric target: an empty cell, as the chat says « pas de cible chiffrée ».
    expect(indicators.some((i) => i.target === null)).toBe(true);
    expect(columnOf(summary, "Objectif")).toEqual(indicators.map((i) => i.target ?? null));
    const manual = summary.find((r) => r[3] === fixture.manualIndicator.label)!;
    expect(manual[4]).toBe(6);
    expect(manual[6]).toBeCloseTo(6 / (manual[5] as number));
    expect(manual[7]).toBe("comptes rendus d’avancement");
    expect((manual[9] as Date).toISOString().slice(0, 10)).toBe("2026-01-01");
    expect((manual[10] as Date).toISOString().slice(0, 10)).toBe("2026-11-22");

    const fiches = new Set(indicators.map((i) => i.fiche.id));
    expect(book.SheetNames).toHaveLength(fiches.size + 2);
    expect(book.SheetNames[0]).toBe("Synthèse");
    expect(book.SheetNames.at(-1)).toBe("Activités");
    expect(book.SheetNames).toContain("2.1");
    const fiche = indicators.find((i) => i.id === fixture.manualIndicator.id)!.fiche;
    const sheet = sheetRows(book, book.SheetNames.find((n) => n === fiche.code || n.endsWith(` ${fiche.code}`))!);
    expect(String(sheet[0]![0])).toContain(fiche.title);
    const progressHeader = sheet.findIndex((r) => r[0] === "Date" && r[2] === "Compte rendu");
    const progress = sheet
      .slice(progressHeader + 1)
      .map((r) => [(r[0] as Date).toISOString().slice(0, 10), ...r.slice(1, 5)]);
    expect(progress).toEqual([
      ["2026-05-10", "Sophie Delmas", "Quatre contacts au salon des internes", fixture.manualIndicator.label, 4],
      ["2026-06-02", "Camille Roques", "Deux contacts à Moissac", fixture.manualIndicator.label, 2],
      ["2026-07-01", "Sophie Delmas", "Réunion de lancement tenue", null, null],
    ]);
  });

  it("reads a period a page at a time, each report once, by date then id, even when a page ends within a day", async () => {
    const week: CopilQuery = {
      ...query,
      range: { from: { year: 2026, month: 3, day: 2 }, to: { year: 2026, month: 3, day: 8 } },
    };
    const read: string[] = [];
    for await (const page of activityPages(bot.db.prisma, week, undefined, 7)) read.push(...page.map((r) => r.id));
    const expected = await bot.db.prisma.activityReport.findMany({
      where: { networkId: bot.networkId, date: { gte: new Date("2026-03-02"), lte: new Date("2026-03-08") } },
      orderBy: [{ date: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    expect(expected.length).toBeGreaterThan(3 * 7);
    expect(read).toEqual(expected.map((r) => r.id));
  });

  it("has valid, unique sheet names, bold frozen header rows and set column widths", async () => {
    const book = await readWorkbook(workbookBytes);
    const lower = book.SheetNames.map((n) => n.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
    for (const name of book.SheetNames) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(Buffer.from(workbookBytes) as unknown as ExcelJS.Buffer);
    for (const name of ["Synthèse", "Activités"]) {
      const sheet = read.getWorksheet(name)!;
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet.getColumn(1).width).toBeGreaterThan(5);
    }
    expect(read.getWorksheet("Activités")!.getCell("A2").numFmt).toBe("dd/mm/yyyy");
  });

  it("speaks English when asked: sheet names, headers and labels", async () => {
    const book = await readWorkbook(await buildCopilWorkbook(bot.db.prisma, { ...query, locale: "en" }));
    expect(book.SheetNames[0]).toBe("Summary");
    expect(book.SheetNames.at(-1)).toBe("Activities");
    const rows = sheetRows(book, "Activities");
    expect(rows[0]!.slice(0, 5)).toEqual(["Date", "Adviser", "Kind of activity", "Duration (min)", "Place type"]);
    expect(new Set(columnOf(rows, "Kind of activity"))).toEqual(
      new Set(["Individual support", "Collective workshop", "One-off request"]),
    );
    expect(sheetRows(book, "Summary")[0]!.slice(3, 8)).toEqual([
      "Indicator",
      "Value over the period",
      "Target",
      "% of target",
      "Source",
    ]);
  });
});

describe("the CSV files", () => {
  const read = (bytes: Uint8Array) =>
    parse(Buffer.from(bytes).toString("utf8"), { delimiter: ";", bom: true }) as string[][];

  it("open in French Excel: BOM, semicolons, CRLF; same columns and rows as the workbook", async () => {
    const bytes = await buildActivitiesCsv(bot.db.prisma, query);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = Buffer.from(bytes).toString("utf8");
    expect(text.split("\r\n")[0]).toBe(
      "\uFEFFDate;Conseiller;Type d’activité;Durée (min);Type de lieu;Structure;Commune;Intercommunalité (EPCI);Participants;Tranches d’âge;Thèmes;Démarches;Matériel;Autonomie;Orientation;Titre de l’atelier;Niveau",
    );
    expect(text).not.toMatch(/[^\r]\n/);
    const rows = read(bytes);
    const expected = await expectedFigures(bot, "2026-01-01", "2026-11-22");
    expect(rows).toHaveLength(expected.count + 1);
    expect(rows[0]).toEqual(sheetRows(await readWorkbook(workbookBytes), "Activités")[0]);
    expect(columnOf(rows, "Participants").reduce((a: number, n) => a + Number(n), 0)).toBe(expected.participants);
    expect(countBy(columnOf(rows, "Type d’activité"))).toEqual(byLabel(expected.byKind));
    expect(rows[1]![0]).toBe("2026-01-01");
    expect(text).not.toContain("06 12 34 56 78");
  });

  it("narrowed to a territory, count what the database counts there", async () => {
    const rows = read(await buildActivitiesCsv(bot.db.prisma, { ...query, territoryId: fixture.confluences }));
    const expected = await expectedFigures(bot, "2026-01-01", "2026-11-22", fixture.confluencesTerritories);
    expect(rows).toHaveLength(expected.count + 1);
    expect(columnOf(rows, "Participants").reduce((a: number, n) => a + Number(n), 0)).toBe(expected.participants);
  });

  it("the indicators file has the summary's columns and values, in French or English", async () => {
    const indicators = await computeIndicators(bot.db.prisma, {
      networkId: bot.networkId,
      window: { range: query.range },
    });
    const fr = read(await buildIndicatorsCsv(bot.db.prisma, query));
    expect(fr[0]).toEqual(sheetRows(await readWorkbook(workbookBytes), "Synthèse")[0]);
    expect(fr).toHaveLength(indicators.length + 1);
    expect(columnOf(fr, "Valeur sur la période").map((v) => Number(String(v).replace(",", ".")))).toEqual(
      indicators.map((i) => i.value),
    );
    const manual = fr.find((r) => r[3] === fixture.manualIndicator.label)!;
    expect(manual.slice(4, 11)).toEqual([
      "6",
      expect.any(String),
      expect.any(String),
      "comptes rendus d’avancement",
      expect.any(String),
      "2026-01-01",
      "2026-11-22",
    ]);
    const en = read(await buildIndicatorsCsv(bot.db.prisma, { ...query, locale: "en" }));
    expect(en[0]!.slice(0, 5)).toEqual([
      "Plan",
      "Action sheet",
      "Action sheet title",
      "Indicator",
      "Value over the period",
    ]);
  });
});

describe("sheet names", () => {
  it("are cut to 31 characters, lose the characters Excel refuses, and never repeat", () => {
    const names = new SheetNames();
    expect(names.take("Synthèse")).toBe("Synthèse");
    expect(names.take("synthèse")).toBe("synthèse (2)");
    expect(names.take("CLS [TdC]: 1/2*?")).toBe("CLS -TdC-- 1-2--");
    const long = names.take("Un intitulé de fiche beaucoup trop long pour Excel");
    expect(long).toHaveLength(31);
    expect(names.take("Un intitulé de fiche beaucoup trop long pour Excel, encore")).toMatch(/ \(2\)$/);
    expect(names.take("'cité'")).toBe("cité");
    expect(names.take("History")).toBe("History (2)");
  });

  it("name the main plan's fiches by their code and the other plans' fiches with their plan's code first", () => {
    const sdaasp = { planCode: "SDAASP-82", code: "2.1" };
    const cls = { planCode: "CLS-TDC", code: "1.1.2" };
    const name = ficheSheetNamer([sdaasp, sdaasp, { planCode: "SDAASP-82", code: "3.1" }, cls, cls]);
    expect([name(sdaasp), name(cls)]).toEqual(["2.1", "CLS-TDC 1.1.2"]);
  });
});
