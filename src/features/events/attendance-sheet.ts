import type { Event } from "@prisma/client";
import ExcelJS from "exceljs";
import { parisDay, parisMinuteOfDay } from "../../calendar/paris.ts";
import type { Context } from "../../core/context.ts";
import { csvFile } from "../../core/csv.ts";
import type { FileRef, Reply } from "../../core/reply.ts";
import { isRole } from "../../core/roles.ts";
import type { Db } from "../../db/database.ts";
import { isoDay } from "../activities/days.ts";
import { slug } from "../reports/format.ts";
import { printedSheet } from "../reports/xlsx-writer.ts";
import { formatWhen, formatWhere } from "./format.ts";
import { readQuestions } from "./schema.ts";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV_TYPE = "text/csv";
const THIN = { style: "thin" } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** One line of the sheet: a registrant or a member on the waiting list. */
export interface SheetRow {
  name: string;
  organisation: string;
  roles: string;
  status: string;
  present: string;
  answers: string[];
}

/** The sheet's column headers and rows, in the language of the coordinator who asked for it. */
export interface AttendanceSheet {
  headers: string[];
  widths: number[];
  rows: SheetRow[];
  registered: number;
  waiting: number;
  present: number;
}

const cells = (row: SheetRow) => [row.name, row.organisation, row.roles, row.status, row.present, ...row.answers, ""];

/** "14:05", Paris time: the same in both languages. */
export function checkInTime(at: Date): string {
  const minute = parisMinuteOfDay(at);
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/**
 * Registrants in alphabetical order (the order a printed list is searched in), then the waiting
 * list in its order, with their answers and the time they were checked in.
 */
export async function loadAttendanceSheet(db: Db, event: Event, ctx: Pick<Context, "t">): Promise<AttendanceSheet> {
  const { t } = ctx;
  const questions = readQuestions(event.questions);
  const rows = await db.eventRegistration.findMany({
    where: { eventId: event.id, status: { in: ["REGISTERED", "WAITLISTED"] } },
    include: { member: { select: { displayName: true, roles: true, organisation: { select: { name: true } } } } },
    orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
  });
  const registered = rows.filter((r) => r.status === "REGISTERED").sort((a, b) => a.member.displayName.localeCompare(b.member.displayName, "fr") || a.id.localeCompare(b.id));
  const waiting = rows.filter((r) => r.status === "WAITLISTED");
  const line = (r: (typeof rows)[number], status: string): SheetRow => {
    const answers = r.answers as Record<string, string>;
    return {
      name: r.member.displayName,
      organisation: r.member.organisation?.name ?? "",
      roles: r.member.roles.filter(isRole).map((role) => t(`roles.singular.${role}`)).join(", "),
      status,
      present: r.checkedInAt ? checkInTime(r.checkedInAt) : "",
      answers: questions.map((q) => answers[q.id] ?? ""),
    };
  };
  return {
    headers: [...["name", "organisation", "roles", "status", "present"].map((c) => t(`events.sheet.columns.${c as "name"}`)), ...questions.map((q) => q.label), t("events.sheet.columns.signature")],
    widths: [28, 28, 24, 18, 12, ...questions.map(() => 24), 30],
    rows: [...registered.map((r) => line(r, t("events.sheet.registered"))), ...waiting.map((r, i) => line(r, t("events.sheet.waiting", { position: i + 1 })))],
    registered: registered.length,
    waiting: waiting.length,
    present: registered.filter((r) => r.checkedInAt).length,
  };
}

/** The header row: under the event's title, date, place, counts and a blank line. */
const HEADER_ROW = 6;
const WRAPPED = { wrapText: true, vertical: "top" } as const;
/** Room to sign in, whatever the line holds. */
const SIGNATURE_HEIGHT = 28;
/** Points per line of 11-point text, as Excel and LibreOffice lay out a wrapped cell. */
const LINE_HEIGHT = 15;

/**
 * The printable workbook: the event's title, date and place above the table, a wide "Signature"
 * column, borders, the page setup of every sheet the bot writes (A4 landscape, fit to width, header
 * repeated and frozen), and long headers, organisations, roles and answers wrapped, never cut.
 */
export async function attendanceWorkbook(event: Event, sheet: AttendanceSheet, ctx: Context): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(ctx.t("events.sheet.sheetName"), printedSheet(HEADER_ROW));
  ws.columns = sheet.widths.map((width) => ({ width }));
  ws.addRow([event.title]).font = { bold: true, size: 14 };
  ws.addRow([formatWhen(event, ctx)]);
  ws.addRow([formatWhere(event, ctx)]);
  ws.addRow([ctx.t("events.sheet.counts", { registered: sheet.registered, present: sheet.present, waiting: sheet.waiting })]);
  ws.addRow([]);
  const header = ws.addRow(sheet.headers);
  header.font = { bold: true };
  framedAndWrapped(header, sheet, sheet.headers, 0);
  for (const item of sheet.rows) framedAndWrapped(ws.addRow(cells(item)), sheet, cells(item), SIGNATURE_HEIGHT);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * Borders and wrapping on every cell of a line, and a height that holds its longest wrapped cell:
 * a row with a height of its own is not grown by the reader, so the lines are counted here.
 */
function framedAndWrapped(row: ExcelJS.Row, sheet: AttendanceSheet, values: string[], minHeight: number): void {
  let lines = 1;
  for (let i = 0; i < sheet.headers.length; i++) {
    const cell = row.getCell(i + 1);
    cell.border = BORDER;
    cell.alignment = WRAPPED;
    lines = Math.max(lines, wrappedLines(values[i] ?? "", sheet.widths[i] ?? 10));
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

/** The same columns as the workbook, as CSV for French Excel; every cell is text, made inert. */
export function attendanceCsv(sheet: AttendanceSheet): Uint8Array {
  return csvFile([sheet.headers, ...sheet.rows.map(cells)]);
}

/** `événement <n°> émargement`: the attendance sheet as XLSX (to print and sign) and CSV. */
export async function attendanceSheetReply(ctx: Context, event: Event): Promise<Reply[]> {
  const sheet = await loadAttendanceSheet(ctx.db, event, ctx);
  const base = `${ctx.t("events.sheet.fileName")}-${slug(event.title) || "event"}-${isoDay(parisDay(event.startsAt))}`;
  const files: FileRef[] = [
    { name: `${base}.xlsx`, mediaType: XLSX_TYPE, content: await attendanceWorkbook(event, sheet, ctx) },
    { name: `${base}.csv`, mediaType: CSV_TYPE, content: attendanceCsv(sheet) },
  ];
  ctx.log.info({ eventId: event.id, registered: sheet.registered, present: sheet.present }, "attendance sheet built");
  const text = ctx.t("events.sheet.summary", { title: event.title, registered: sheet.registered, present: sheet.present, waiting: sheet.waiting });
  return [{ text, files, visibility: "private" }];
}
