import { stringify } from "csv-stringify/sync";

/**
 * What French Excel opens with a double click: a BOM so it reads UTF-8, ";" because "," is its
 * decimal separator, and CRLF line ends. Every CSV the bot writes (COPIL exports, émargement) uses it.
 */
export const CSV_BOM = "\uFEFF";

/**
 * A cell: text (from members, the plan, the locales), or `raw`, a number or a date the caller has
 * already written in the reader's format, which goes out as it is.
 */
export type CsvCell = string | { raw: string };

// The characters a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): "=", "+",
// "-" and "@", and tab and carriage return, which some readers skip before looking for them.
const FORMULA_START = /^[=+\-@\t\r]/;
// A neutralised cell begins with the apostrophe followed by one of those characters.
const NEUTRALISED = /^'[=+\-@\t\r]/;

const OPTIONS = { delimiter: ";", record_delimiter: "windows", quoted_match: NEUTRALISED } as const;

/**
 * A text cell made inert, as OWASP describes: one that a spreadsheet would read as a formula gets a
 * leading apostrophe (and is quoted when written), so `=HYPERLINK(…)` shows as text and never runs.
 */
export function inertCsvText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * CSV lines for French Excel: text cells made inert (`inertCsvText`), numbers written as they are, so
 * `-3` in a number column stays the number -3. No BOM: the caller puts `CSV_BOM` once at the start.
 */
export function csvLines(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(
    rows.map((row) => row.map((cell) => (typeof cell === "string" ? inertCsvText(cell) : cell.raw))),
    OPTIONS,
  );
}

/** A whole CSV file: BOM, header line, then the rows, every text cell inert. */
export function csvFile(rows: readonly (readonly CsvCell[])[]): Uint8Array {
  return Buffer.from(CSV_BOM + csvLines(rows), "utf8");
}
