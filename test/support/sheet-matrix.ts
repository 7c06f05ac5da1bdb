import ExcelJS from "exceljs";

// Reads a worksheet the way the tests used to read it with SheetJS (`sheet_to_json` with `header: 1,
// raw: true`), on ExcelJS: the `xlsx` package left the dependencies for its unfixed advisories.

/** How empty cells and empty rows come out, as in SheetJS's `sheet_to_json`. */
export interface SheetMatrixOptions {
  /** The value of an empty cell inside the sheet's range; without it the cell is a hole in its row. */
  defval?: unknown;
  /** Keeps rows with no value (as empty arrays without `defval`); true unless set to false. */
  blankrows?: boolean;
}

/** Opens XLSX bytes with ExcelJS, as a spreadsheet program would. */
export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return book;
}

/** Opens an XLSX file with ExcelJS. */
export async function readWorkbookFile(path: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

/** The sheet of that name, or an error naming the sheets there are. */
export function worksheetNamed(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet "${name}" among ${book.worksheets.map((s) => s.name).join(", ")}`);
  return sheet;
}

/**
 * The sheet's used range as rows of raw values, from its first used row and column: numbers as
 * numbers, dates as Date, text as written (an empty string stays ""), a formula as its cached result.
 */
export function sheetMatrix(sheet: ExcelJS.Worksheet, options: SheetMatrixOptions = {}): unknown[][] {
  if (sheet.actualRowCount === 0) return [];
  const { top, left, bottom, right } = sheet.dimensions;
  const hasDefault = "defval" in options;
  const rows: unknown[][] = [];
  for (let r = top; r <= bottom; r++) {
    const row: unknown[] = [];
    let empty = true;
    for (let c = left; c <= right; c++) {
      const value = rawValue(sheet.getRow(r).getCell(c).value);
      if (value !== undefined) {
        row[c - left] = value;
        empty = false;
      } else if (hasDefault) row[c - left] = options.defval;
    }
    if (!empty || options.blankrows !== false) rows.push(row);
  }
  return rows;
}

/** Every cell of the sheet that holds a formula (plain, shared or array), by address. */
export function formulaCells(sheet: ExcelJS.Worksheet): { address: string; formula: string }[] {
  const found: { address: string; formula: string }[] = [];
  sheet.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      if (cell.type === ExcelJS.ValueType.Formula)
        found.push({ address: cell.address, formula: cell.formula ?? String(cell.value) });
    }),
  );
  return found;
}

/** A cell's value as SheetJS's raw read gives it; undefined for an empty cell. */
function rawValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "object" || value instanceof Date) return value;
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("formula" in value || "sharedFormula" in value)
    return rawValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ("hyperlink" in value) return value.text;
  // An error stays visible as its text (#DIV/0!, #NAME?), where SheetJS's raw read would drop it.
  if ("error" in value) return value.error;
  return value;
}
