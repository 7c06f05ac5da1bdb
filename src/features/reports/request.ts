import { type CalendarDay, compareDays, parisDay, readTypedDay } from "../../calendar/paris.ts";
import type { Context } from "../../core/context.ts";
import { AppError } from "../../core/errors.ts";
import type { DayRange } from "../indicators/period.ts";
import { shortDay } from "./format.ts";
import { type ExportTerritory, territoryById, territoryByName } from "./territories.ts";

export const EXPORT_FORMATS = ["xlsx", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What a coordinator asked for: a period, a territory (none: the whole network), a format. */
export interface ExportRequest {
  range: DayRange;
  territory: ExportTerritory | undefined;
  format: ExportFormat;
}

/** The form's value for the whole network (no territory filter). */
export const WHOLE_NETWORK = "network";
/** An export covers at most this many years: longer, and it is no longer a yearly report (and costs a lot). */
const MAX_YEARS = 3;

/** A typed day of an export ("01/01/2026", "2026-01-01", "01/01" this year), or an error naming the text. */
export function readExportDay(text: string, today: CalendarDay): CalendarDay {
  const day = readTypedDay(text, today, "latest");
  if (!day) throw new AppError("export_date", "reports.errors.date", { text });
  return day;
}

/** Refuses a range that ends before it starts or spans more than three years. */
export function checkRange(range: DayRange): DayRange {
  const params = { from: shortDay(range.from), to: shortDay(range.to) };
  if (compareDays(range.from, range.to) > 0) throw new AppError("export_order", "reports.errors.order", params);
  const limit = { ...range.from, year: range.from.year + MAX_YEARS };
  if (compareDays(range.to, limit) >= 0) throw new AppError("export_too_long", "reports.errors.tooLong", params);
  return range;
}

/** The form's answers as a request. */
export async function requestOfForm(ctx: Context, values: Record<string, string | string[]>): Promise<ExportRequest> {
  const today = parisDay(ctx.now);
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string).trim() : "");
  const range = checkRange({ from: readExportDay(text("from"), today), to: readExportDay(text("to"), today) });
  const territoryId = text("territory");
  const territory =
    territoryId === "" || territoryId === WHOLE_NETWORK
      ? undefined
      : await territoryById(ctx.db, ctx.actor.networkId, territoryId);
  const format = EXPORT_FORMATS.find((f) => f === (text("format") || "xlsx"));
  if (!format) throw new AppError("export_format", "reports.errors.format");
  return { range, territory, format };
}

const YEAR = /^\d{4}$/;
const FORMAT_WORDS: Record<string, ExportFormat> = { xlsx: "xlsx", excel: "xlsx", csv: "csv" };

/**
 * Typed arguments: "2025" (that year, up to today for this year), or days "01/01/2026 30/06/2026"
 * (one day alone: from then to today); then optionally "csv" or "xlsx" and a territory's name
 * ("2025 Terres des Confluences").
 */
export async function requestOfText(ctx: Context, args: string): Promise<ExportRequest> {
  const today = parisDay(ctx.now);
  const words = args.trim().split(/\s+/);
  let format: ExportFormat = "xlsx";
  const rest = words.filter((w) => {
    const f = FORMAT_WORDS[w.toLowerCase()];
    if (f) format = f;
    return !f;
  });
  let range: DayRange;
  let used: number;
  if (YEAR.test(rest[0] ?? "")) {
    const year = Number(rest[0]);
    if (year > today.year)
      throw new AppError("export_future_year", "reports.errors.futureYear", { year: String(year) });
    range = { from: { year, month: 1, day: 1 }, to: year === today.year ? today : { year, month: 12, day: 31 } };
    used = 1;
  } else {
    const from = readTypedDay(rest[0] ?? "", today, "latest");
    if (!from) throw new AppError("export_usage", "reports.errors.usage", { text: args.trim() });
    // A second day is optional (up to today); what looks like a day must be one.
    const second = rest[1] ?? "";
    const looksLikeDay = /^[\d/.-]+$/.test(second);
    range = { from, to: looksLikeDay ? readExportDay(second, today) : today };
    used = looksLikeDay ? 2 : 1;
  }
  checkRange(range);
  const name = rest.slice(used).join(" ");
  const territory = name ? await territoryByName(ctx.db, ctx.actor.networkId, name) : undefined;
  return { range, territory, format };
}
