import type { Db } from "../../db/database.ts";
import { acceptsReports, counterFor, type IndicatorFilter } from "../indicators/counters.ts";

const isEventFed = (computation: string, filter: IndicatorFilter) =>
  counterFor(computation, filter) !== undefined && acceptsReports(computation, filter);

/** An indicator of a fiche as progress reports see it. */
export interface FicheIndicator {
  id: string;
  label: string;
  unit: string;
  /** True when the bot counts it from its own records: a progress report cannot add to it. */
  counted: boolean;
  /** True when the bot also counts it from its events: a report adds only what was held outside the bot. */
  eventFed: boolean;
}

/** A fiche-action members may report progress on, with its plan and indicators. */
export interface Fiche {
  id: string;
  code: string;
  title: string;
  planId: string;
  planCode: string;
  axisNumber: number;
  indicators: FicheIndicator[];
}

/** Button labels stay within what every platform shows (Discord: 80 characters). */
const LABEL_MAX = 60;

/** Every fiche of the network's plans, in plan, axis and code order ("1.2" before "1.10"), its indicators by label. */
export async function loadFiches(db: Db, networkId: string): Promise<Fiche[]> {
  const rows = await db.ficheAction.findMany({
    // Archived fiches (dropped from a revised plan file) keep their reports but take no new ones.
    where: { networkId, archivedAt: null },
    select: {
      id: true,
      code: true,
      title: true,
      axis: { select: { number: true, plan: { select: { id: true, code: true } } } },
      indicators: {
        where: { archivedAt: null },
        select: { id: true, label: true, unit: true, computation: true, filter: true },
      },
    },
  });
  return rows
    .map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      planId: r.axis.plan.id,
      planCode: r.axis.plan.code,
      axisNumber: r.axis.number,
      // Sorted here rather than by the database, whose collation may differ between PGlite and PostgreSQL.
      indicators: r.indicators
        .map((i) => ({
          id: i.id,
          label: i.label,
          unit: i.unit,
          counted: !acceptsReports(i.computation, (i.filter ?? {}) as IndicatorFilter),
          eventFed: isEventFed(i.computation, (i.filter ?? {}) as IndicatorFilter),
        }))
        .sort((a, b) => a.label.localeCompare(b.label, "fr")),
    }))
    .sort(
      (a, b) =>
        a.planCode.localeCompare(b.planCode) ||
        a.axisNumber - b.axisNumber ||
        a.code.localeCompare(b.code, "fr", { numeric: true }),
    );
}

/** Cuts a text to `max` characters, ending with "…" when it was longer. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** "CLS-TDC 1.1.2 Dynamisation de la commission…", short enough for a button. */
export function ficheLabel(fiche: Pick<Fiche, "planCode" | "code" | "title">, max = LABEL_MAX): string {
  return clip(`${fiche.planCode} ${fiche.code} ${fiche.title}`, max);
}

/** The indicators a progress report may add a value to. */
export function attachable(fiche: Fiche): FicheIndicator[] {
  return fiche.indicators.filter((i) => !i.counted);
}
