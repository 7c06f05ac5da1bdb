import ExcelJS from "exceljs";
import { printedSheet } from "../reports/xlsx-writer.ts";

const THIN = { style: "thin" } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** The header row: under the event's title, date, place, counts and a blank line. */
const HEADER_ROW = 6;
const WRAPPED = { wrapText: true, vertical: "top" } as const;
/** Room to sign in, whatever the line holds. */
const SIGNATURE_HEIGHT = 28;
/** Points per line of 11-point text, as Excel and LibreOffice lay out a wrapped cell. */
const LINE_HEIGHT = 15;

/** Everything the printed sheet shows, already in the coordinator's language: plain data a build thread can take. */
export interface AttendancePrint {
  sheetName: string;
  /** Title, date, place and counts, one line each above the table. */
  title: string;
  when: string;
  where: string;
  counts: string;
  headers: string[];
  widths: number[];
  rows: string[][];
}

/**
 * The printable workbook: the event's title, date and place above the table, a wide "Signature"
 * column, borders, the page setup of every sheet the bot writes (A4 landscape, fit to width, header
 * repeated and frozen), and long headers, organisations, roles and answers wrapped, never cut.
 */
export async function attendancePrintBytes(print: AttendancePrint): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(print.sheetName, printedSheet(HEADER_ROW));
  ws.columns = print.widths.map((width) => ({ width }));
  ws.addRow([print.title]).font = { bold: true, size: 14 };
  ws.addRow([print.when]);
  ws.addRow([print.where]);
  ws.addRow([print.counts]);
  ws.addRow([]);
  const header = ws.addRow(print.headers);
  header.font = { bold: true };
  framedAndWrapped(header, print, print.headers, 0);
  for (const values of print.rows) framedAndWrapped(ws.addRow(values), print, values, SIGNATURE_HEIGHT);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * Borders and wrapping on every cell of a line, and a height that holds its longest wrapped cell:
 * a row with a height of its own is not grown by the reader, so the lines are counted here.
 */
function framedAndWrapped(row: ExcelJS.Row, print: AttendancePrint, values: string[], minHeight: number): void {
  let lines = 1;
  for (let i = 0; i < print.headers.length; i++) {
    const cell = row.getCell(i + 1);
    cell.border = BORDER;
    cell.alignment = WRAPPED;
    lines = Math.max(lines, wrappedLines(values[i] ?? "", print.widths[i] ?? 10));
  }
  row.height = Math.max(minHeight, lines * LINE_HEIGHT + 4);
}

/** Lines a text takes in a column `width` characters wide, breaking between words as readers do. */
export function wrappedLines(text: string, width: number): number {
  // A column of width w shows about w - 1 characters of 11-point text; bold and capitals are wider.
  const room = Math.max(1, Math.floor(width * 0.9) - 1);
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    lines++;
    let used = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const length = [...word].length;
      let needed = used === 0 ? length : used + 1 + length;
      if (used > 0 && needed > room) {
        lines++;
        needed = length;
      }
      // A word longer than the column is broken across lines.
      for (; needed > room; needed -= room) lines++;
      used = needed;
    }
  }
  return lines;
}
