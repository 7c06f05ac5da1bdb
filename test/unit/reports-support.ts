import type { Prisma } from "@prisma/client";
import ExcelJS from "exceljs";
import type { TestBot } from "../support/bot.ts";

export const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The network's ids the export tests name. */
export interface ReportFixture {
  adviser: string;
  colleague: string;
  coordinator: string;
  cls: string;
  confluences: string;
  /** Terres des Confluences and its communes. */
  confluencesTerritories: string[];
  manualIndicator: { id: string; ficheActionId: string; label: string };
}

const territory = (bot: TestBot, key: { kind: "COMMUNE" | "EPCI"; name: string }) =>
  bot.db.prisma.territory.findFirstOrThrow({ where: { networkId: bot.networkId, ...key } }).then((t) => t.id);
const organisation = (bot: TestBot, nameStart: string) =>
  bot.db.prisma.organisation
    .findFirstOrThrow({ where: { networkId: bot.networkId, name: { startsWith: nameStart } } })
    .then((o) => o.id);
const member = (bot: TestBot, externalId: string) =>
  bot.db.prisma.platformIdentity.findFirstOrThrow({ where: { platform: "local", externalId } }).then((i) => i.memberId);

/**
 * A year of activity: a few hand-written reports (each kind, sites, communes, at home, remote, a
 * note with a phone number), 5,500 generated ones (more than a page, many on the same day), some
 * outside 2026, and progress reports on an indicator the bot does not count itself.
 */
export async function seedReports(bot: TestBot): Promise<ReportFixture> {
  const prisma = bot.db.prisma;
  const networkId = bot.networkId;
  const other = await prisma.member.create({
    data: {
      networkId,
      displayName: "Léa Fabre",
      roles: ["DIGITAL_ADVISER"],
      status: "ACTIVE",
      identities: { create: { networkId, platform: "local", externalId: "lea" } },
    },
  });
  const [adviser, coordinator, cls] = await Promise.all([
    member(bot, "demo-adviser"),
    member(bot, "demo-coordinator"),
    member(bot, "demo-cls"),
  ]);
  const confluences = await territory(bot, { kind: "EPCI", name: "CC Terres des Confluences" });
  const communes = await prisma.territory.findMany({
    where: { networkId, parentId: confluences },
    select: { id: true },
  });
  const [castel, montech, montauban, moissac] = await Promise.all(
    ["Castelsarrasin", "Montech", "Montauban", "Moissac"].map((name) => territory(bot, { kind: "COMMUNE", name })),
  );
  const [mdsMoissac, mdsMontauban, libraries, cctc] = await Promise.all(
    [
      "Maison départementale des solidarités de Moissac",
      "Maison départementale des solidarités de Montauban",
      "Réseau des médiathèques",
      "Communauté de communes Terres des Confluences",
    ].map((n) => organisation(bot, n)),
  );
  const base = { networkId, memberId: adviser, durationMin: 60, participants: 1 };
  const rows: Prisma.ActivityReportCreateManyInput[] = [
    {
      ...base,
      kind: "INDIVIDUAL",
      date: day("2026-01-01"),
      place: "SUPPORT_SITE",
      organisationId: mdsMoissac,
      themes: ["email"],
      procedures: ["caf"],
      equipment: ["smartphone"],
      ageBrackets: { "60_plus": 1 },
      autonomy: "partly",
      referred: true,
      referralKind: "social_worker",
      notes: "Rappeler Mme X au 06 12 34 56 78",
    },
    {
      ...base,
      kind: "COLLECTIVE",
      date: day("2026-03-15"),
      place: "OTHER_PLACE",
      territoryId: castel,
      participants: 8,
      durationMin: 120,
      themes: ["security", "ai"],
      ageBrackets: { "60_plus": 5, "35_60": 3 },
      workshopTitle: "Arnaques en ligne",
      workshopLevel: "beginner",
    },
    {
      ...base,
      kind: "ONE_OFF",
      date: day("2026-06-30"),
      place: "HOME",
      territoryId: montech,
      durationMin: 20,
      themes: ["procedures"],
      procedures: ["tax", "identity"],
    },
    {
      ...base,
      kind: "COLLECTIVE",
      date: day("2026-11-22"),
      place: "SUPPORT_SITE",
      organisationId: mdsMontauban,
      participants: 12,
      themes: ["browsing"],
    },
    {
      ...base,
      memberId: other.id,
      kind: "INDIVIDUAL",
      date: day("2026-09-10"),
      place: "REMOTE",
      themes: ["files"],
      referred: true,
    },
    {
      ...base,
      memberId: other.id,
      kind: "INDIVIDUAL",
      date: day("2026-10-01"),
      place: "SUPPORT_SITE",
      organisationId: cctc,
      themes: ["health"],
    },
    {
      ...base,
      kind: "COLLECTIVE",
      date: day("2026-05-05"),
      place: "SUPPORT_SITE",
      organisationId: libraries,
      participants: 6,
      themes: ["digital_culture"],
    },
    // Outside 2026-01-01 … 2026-11-22.
    {
      ...base,
      kind: "COLLECTIVE",
      date: day("2025-12-31"),
      place: "OTHER_PLACE",
      territoryId: castel,
      participants: 9,
      themes: ["ai"],
    },
    {
      ...base,
      kind: "INDIVIDUAL",
      date: day("2026-11-23"),
      place: "SUPPORT_SITE",
      organisationId: mdsMoissac,
      themes: ["email"],
    },
  ];
  const kinds = ["INDIVIDUAL", "COLLECTIVE", "ONE_OFF"] as const;
  const places = [castel, montech, montauban, moissac];
  for (let i = 0; i < 5_500; i++) {
    const kind = kinds[i % 3]!;
    const year = i % 40 === 0 ? 2025 : 2026;
    rows.push({
      ...base,
      memberId: i % 2 === 0 ? adviser : other.id,
      kind,
      date: day(`${year}-${String(1 + (i % 10)).padStart(2, "0")}-${String(1 + (i % 7)).padStart(2, "0")}`),
      ...(i % 4 === 0
        ? { place: "SUPPORT_SITE", organisationId: mdsMoissac }
        : { place: "OTHER_PLACE", territoryId: places[i % places.length]! }),
      participants: kind === "COLLECTIVE" ? 2 + (i % 9) : 1,
      themes: [["email", "security", "browsing", "health"][i % 4]!],
    });
  }
  // Batches small enough for one statement each (Prisma would otherwise split one call and run the parts at once on one connection).
  for (let i = 0; i < rows.length; i += 1_000)
    await prisma.activityReport.createMany({ data: rows.slice(i, i + 1_000) });
  const indicator = await prisma.indicator.findFirstOrThrow({
    where: { networkId, computation: "MANUAL" },
    select: { id: true, ficheActionId: true, label: true },
    orderBy: { label: "asc" },
  });
  await prisma.progressReport.createMany({
    data: [
      {
        networkId,
        memberId: coordinator,
        ficheActionId: indicator.ficheActionId,
        indicatorId: indicator.id,
        date: day("2026-05-10"),
        value: 4,
        text: "Quatre contacts au salon des internes",
      },
      {
        networkId,
        memberId: cls,
        ficheActionId: indicator.ficheActionId,
        indicatorId: indicator.id,
        date: day("2026-06-02"),
        value: 2,
        text: "Deux contacts à Moissac",
      },
      {
        networkId,
        memberId: coordinator,
        ficheActionId: indicator.ficheActionId,
        indicatorId: indicator.id,
        date: day("2025-06-02"),
        value: 7,
        text: "L’an dernier",
      },
      {
        networkId,
        memberId: coordinator,
        ficheActionId: indicator.ficheActionId,
        date: day("2026-07-01"),
        text: "Réunion de lancement tenue",
      },
    ],
  });
  return {
    adviser,
    colleague: other.id,
    coordinator,
    cls,
    confluences,
    confluencesTerritories: [confluences, ...communes.map((c) => c.id)],
    manualIndicator: indicator,
  };
}

