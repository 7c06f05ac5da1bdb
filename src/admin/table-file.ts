import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { extname } from "node:path";
import { parse } from "csv-parse";
import { AdminError } from "./errors.ts";

/** One data row of a table file: its line in the spreadsheet (the header is line 1) and its cells by column name. */
export interface TableRow {
  line: number;
  cells: Record<string, string>;
}

/** A spreadsheet or CSV file read into rows, with its header (column names, lower-cased and trimmed). */
export interface Table {
  header: string[];
  rows: TableRow[];
}

/** A plan or a list of organisations is hundreds of rows; far more is a wrong file, refused before it fills memory. */
export const MAX_ROWS = 5_000;
const MAX_BYTES = 20 * 1024 * 1024;

/**
 * Reads the first sheet of an XLSX file, or a `;`-separated UTF-8 CSV file, told apart by their
 * content rather than their name. Stops as soon as it passes `maxRows` rows.
 */
export async function readTable(path: string, maxRows = MAX_ROWS): Promise<Table> {
  const size = await stat(path).then(
    (s) => s.size,
    () => {
      throw new AdminError(`The file ${path} cannot be read: check its path.`);
    },
  );
  if (size === 0) throw new AdminError(`The file ${path} is empty: it needs a header row and at least one row.`);
  if (size > MAX_BYTES)
    throw new AdminError(
      `The file ${path} is ${Math.round(size / 1024 / 1024)} MB: a plan or a list of organisations is far smaller (at most ${MAX_ROWS} rows).`,
    );
  const head = await firstBytes(path, 64 * 1024);
  const lines = await (isZip(head)
    ? xlsxLines(path, maxRows)
    : isText(head)
      ? csvLines(path, maxRows)
      : Promise.reject(notSpreadsheet(path, head)));
  const [headerLine, ...data] = lines;
  if (!headerLine) throw new AdminError(`The file ${path} is empty: it needs a header row and at least one row.`);
  const header = headerLine.cells.map((c) => c.trim().toLowerCase());
  while (header.length && header.at(-1) === "") header.pop();
  const rows = data
    .filter((l) => l.cells.some((c) => c.trim() !== ""))
    .map((l) => {
      if (l.cells.slice(header.length).some((c) => c.trim() !== ""))
        throw new AdminError(`Row ${l.line} has more cells than the header row has columns (${header.length}).`);
      return { line: l.line, cells: Object.fromEntries(header.map((name, i) => [name, (l.cells[i] ?? "").trim()])) };
    });
  if (rows.length === 0) throw new AdminError(`The file ${path} has a header row but no data row.`);
  return { header, rows };
}

/**
 * Checks the header against the expected columns: each one present once, the `optional` ones at
 * most once, nothing else; the error names the first problem and, for an unknown name, the
 * expected column it is closest to.
 */
export function expectColumns(
  table: Table,
  columns: readonly string[],
  closestTo: (name: string) => string,
  optional: readonly string[] = [],
): void {
  const seen = new Set<string>();
  const known = [...columns, ...optional];
  for (const [i, name] of table.header.entries()) {
    const where = `Column ${i + 1} of the header row`;
    if (name === "") throw new AdminError(`${where} has no name; expected one of ${known.join(", ")}.`);
    if (!known.includes(name))
      throw new AdminError(`${where}, "${name}", is not a column of the template; did you mean "${closestTo(name)}"?`);
    if (seen.has(name)) throw new AdminError(`${where}, "${name}", appears twice.`);
    seen.add(name);
  }
  const missing = columns.filter((c) => !seen.has(c));
  if (missing.length)
    throw new AdminError(
      `The header row lacks the column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")}; expected ${columns.join("; ")}.`,
    );
}

interface RawLine {
  line: number;
  cells: string[];
}

async function firstBytes(path: string, count: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(count), 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const isZip = (head: Buffer) => head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

/** Text when it has no NUL byte and decodes as UTF-8 (a character cut at the end of the sample is fine). */
function isText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function notSpreadsheet(path: string, head: Buffer): AdminError {
  const oldExcel =
    head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])) || extname(path).toLowerCase() === ".xls";
  if (oldExcel)
    return new AdminError(
      `The file ${path} is an old Excel file (.xls): save it as .xlsx or as CSV (UTF-8, separated by ;).`,
    );
  // Excel's plain "CSV (séparateur : point-virgule)" is written in Windows-1252: text, but not UTF-8.
  const printable = head.filter((b) => b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d).length;
  if (!head.includes(0) && printable === head.length)
    return new AdminError(
      `The file ${path} is a CSV file not encoded in UTF-8 (probably Windows-1252): save it from Excel as "CSV UTF-8".`,
    );
  return new AdminError(`The file ${path} is neither an XLSX spreadsheet nor a UTF-8 CSV file.`);
}

const tooManyRows = (path: string, maxRows: number) =>
  new AdminError(
    `The file ${path} has more than ${maxRows} rows: a plan or a list of organisations is far smaller; check that it is the right file.`,
  );

async function csvLines(path: string, maxRows: number): Promise<RawLine[]> {
  const parser = createReadStream(path).pipe(
    parse({ delimiter: ";", bom: true, relax_column_count: true, skip_empty_lines: true, info: true }),
  );
  const lines: RawLine[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (lines.length === 0 && record.length === 1 && /[,\t]/.test(record[0]!)) {
        throw new AdminError(
          `The header row of ${path} is not separated by semicolons: save the CSV with ";" as separator, in UTF-8.`,
        );
      }
      lines.push({ line: info.lines, cells: record });
      if (lines.length > maxRows + 1) throw tooManyRows(path, maxRows);
    }
  } catch (error) {
    parser.destroy();
    if (error instanceof AdminError) throw error;
    const line = (error as { lines?: number }).lines;
    throw new AdminError(
      `The CSV file ${path} cannot be read${line ? ` at line ${line}` : ""}: ${(error as Error).message.replace(/\.$/, "")}.`,
    );
  }
  return lines;
}

async function xlsxLines(path: string, maxRows: number): Promise<RawLine[]> {
  // Loaded on demand: the demo's start-up reads CSV files only, and ExcelJS takes long to load.
  const { default: ExcelJS } = await import("exceljs");
  const lines: RawLine[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      worksheets: "emit",
      sharedStrings: "cache",
      hyperlinks: "ignore",
      styles: "ignore",
      entries: "ignore",
    });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1);
        lines.push({ line: row.number, cells: Array.from(values, cellText) });
        if (lines.length > maxRows + 1) throw tooManyRows(path, maxRows);
      }
      break; // The first sheet holds the table; others (notes, lists) are the coordinator's.
    }
  } catch (error) {
    if (error instanceof AdminError) throw error;
    throw new AdminError(
      `The file ${path} is not a readable XLSX spreadsheet (${(error as Error).message.replace(/\.$/, "")}).`,
    );
  }
  return lines;
}

/** A cell as the text a coordinator sees: numbers plainly, dates as 2024-01-31, formulas by their result. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return v.error;
  }
  return String(value);
}
