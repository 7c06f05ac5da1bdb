import type { MessageKey, Translate } from "../../core/i18n.ts";
import { columnOfDay } from "../activities/days.ts";
import { type IndicatorValue, progressRatio } from "../indicators/compute.ts";

/** How a cell is written: a real date, a number, a share of a target, or text. */
export type CellKind = "date" | "number" | "ratio" | "text";
export type Cell = string | number | Date | undefined;

/** One column of a table, the same in the workbook and in the CSV. */
export interface Column<Row> {
  header: string;
  kind: CellKind;
  /** In characters, as Excel measures widths. */
  width: number;
  value(row: Row): Cell;
}

type ColumnName = keyof typeof COLUMN_NAMES;
// The header keys, listed so that the i18n test finds each one.
const COLUMN_NAMES = {
  plan: "reports.columns.plan",
  fiche: "reports.columns.fiche",
  ficheTitle: "reports.columns.ficheTitle",
  indicator: "reports.columns.indicator",
  value: "reports.columns.value",
  target: "reports.columns.target",
  percent: "reports.columns.percent",
  source: "reports.columns.source",
  period: "reports.columns.period",
  from: "reports.columns.from",
  to: "reports.columns.to",
  date: "reports.columns.date",
  adviser: "reports.columns.adviser",
  kind: "reports.columns.kind",
  duration: "reports.columns.duration",
  place: "reports.columns.place",
  site: "reports.columns.site",
  commune: "reports.columns.commune",
  epci: "reports.columns.epci",
  participants: "reports.columns.participants",
  ages: "reports.columns.ages",
  themes: "reports.columns.themes",
  procedures: "reports.columns.procedures",
  equipment: "reports.columns.equipment",
  autonomy: "reports.columns.autonomy",
  referral: "reports.columns.referral",
  workshopTitle: "reports.columns.workshopTitle",
  level: "reports.columns.level",
  member: "reports.columns.member",
  text: "reports.columns.text",
} as const satisfies Record<string, MessageKey>;

/** A column named by its header key, translated. */
export function column<Row>(
  t: Translate,
  name: ColumnName,
  kind: CellKind,
  width: number,
  value: (row: Row) => Cell,
): Column<Row> {
  return { header: t(COLUMN_NAMES[name]), kind, width, value };
}

type IndicatorCell = (i: IndicatorValue, t: Translate) => Cell;
const INDICATOR_COLUMNS: [ColumnName, CellKind, number, IndicatorCell][] = [
  ["plan", "text", 14, (i) => i.fiche.planCode],
  ["fiche", "text", 12, (i) => i.fiche.code],
  ["ficheTitle", "text", 50, (i) => i.fiche.title],
  ["indicator", "text", 60, (i) => i.label],
  ["value", "number", 14, (i) => i.value],
  // A plan without a numeric target: an empty target, and the percentage's cell says what the chat
  // and the chart say (« pas de cible chiffrée »), never a target of 0.
  ["target", "number", 10, (i) => (i.target !== null && i.target > 0 ? i.target : undefined)],
  ["percent", "ratio", 16, (i, t) => progressRatio(i) ?? t("indicators.board.noTarget")],
  ["source", "text", 26, (i, t) => t(`reports.sources.${i.source}`)],
  ["period", "text", 20, (i, t) => t(`reports.periods.${i.period}`)],
  ["from", "date", 12, (i) => columnOfDay(i.range.from)],
  ["to", "date", 12, (i) => columnOfDay(i.range.to)],
];

/** On a fiche's own sheet the fiche and the range go without saying. */
const ON_FICHE_SHEET = new Set<ColumnName>(["indicator", "value", "target", "percent", "source", "period"]);

/** The columns of the "Synthèse" sheet and of the indicators CSV (one row per indicator), or of a fiche's sheet. */
export function indicatorColumns(t: Translate, sheet: "summary" | "fiche" = "summary"): Column<IndicatorValue>[] {
  return INDICATOR_COLUMNS.filter(([name]) => sheet === "summary" || ON_FICHE_SHEET.has(name)).map(
    ([name, kind, width, cell]) => column(t, name, kind, width, (i) => cell(i, t)),
  );
}
