import type { CsvCell } from "../../core/csv.ts";
import type { AttendancePrint } from "../events/attendance-print.ts";
import type { Cell, CellKind, Column } from "../reports/columns.ts";

/** A column as it travels to the build thread: what it looks like, without how its value is read. */
export interface ColumnSpec {
  header: string;
  kind: CellKind;
  width: number;
}

/** One stroke of a free-form sheet, recorded here and drawn by the build thread. */
export type PenStroke =
  | { line: string; heading: boolean }
  | { blank: true }
  | { columns: ColumnSpec[]; rows: Cell[][] };

/** The messages a build thread understands; each is answered once handled, `end` with the file. */
export type BuildMessage =
  | { op: "table"; name: string; columns: ColumnSpec[]; wrapText: boolean }
  | { op: "cells"; rows: Cell[][] }
  | { op: "table-end" }
  | { op: "sheet"; name: string; widths: number[]; strokes: PenStroke[] }
  | { op: "csv"; rows: CsvCell[][] }
  | { op: "text"; text: string }
  | { op: "svg"; svg: string }
  | { op: "attendance"; print: AttendancePrint }
  | { op: "end" };

/** The look of columns, to send. */
export function columnSpecs<Row>(columns: Column<Row>[]): ColumnSpec[] {
  return columns.map(({ header, kind, width }) => ({ header, kind, width }));
}

/** Columns over rows that are already cells: the i-th column reads the i-th cell. */
export function cellColumns(specs: ColumnSpec[]): Column<Cell[]>[] {
  return specs.map((spec, i) => ({ ...spec, value: (row: Cell[]) => row[i] }));
}
