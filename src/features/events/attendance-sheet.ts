import type { Event } from "@prisma/client";
import { parisDay, parisMinuteOfDay } from "../../calendar/paris.ts";
import type { Context } from "../../core/context.ts";
import { CSV_BOM } from "../../core/csv.ts";
import type { FileRef, Reply } from "../../core/reply.ts";
import { isRole } from "../../core/roles.ts";
import type { Db } from "../../db/database.ts";
import { formatClock, isoDay } from "../../shared/dates.ts";
import { slug } from "../../shared/text.ts";
import { builds } from "../builds/pool.ts";
import type { AttendancePrint } from "./attendance-print.ts";
import { sheetRegistrations } from "./data.ts";
import { formatWhen, formatWhere } from "./format.ts";
import { readQuestions } from "./schema.ts";

export { wrappedLines } from "./attendance-print.ts";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV_TYPE = "text/csv";

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
  return formatClock(parisMinuteOfDay(at));
}

/**
 * Registrants in alphabetical order (the order a printed list is searched in), then the waiting
 * list in its order, with their answers and the time they were checked in.
 */
export async function loadAttendanceSheet(db: Db, event: Event, ctx: Pick<Context, "t">): Promise<AttendanceSheet> {
  const { t } = ctx;
  const questions = readQuestions(event.questions);
  const rows = await sheetRegistrations(db, event.id);
  const registered = rows
    .filter((r) => r.status === "REGISTERED")
    .sort((a, b) => a.member.displayName.localeCompare(b.member.displayName, "fr") || a.id.localeCompare(b.id));
  const waiting = rows.filter((r) => r.status === "WAITLISTED");
  const line = (r: (typeof rows)[number], status: string): SheetRow => {
    const answers = r.answers as Record<string, string>;
    return {
      name: r.member.displayName,
      organisation: r.member.organisation?.name ?? "",
      roles: r.member.roles
        .filter(isRole)
        .map((role) => t(`roles.singular.${role}`))
        .join(", "),
      status,
      present: r.checkedInAt ? checkInTime(r.checkedInAt) : "",
      answers: questions.map((q) => answers[q.id] ?? ""),
    };
  };
  return {
    headers: [
      ...["name", "organisation", "roles", "status", "present"].map((c) => t(`events.sheet.columns.${c as "name"}`)),
      ...questions.map((q) => q.label),
      t("events.sheet.columns.signature"),
    ],
    widths: [28, 28, 24, 18, 12, ...questions.map(() => 24), 30],
    rows: [
      ...registered.map((r) => line(r, t("events.sheet.registered"))),
      ...waiting.map((r, i) => line(r, t("events.sheet.waiting", { position: i + 1 }))),
    ],
    registered: registered.length,
    waiting: waiting.length,
    present: registered.filter((r) => r.checkedInAt).length,
  };
}

/**
 * The printable workbook (attendance-print.ts), written by a build thread: an event may hold
 * thousands of registrants, and the whole sheet is laid out in memory before it is written.
 */
export async function attendanceWorkbook(event: Event, sheet: AttendanceSheet, ctx: Context): Promise<Uint8Array> {
  const print: AttendancePrint = {
    sheetName: ctx.t("events.sheet.sheetName"),
    title: event.title,
    when: formatWhen(event, ctx),
    where: formatWhere(event, ctx),
    counts: ctx.t("events.sheet.counts", {
      registered: sheet.registered,
      present: sheet.present,
      waiting: sheet.waiting,
    }),
    headers: sheet.headers,
    widths: sheet.widths,
    rows: sheet.rows.map(cells),
  };
  return (await builds.build("attendance", (channel) => channel.send({ op: "attendance", print }))).bytes;
}

/** The same columns as the workbook, as CSV for French Excel; every cell is text, made inert. */
export async function attendanceCsv(sheet: AttendanceSheet): Promise<Uint8Array> {
  // As `csvFile` writes it, by a build thread: BOM, then every line.
  const rows = [sheet.headers, ...sheet.rows.map(cells)];
  return (
    await builds.build("csv", async (channel) => {
      await channel.send({ op: "text", text: CSV_BOM });
      await channel.send({ op: "csv", rows });
    })
  ).bytes;
}

/** `événement <n°> émargement`: the attendance sheet as XLSX (to print and sign) and CSV. */
export async function attendanceSheetReply(ctx: Context, event: Event): Promise<Reply[]> {
  const sheet = await loadAttendanceSheet(ctx.db, event, ctx);
  const base = `${ctx.t("events.sheet.fileName")}-${slug(event.title) || "event"}-${isoDay(parisDay(event.startsAt))}`;
  const files: FileRef[] = [
    { name: `${base}.xlsx`, mediaType: XLSX_TYPE, content: await attendanceWorkbook(event, sheet, ctx) },
    { name: `${base}.csv`, mediaType: CSV_TYPE, content: await attendanceCsv(sheet) },
  ];
  ctx.log.info({ eventId: event.id, registered: sheet.registered, present: sheet.present }, "attendance sheet built");
  const text = ctx.t("events.sheet.summary", {
    title: event.title,
    registered: sheet.registered,
    present: sheet.present,
    waiting: sheet.waiting,
  });
  return [{ text, files, visibility: "private" }];
}
