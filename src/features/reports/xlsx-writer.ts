import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { Cell, CellKind, Column } from "./columns.ts";

/** How dates and shares of a target show in Excel (the cells hold a real date and a number). */
const NUMBER_FORMATS: Partial<Record<CellKind, string>> = { date: "dd/mm/yyyy", ratio: "0%" };
const BOLD = { bold: true };
/** Long headers go on several lines rather than being cut at the cell's border, on screen and on paper. */
const WRAPPED = { wrapText: true, vertical: "top" } as const;

/**
 * How every sheet prints (the COPIL workbook once came out as 92 portrait pages with rows split):
 * A4 landscape, all columns on the page's width (as many pages down as needed), the first row
 * repeated on each page, and kept in view on screen below frozen panes.
 */
export function printedSheet(headerRow = 1): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
    views: [{ state: "frozen", ySplit: headerRow }],
  };
}

/**
 * A workbook written row by row into memory. The streaming writer is about twice as fast as
 * building the whole workbook and serialising it (35,000 activity rows: ~3 s against ~6.5 s), and
 * inline strings (no shared-string table) are faster still; committed rows leave the heap.
 */
export class XlsxWriter {
  readonly #chunks: Buffer[] = [];
  readonly #ended: Promise<void>;
  readonly #workbook: ExcelJS.stream.xlsx.WorkbookWriter;

  constructor() {
    const out = new PassThrough();
    out.on("data", (chunk: Buffer) => this.#chunks.push(chunk));
    this.#ended = new Promise((resolve, reject) => {
      out.on("end", resolve);
      out.on("error", reject);
    });
    this.#workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  }

  /**
   * A sheet holding one table: its header row bold, wrapped, frozen and repeated on printed pages,
   * filters on it, widths and number formats per column; `wrapText` wraps the text columns too.
   */
  async table<Row>(
    name: string,
    columns: Column<Row>[],
    rows: AsyncIterable<Row[]> | Row[][],
    wrapText = false,
  ): Promise<number> {
    const table = this.openTable(name, columns, wrapText);
    for await (const page of rows) table.add(page);
    return table.close();
  }

  /** `table`, written as the rows come: `add` a page at a time, then `close`, which returns the count. */
  openTable<Row>(name: string, columns: Column<Row>[], wrapText = false): TableWriter<Row> {
    const sheet = this.#workbook.addWorksheet(name, printedSheet());
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    // A column's style reaches the cells added under it, so formats cost nothing per row.
    sheet.columns = columns.map((c) => ({ width: c.width, style: columnStyle(c.kind, wrapText) }));
    const header = sheet.addRow(columns.map((c) => c.header));
    header.font = BOLD;
    header.alignment = WRAPPED;
    header.commit();
    let count = 0;
    return {
      add(page) {
        for (const row of page) sheet.addRow(columns.map((c) => cellValue(c.value(row)))).commit();
        count += page.length;
      },
      close() {
        sheet.commit();
        return count;
      },
    };
  }

  /** A free-form sheet: `draw` adds its rows through a `SheetPen`; the first row stays in view and on every printed page. */
  sheet(name: string, widths: number[], draw: (pen: SheetPen) => void): void {
    const sheet = this.#workbook.addWorksheet(name, printedSheet());
    sheet.columns = widths.map((width) => ({ width }));
    draw(new SheetPen(sheet));
    sheet.commit();
  }

  /** Closes the workbook and returns its bytes. */
  async bytes(): Promise<Uint8Array> {
    await this.#workbook.commit();
    await this.#ended;
    return new Uint8Array(Buffer.concat(this.#chunks));
  }
}

/** A table sheet being written (`XlsxWriter.openTable`). */
export interface TableWriter<Row> {
  add(page: Row[]): void;
  /** Ends the sheet; the count of rows added. */
  close(): number;
}

/** What draws a free-form sheet: headings, blank lines and tables. */
export interface Pen {
  line(text: string, heading?: boolean): void;
  blank(): void;
  table<Row>(columns: Column<Row>[], rows: Row[]): void;
}

/** Writes rows of a free-form sheet: headings, tables and notes. */
export class SheetPen implements Pen {
  readonly #sheet: ExcelJS.Worksheet;
  constructor(sheet: ExcelJS.Worksheet) {
    this.#sheet = sheet;
  }

  /** A line of text, bold when it is a heading. */
  line(text: string, heading = false): void {
    const row = this.#sheet.addRow([text]);
    if (heading) row.font = BOLD;
    row.commit();
  }

  blank(): void {
    this.#sheet.addRow([]).commit();
  }

  /** A bold header row, then a row per item, each cell formatted as its column says. */
  table<Row>(columns: Column<Row>[], rows: Row[]): void {
    const header = this.#sheet.addRow(columns.map((c) => c.header));
    header.font = BOLD;
    header.alignment = WRAPPED;
    header.commit();
    for (const item of rows) {
      const row = this.#sheet.addRow(columns.map((c) => cellValue(c.value(item))));
      columns.forEach((c, i) => {
        const format = NUMBER_FORMATS[c.kind];
        if (format) row.getCell(i + 1).numFmt = format;
        else if (c.kind === "text") row.getCell(i + 1).alignment = WRAPPED;
      });
      row.commit();
    }
  }
}

function columnStyle(kind: CellKind, wrapText: boolean): Partial<ExcelJS.Style> {
  const numFmt = NUMBER_FORMATS[kind];
  if (numFmt) return { numFmt };
  return wrapText && kind === "text" ? { alignment: WRAPPED } : {};
}

function cellValue(value: Cell): ExcelJS.CellValue {
  return value === undefined ? null : value;
}
