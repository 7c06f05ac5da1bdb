import { createTranslator, type Translate } from "../../core/i18n.ts";
import type { Db } from "../../db/database.ts";
import { type BuildOptions, builds } from "../builds/pool.ts";
import { RemoteXlsx } from "../builds/remote-xlsx.ts";
import { computeIndicators, type IndicatorValue } from "../indicators/compute.ts";
import { activityColumns } from "./activity-columns.ts";
import { type Column, column, indicatorColumns } from "./columns.ts";
import {
  activityPages,
  type CopilQuery,
  type ExportedProgress,
  loadPlaceBook,
  progressInRange,
  territoryScope,
} from "./data.ts";
import { shortDay } from "./format.ts";
import { ficheSheetNamer, SheetNames } from "./sheet-names.ts";
import type { Pen } from "./xlsx-writer.ts";

/** An export's bytes and what it holds, for the summary the member reads. */
export interface CopilExport {
  bytes: Uint8Array;
  activities: number;
  indicators: number;
  /** The thread that wrote the file (a build thread, never the main one). */
  threadId?: number;
}

/**
 * The COPIL workbook: "Synthèse" (every indicator against its target), a sheet per fiche with its
 * indicators and progress reports, and "Activités" (every activity report of the period).
 */
export async function buildCopilWorkbook(db: Db, query: CopilQuery): Promise<Uint8Array> {
  return (await writeCopilWorkbook(db, query)).bytes;
}

/** `buildCopilWorkbook`, with the counts of what it wrote; the file is written by a build thread. */
export async function writeCopilWorkbook(db: Db, query: CopilQuery, options?: BuildOptions): Promise<CopilExport> {
  let counts = { activities: 0, indicators: 0 };
  const built = await builds.build(
    "xlsx",
    async (channel) => {
      counts = await feedCopilWorkbook(db, query, new RemoteXlsx(channel));
    },
    options,
  );
  return { bytes: built.bytes, ...counts, threadId: built.threadId };
}

async function feedCopilWorkbook(
  db: Db,
  query: CopilQuery,
  workbook: RemoteXlsx,
): Promise<{ activities: number; indicators: number }> {
  const t = createTranslator(query.locale);
  const [indicators, territoryIds, places] = await Promise.all([
    // The same computation as the chat's indicators, so the figures agree.
    computeIndicators(db, {
      networkId: query.networkId,
      window: { range: query.range },
      territoryId: query.territoryId,
    }),
    territoryScope(db, query),
    loadPlaceBook(db, query.networkId),
  ]);
  const progress = await progressInRange(db, query, territoryIds);
  const names = new SheetNames();
  const summaryName = names.take(t("reports.sheets.summary"));
  const activitiesName = names.take(t("reports.sheets.activities"));
  await workbook.table(summaryName, indicatorColumns(t), [indicators], true);
  const fiches = groupByFiche(indicators);
  const ficheSheet = ficheSheetNamer(indicators.map((i) => i.fiche));
  for (const ficheIndicators of fiches) {
    const fiche = ficheIndicators[0].fiche;
    const reports = progress.filter((p) => p.ficheActionId === fiche.id);
    const code = ficheSheet(fiche);
    await workbook.sheet(names.take(code), FICHE_WIDTHS, (pen) =>
      drawFiche(pen, t, query, code, ficheIndicators, reports),
    );
  }
  const activities = await workbook.table(
    activitiesName,
    activityColumns(t, places),
    activityPages(db, query, territoryIds),
  );
  return { activities, indicators: indicators.length };
}

/** The indicators of each fiche, fiches in the order the indicators come (plan, axis, fiche). */
function groupByFiche(indicators: IndicatorValue[]): [IndicatorValue, ...IndicatorValue[]][] {
  const byFiche = new Map<string, [IndicatorValue, ...IndicatorValue[]]>();
  for (const indicator of indicators) {
    const group = byFiche.get(indicator.fiche.id);
    if (group) group.push(indicator);
    else byFiche.set(indicator.fiche.id, [indicator]);
  }
  return [...byFiche.values()];
}

/** Wide enough for the indicators' table and the progress reports' table, which share the columns. */
const FICHE_WIDTHS = [60, 22, 60, 40, 26, 20];

function progressColumns(t: Translate): Column<ExportedProgress>[] {
  return [
    column(t, "date", "date", 12, (p) => p.date),
    column(t, "member", "text", 22, (p) => p.member),
    column(t, "text", "text", 60, (p) => p.text),
    column(t, "indicator", "text", 40, (p) => p.indicator),
    column(t, "value", "number", 12, (p) => p.value),
  ];
}

function drawFiche(
  pen: Pen,
  t: Translate,
  query: CopilQuery,
  code: string,
  indicators: IndicatorValue[],
  reports: ExportedProgress[],
): void {
  const fiche = indicators[0]!.fiche;
  const period = { from: shortDay(query.range.from), to: shortDay(query.range.to) };
  pen.line(t("reports.fiche.heading", { code, title: fiche.title }), true);
  pen.blank();
  pen.line(t("reports.fiche.indicators", period), true);
  pen.table(indicatorColumns(t, "fiche"), indicators);
  pen.blank();
  pen.line(t("reports.fiche.progress", period), true);
  if (reports.length === 0) pen.line(t("reports.fiche.noProgress"));
  else pen.table(progressColumns(t), reports);
}
