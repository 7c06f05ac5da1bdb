import type { Cell, Column } from "../reports/columns.ts";
import type { Pen } from "../reports/xlsx-writer.ts";
import type { BuildChannel } from "./pool.ts";
import { columnSpecs, type PenStroke } from "./protocol.ts";

/**
 * Rows are turned into cells and sent this many at a time: between two slices the main thread waits
 * for the build thread's answer, so it answers other requests meanwhile rather than mapping a
 * whole page at one go.
 */
export const SLICE = 250;

/** The rows of a page as cells, a slice at a time. */
export function* cellSlices<Row>(columns: Column<Row>[], page: Row[]): Generator<Cell[][]> {
  for (let start = 0; start < page.length; start += SLICE) {
    yield page.slice(start, start + SLICE).map((row) => columns.map((c) => c.value(row)));
  }
}

/**
 * An `XlsxWriter` in a build thread, driven from here: the same sheets, written there. Values are
 * read from the rows here (the columns' readers need the database's lookups) and sent as cells.
 */
export class RemoteXlsx {
  readonly #channel: BuildChannel;
  constructor(channel: BuildChannel) {
    this.#channel = channel;
  }

  /** `XlsxWriter.table`, over the thread. */
  async table<Row>(
    name: string,
    columns: Column<Row>[],
    rows: AsyncIterable<Row[]> | Row[][],
    wrapText = false,
  ): Promise<number> {
    await this.#channel.send({ op: "table", name, columns: columnSpecs(columns), wrapText });
    let count = 0;
    for await (const page of rows) {
      for (const slice of cellSlices(columns, page)) await this.#channel.send({ op: "cells", rows: slice });
      count += page.length;
    }
    await this.#channel.send({ op: "table-end" });
    return count;
  }

  /** `XlsxWriter.sheet`, over the thread: `draw` is recorded here and replayed there. */
  async sheet(name: string, widths: number[], draw: (pen: Pen) => void): Promise<void> {
    const strokes: PenStroke[] = [];
    draw({
      line: (line, heading = false) => void strokes.push({ line, heading }),
      blank: () => void strokes.push({ blank: true }),
      table: (columns, rows) =>
        void strokes.push({ columns: columnSpecs(columns), rows: rows.map((row) => columns.map((c) => c.value(row))) }),
    });
    await this.#channel.send({ op: "sheet", name, widths, strokes });
  }
}
