import type { Context } from "../../core/context.ts";
import type { FileRef, Reply } from "../../core/reply.ts";
import { isoDay } from "../../shared/dates.ts";
import { slug } from "../../shared/text.ts";
import type { BuildOptions } from "../builds/pool.ts";
import { writeActivitiesCsv, writeIndicatorsCsv } from "./csv.ts";
import { type CopilQuery, exportNetwork } from "./data.ts";
import { shortDay } from "./format.ts";
import { exportProgress } from "./progress.ts";
import type { ExportRequest } from "./request.ts";
import { writeCopilWorkbook } from "./workbook.ts";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV_TYPE = "text/csv";

/** Builds the export the coordinator asked for and answers with a one-line summary and the file(s). */
export async function exportReply(ctx: Context, request: ExportRequest): Promise<Reply[]> {
  const network = await exportNetwork(ctx.db, ctx.actor.networkId);
  const query: CopilQuery = {
    networkId: ctx.actor.networkId,
    range: request.range,
    territoryId: request.territory?.id,
    locale: ctx.actor.locale,
  };
  const progress = exportProgress(ctx);
  try {
    return await buildExport(ctx, request, query, network, progress.options);
  } finally {
    progress.done();
  }
}

async function buildExport(
  ctx: Context,
  request: ExportRequest,
  query: CopilQuery,
  network: { slug: string; name: string },
  options: BuildOptions,
): Promise<Reply[]> {
  const { t, db } = ctx;
  const base = fileBase(network.slug, request);
  let files: FileRef[];
  let counts: { activities: number; indicators: number };
  if (request.format === "xlsx") {
    const workbook = await writeCopilWorkbook(db, query, options);
    files = [{ name: `${base}.xlsx`, mediaType: XLSX_TYPE, content: workbook.bytes }];
    counts = { activities: workbook.activities, indicators: workbook.indicators };
  } else {
    const [activities, indicators] = await Promise.all([
      writeActivitiesCsv(db, query, options),
      writeIndicatorsCsv(db, query),
    ]);
    files = [
      { name: `${base}-${t("reports.files.activities")}.csv`, mediaType: CSV_TYPE, content: activities.bytes },
      { name: `${base}-${t("reports.files.indicators")}.csv`, mediaType: CSV_TYPE, content: indicators.bytes },
    ];
    counts = { activities: activities.activities, indicators: indicators.indicators };
  }
  ctx.log.info(
    {
      range: request.range,
      territoryId: request.territory?.id,
      format: request.format,
      ...counts,
      sizeBytes: files.reduce((n, f) => n + (f.content?.byteLength ?? 0), 0),
    },
    "COPIL export built",
  );
  const text = t("reports.summary", {
    from: shortDay(request.range.from),
    to: shortDay(request.range.to),
    territory: request.territory?.name ?? network.name,
    activities: counts.activities,
    indicators: counts.indicators,
  });
  return [{ text, files, visibility: "private" }];
}

/** "copil-tarn-et-garonne-2026", with the territory when there is one and the exact days unless it is one year from 1 January. */
function fileBase(network: string, request: ExportRequest): string {
  const { from, to } = request.range;
  const period =
    from.month === 1 && from.day === 1 && from.year === to.year ? String(from.year) : `${isoDay(from)}_${isoDay(to)}`;
  return ["copil", slug(network), ...(request.territory ? [slug(request.territory.name)] : []), period].join("-");
}