/** What the database holds for a period (and a territory, as a report is placed: its commune or its site's location). */
export async function expectedFigures(bot: TestBot, from: string, to: string, territoryIds?: string[]) {
  const where: Prisma.ActivityReportWhereInput = { networkId: bot.networkId, date: { gte: day(from), lte: day(to) } };
  if (territoryIds) {
    const sites = await bot.db.prisma.organisation.findMany({
      where: { networkId: bot.networkId, territoryId: { in: territoryIds } },
      select: { id: true },
    });
    where.OR = [{ territoryId: { in: territoryIds } }, { organisationId: { in: sites.map((s) => s.id) } }];
  }
  const [totals, byKind] = await Promise.all([
    bot.db.prisma.activityReport.aggregate({ where, _count: { _all: true }, _sum: { participants: true } }),
    bot.db.prisma.activityReport.groupBy({ by: ["kind"], where, _count: { _all: true } }),
  ]);
  return {
    count: totals._count._all,
    participants: totals._sum.participants ?? 0,
    byKind: Object.fromEntries(byKind.map((k) => [k.kind, k._count._all])) as Record<string, number>,
  };
}

/** A workbook read back: sheet names in order, and each sheet as rows of plain cell values. */
export interface ReadWorkbook {
  SheetNames: string[];
  Sheets: Record<string, unknown[][]>;
}

/** A sheet as rows of cells (dates as Date objects, empty cells null, blank rows left out). */
export function sheetRows(workbook: ReadWorkbook, name: string): unknown[][] {
  const sheet = workbook.Sheets[name];
  if (!sheet) throw new Error(`no sheet "${name}" among ${workbook.SheetNames.join(", ")}`);
  return sheet;
}

/** Reads an XLSX file with ExcelJS, as a spreadsheet program would open it. */
export async function readWorkbook(bytes: Uint8Array): Promise<ReadWorkbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const Sheets: Record<string, unknown[][]> = {};
  for (const sheet of book.worksheets) {
    const width = sheet.columnCount;
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells = Array.from({ length: width }, (_, i) => plainValue(row.getCell(i + 1).value));
      if (cells.some((c) => c !== null)) rows.push(cells);
    });
    Sheets[sheet.name] = rows;
  }
  return { SheetNames: book.worksheets.map((s) => s.name), Sheets };
}

/** A cell's value as a reader sees it: a formula's result, rich text's plain text, a link's text. */
function plainValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value !== "object" || value instanceof Date) return value;
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("formula" in value || "sharedFormula" in value)
    return plainValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ("hyperlink" in value) return value.text;
  if ("error" in value) return value.error;
  return value;
}

/** Sums a column of a table whose first row holds the headers. */
export function columnOf(rows: unknown[][], header: string): unknown[] {
  const index = rows[0]!.indexOf(header);
  if (index < 0) throw new Error(`no column "${header}" in ${JSON.stringify(rows[0])}`);
  return rows.slice(1).map((r) => r[index]);
}

export function countBy(values: unknown[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[String(v)] = (out[String(v)] ?? 0) + 1;
  return out;
}
