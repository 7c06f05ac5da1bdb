import { distance } from "fastest-levenshtein";
import { AdminError, closest } from "../errors.ts";
import { expectColumns, type Table, type TableRow } from "../table-file.ts";
import { allCounterNames, type Counting, countingOf, EXAMPLE_NAMES } from "./counters.ts";

/** The plan file's columns, in the template's order (one row per indicator). */
export const PLAN_COLUMNS = [
  "plan_code",
  "plan_titre",
  "debut",
  "fin",
  "axe_code",
  "axe_titre",
  "fiche_code",
  "fiche_titre",
  "pilote",
  "indicateur",
  "unite",
  "cible",
  "periode_cible",
  "calcul",
] as const;

type Column = (typeof PLAN_COLUMNS)[number];

/** One indicator of the file, with the row it came from. */
export interface IndicatorInput extends Counting {
  line: number;
  label: string;
  unit: string;
  target: number | null;
  period: "YEAR" | "SEMESTER" | "PLAN";
}

export interface FicheInput {
  line: number;
  code: string;
  title: string;
  pilot: string | null;
  axis: number;
  indicators: IndicatorInput[];
}

/** A plan as the file describes it, validated: its axes by number and its fiches by code. */
export interface PlanInput {
  line: number;
  code: string;
  title: string;
  startYear: number;
  endYear: number;
  axes: Map<number, string>;
  fiches: Map<string, FicheInput>;
}

const PERIODS: Record<string, IndicatorInput["period"]> = {
  annee: "YEAR",
  an: "YEAR",
  annuel: "YEAR",
  annuelle: "YEAR",
  semestre: "SEMESTER",
  semestriel: "SEMESTER",
  plan: "PLAN",
};

const plain = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();

/** Reads and checks every row; the first problem is thrown with its row, column and what is expected. */
export function planFromTable(table: Table): PlanInput[] {
  expectColumns(table, PLAN_COLUMNS, (name) => closest(name, PLAN_COLUMNS, distance, 1)[0]!);
  const plans = new Map<string, PlanInput>();
  const indicatorRows = new Map<string, number>();
  for (const row of table.rows) {
    const cell = (column: Column) => row.cells[column] ?? "";
    const fail = (column: Column, expected: string): never => {
      throw new AdminError(
        `Row ${row.line}, column ${column}: ${expected}${cell(column) ? `; found "${cell(column)}"` : ""}.`,
      );
    };
    const required = (column: Column, what: string) => cell(column) || fail(column, `${what} is missing`);
    const code = required("plan_code", "the plan's code (e.g. SDAASP-17)");
    const plan = plans.get(code) ?? {
      line: row.line,
      code,
      title: "",
      startYear: 0,
      endYear: 0,
      axes: new Map(),
      fiches: new Map(),
    };
    plans.set(code, plan);
    const title = required("plan_titre", "the plan's title");
    const startYear =
      yearOf(cell("debut")) ?? fail("debut", "expected the plan's first year (2018) or first day (2018-01-01)");
    const endYear = yearOf(cell("fin")) ?? fail("fin", "expected the plan's last year (2024) or last day (2024-12-31)");
    if (endYear < startYear) fail("fin", `the plan ends before it starts (${startYear})`);
    if (plan.title === "") Object.assign(plan, { title, startYear, endYear });
    same(row, "plan_titre", plan.title, title, plan.line, "a plan's title");
    same(row, "debut", String(plan.startYear), String(startYear), plan.line, "a plan's first year");
    same(row, "fin", String(plan.endYear), String(endYear), plan.line, "a plan's last year");

    const axis = /^\d{1,3}$/.test(cell("axe_code"))
      ? Number(cell("axe_code"))
      : fail("axe_code", "expected the axis' or orientation's number (1, 2, 3…)");
    const axisTitle = required("axe_titre", "the axis' title");
    if (!plan.axes.has(axis)) plan.axes.set(axis, axisTitle);
    same(row, "axe_titre", plan.axes.get(axis)!, axisTitle, undefined, `axis ${axis}'s title`);

    const ficheCode = required("fiche_code", "the fiche-action's code (e.g. 3.1)");
    const ficheTitle = required("fiche_titre", "the fiche-action's title");
    const fiche = plan.fiches.get(ficheCode) ?? {
      line: row.line,
      code: ficheCode,
      title: ficheTitle,
      pilot: cell("pilote") || null,
      axis,
      indicators: [],
    };
    plan.fiches.set(ficheCode, fiche);
    same(row, "fiche_titre", fiche.title, ficheTitle, fiche.line, `fiche ${ficheCode}'s title`);
    same(row, "pilote", fiche.pilot ?? "", cell("pilote"), fiche.line, `fiche ${ficheCode}'s pilot`);
    same(row, "axe_code", String(fiche.axis), String(axis), fiche.line, `fiche ${ficheCode}'s axis`);

    const label = required("indicateur", "the indicator's label");
    const key = `${code}\u0000${ficheCode}\u0000${plain(label)}`;
    const earlier = indicatorRows.get(key);
    if (earlier)
      fail(
        "indicateur",
        `fiche ${ficheCode} already has this indicator on row ${earlier}; each indicator of a fiche appears once`,
      );
    indicatorRows.set(key, row.line);
    const target =
      targetOf(cell("cible")) ??
      fail("cible", "expected a number (such as 20 or 2,5), or nothing when the plan sets no numeric target");
    const period = PERIODS[plain(cell("periode_cible"))] ?? fail("periode_cible", "expected annee, semestre or plan");
    const counting = countingOf(cell("calcul")) ?? fail("calcul", unknownCounter(cell("calcul")));
    fiche.indicators.push({
      line: row.line,
      label,
      unit: cell("unite"),
      target: target === "none" ? null : target,
      period,
      ...counting,
    });
  }
  return [...plans.values()];
}

/** A cell that must repeat what an earlier row of the same plan, axis or fiche said. */
function same(
  row: TableRow,
  column: Column,
  first: string,
  now: string,
  firstLine: number | undefined,
  what: string,
): void {
  if (first === now) return;
  throw new AdminError(
    `Row ${row.line}, column ${column}: ${what} is "${first}"${firstLine ? ` on row ${firstLine}` : " on an earlier row"}, not "${now}"; it must be the same on each of its rows.`,
  );
}

function yearOf(text: string): number | undefined {
  const match = /^(\d{4})$/.exec(text) ?? /^(\d{4})-\d{2}-\d{2}/.exec(text) ?? /^\d{1,2}\/\d{1,2}\/(\d{4})$/.exec(text);
  const year = match ? Number(match[1]) : NaN;
  return year >= 1990 && year <= 2100 ? year : undefined;
}

/** The target, "none" for an empty cell (no numeric target), undefined when it is not a number. */
function targetOf(text: string): number | "none" | undefined {
  if (text === "") return "none";
  const normalized = text.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(normalized)) return undefined;
  const value = Number(normalized);
  return value < 1e10 ? value : undefined;
}

function unknownCounter(name: string): string {
  const [near] = closest(name, allCounterNames(), distance, 1);
  return `expected one of the bot's counters (did you mean "${near}"? npm run admin -- plan counters lists them, e.g. ${EXAMPLE_NAMES.slice(0, 3).join(", ")}), or nothing for a value summed from progress reports`;
}
