import { CSV_BOM, type CsvCell, csvLines } from "../../core/csv.ts";
import { createTranslator, type Locale } from "../../core/i18n.ts";
import type { Db } from "../../db/database.ts";
import { isoDay } from "../../shared/dates.ts";
import { dayOfColumn } from "../activities/days.ts";
import { type BuildOptions, builds } from "../builds/pool.ts";
import { SLICE } from "../builds/remote-xlsx.ts";
import { computeIndicators } from "../indicators/compute.ts";
import { activityColumns } from "./activity-columns.ts";
import { type Cell, type CellKind, type Column, indicatorColumns } from "./columns.ts";
import { activityPages, type CopilQuery, loadPlaceBook, territoryScope } from "./data.ts";
import type { CopilExport } from "./workbook.ts";

/** The activity reports of the period, one line each, with the columns of the workbook's "Activités" sheet. */
export async function buildActivitiesCsv(db: Db, query: CopilQuery): Promise<Uint8Array> {
  return (await writeActivitiesCsv(db, query)).bytes;
}

/** Every indicator over the period against its target, with the columns of the workbook's "Synthèse" sheet. */
export async function buildIndicatorsCsv(db: Db, query: CopilQuery): Promise<Uint8Array> {
  return (await writeIndicatorsCsv(db, query)).bytes;
}

/** `buildActivitiesCsv`, with the count of lines it wrote; the lines are written by a build thread. */
export async function writeActivitiesCsv(db: Db, query: CopilQuery, options?: BuildOptions): Promise<CopilExport> {
  let activities = 0;
  const built = await builds.build(
    "csv",
    async (channel) => {
      const t = createTranslator(query.locale);
      const [territoryIds, places] = await Promise.all([territoryScope(db, query), loadPlaceBook(db, query.networkId)]);
      const columns = activityColumns(t, places);
      await channel.send({ op: "text", text: CSV_BOM });
      await channel.send({ op: "csv", rows: [columns.map((c) => c.header)] });
      for await (const page of activityPages(db, query, territoryIds)) {
        for (let start = 0; start < page.length; start += SLICE) {
          await channel.send({ op: "csv", rows: records(columns, page.slice(start, start + SLICE), query.locale) });
        }
        activities += page.length;
      }
    },
    options,
  );
  return { bytes: built.bytes, activities, indicators: 0, threadId: built.threadId };
}

/** `buildIndicatorsCsv`, with the count of indicators it wrote. */
export async function writeIndicatorsCsv(db: Db, query: CopilQuery): Promise<CopilExport> {
  const t = createTranslator(query.locale);
  const indicators = await computeIndicators(db, {
    networkId: query.networkId,
    window: { range: query.range },
    territoryId: query.territoryId,
  });
  const columns = indicatorColumns(t);
  const text = CSV_BOM + csvLines([columns.map((c) => c.header), ...records(columns, indicators, query.locale)]);
  return { bytes: Buffer.from(text, "utf8"), activities: 0, indicators: indicators.length };
}

function records<Row>(columns: Column<Row>[], rows: Row[], locale: Locale): CsvCell[][] {
  return rows.map((row) => columns.map((c) => csvCell(c.kind, c.value(row), locale)));
}

/**
 * Days as 2026-01-31; numbers with the language's decimal mark, kept numbers (never made inert); a
 * share of the target in percent (45 for 45 %); text as members and the plan wrote it, made inert.
 */
function csvCell(kind: CellKind, value: Cell, locale: Locale): CsvCell {
  if (value === undefined) return "";
  if (value instanceof Date) return { raw: isoDay(dayOfColumn(value)) };
  if (typeof value === "string") return value;
  const number = kind === "ratio" ? Math.round(value * 100) : value;
  const text = String(number);
  return { raw: locale === "fr" ? text.replace(".", ",") : text };
}
