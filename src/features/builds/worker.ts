// The entry of a build thread (see pool.ts): it writes one file from the data the main thread sends,
// so that writing a workbook of 100,000 rows never holds up the main thread's event loop.
import { parentPort, threadId, workerData } from "node:worker_threads";
import { csvLines } from "../../core/csv.ts";
import { createSerialQueue } from "../../shared/serial-queue.ts";
import { attendancePrintBytes } from "../events/attendance-print.ts";
import { renderPng } from "../indicators/render-png.ts";
import type { Cell } from "../reports/columns.ts";
import { type TableWriter, XlsxWriter } from "../reports/xlsx-writer.ts";
import type { BuildKind } from "./pool.ts";
import { type BuildMessage, cellColumns, type PenStroke } from "./protocol.ts";

const port = parentPort!;
const kind = (workerData as { kind: BuildKind }).kind;

const workbook = kind === "xlsx" ? new XlsxWriter() : undefined;
let table: TableWriter<Cell[]> | undefined;
const text: string[] = [];
let svg = "";
let made: Uint8Array | undefined;

async function handle(message: BuildMessage): Promise<Uint8Array | undefined> {
  switch (message.op) {
    case "table":
      table = workbook!.openTable(message.name, cellColumns(message.columns), message.wrapText);
      return;
    case "cells":
      table!.add(message.rows);
      return;
    case "table-end":
      table!.close();
      table = undefined;
      return;
    case "sheet":
      workbook!.sheet(message.name, message.widths, (pen) => {
        for (const stroke of message.strokes) draw(pen, stroke);
      });
      return;
    case "csv":
      text.push(csvLines(message.rows));
      return;
    case "text":
      text.push(message.text);
      return;
    case "svg":
      svg = message.svg;
      return;
    case "attendance":
      made = await attendancePrintBytes(message.print);
      return;
    case "end":
      if (made) return made;
      if (workbook) return workbook.bytes();
      if (kind === "png") return renderPng(svg);
      return new Uint8Array(Buffer.from(text.join(""), "utf8"));
  }
}

function draw(pen: Parameters<Parameters<XlsxWriter["sheet"]>[2]>[0], stroke: PenStroke): void {
  if ("line" in stroke) pen.line(stroke.line, stroke.heading);
  else if ("blank" in stroke) pen.blank();
  else pen.table(cellColumns(stroke.columns), stroke.rows);
}

// Messages are handled one after the other, in the order sent.
const messages = createSerialQueue();
port.on("message", (message: BuildMessage) => {
  void messages.run("build", async () => {
    try {
      const made = await handle(message);
      // Handed over, not copied: a bytes view over a larger buffer is first copied to its own.
      const bytes = made && made.byteLength !== made.buffer.byteLength ? made.slice() : made;
      port.postMessage({ ok: true, bytes, threadId }, bytes ? [bytes.buffer as ArrayBuffer] : []);
    } catch (error) {
      port.postMessage({ ok: false, message: (error as Error).message });
    }
  });
});
