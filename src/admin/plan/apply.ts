import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import type { Tx } from "../transaction.ts";
import type { FicheInput, IndicatorInput, PlanInput } from "./rows.ts";

/** What importing a plan file changed (or would change), as sentences for the operator. */
export interface PlanChanges {
  created: { plans: number; axes: number; fiches: number; indicators: number };
  updated: string[];
  archived: string[];
}

const plain = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
const stable = (o: object) => JSON.stringify(o, Object.keys(o).sort());

/**
 * Writes the file's plans into the network: creates what is new, updates titles, pilots and
 * targets, brings back what had been archived, and archives the fiches and indicators of these
 * plans that the file no longer lists (their progress reports stay). Plans absent from the file are
 * left alone. Matching is by plan code, axis number, fiche code and indicator label.
 */
export async function applyPlans(
  tx: Tx,
  networkId: string,
  plans: readonly PlanInput[],
  now = new Date(),
): Promise<PlanChanges> {
  const changes: PlanChanges = { created: { plans: 0, axes: 0, fiches: 0, indicators: 0 }, updated: [], archived: [] };
  const newFiches: Prisma.FicheActionCreateManyInput[] = [];
  const newIndicators: Prisma.IndicatorCreateManyInput[] = [];
  for (const p of plans) {
    const existing = await tx.plan.findUnique({
      where: { networkId_code: { networkId, code: p.code } },
      include: { axes: { include: { fiches: { include: { indicators: true } } } } },
    });
    const plan =
      existing ??
      (await tx.plan.create({
        data: { networkId, code: p.code, title: p.title, startYear: p.startYear, endYear: p.endYear },
        include: { axes: { include: { fiches: { include: { indicators: true } } } } },
      }));
    if (!existing) changes.created.plans++;
    else if (plan.title !== p.title || plan.startYear !== p.startYear || plan.endYear !== p.endYear) {
      await tx.plan.update({
        where: { id: plan.id },
        data: { title: p.title, startYear: p.startYear, endYear: p.endYear },
      });
      changes.updated.push(`plan ${p.code}: title or years`);
    }
    const axisIds = new Map(plan.axes.map((a) => [a.number, a.id]));
    for (const [number, title] of p.axes) {
      const axis = plan.axes.find((a) => a.number === number);
      if (!axis) {
        const created = await tx.axis.create({
          data: { networkId, planId: plan.id, number, title },
          select: { id: true },
        });
        axisIds.set(number, created.id);
        changes.created.axes++;
      } else if (axis.title !== title) {
        await tx.axis.update({ where: { id: axis.id }, data: { title } });
        changes.updated.push(`plan ${p.code}, axis ${number}: title`);
      }
    }
    const fiches = plan.axes.flatMap((a) => a.fiches);
    for (const f of p.fiches.values()) {
      const axisId = axisIds.get(f.axis)!;
      const fiche = fiches.find((x) => x.code === f.code);
      if (!fiche) {
        const id = randomUUID();
        newFiches.push({ id, networkId, axisId, code: f.code, title: f.title, pilot: f.pilot, partners: [] });
        newIndicators.push(...f.indicators.map((i) => indicatorRow(networkId, id, i)));
        changes.created.fiches++;
        changes.created.indicators += f.indicators.length;
        continue;
      }
      if (fiche.title !== f.title || fiche.pilot !== f.pilot || fiche.axisId !== axisId || fiche.archivedAt !== null) {
        await tx.ficheAction.update({
          where: { id: fiche.id },
          data: { title: f.title, pilot: f.pilot, axisId, archivedAt: null },
        });
        changes.updated.push(`fiche ${f.code}: ${fiche.archivedAt ? "back in the plan" : "title, pilot or axis"}`);
      }
      await syncIndicators(tx, networkId, fiche, f, changes, newIndicators, now);
    }
    const listed = new Set(p.fiches.keys());
    for (const fiche of fiches.filter((x) => !listed.has(x.code) && x.archivedAt === null)) {
      await tx.ficheAction.update({ where: { id: fiche.id }, data: { archivedAt: now } });
      const reports = await tx.progressReport.count({ where: { ficheActionId: fiche.id } });
      changes.archived.push(
        `fiche ${fiche.code} "${fiche.title}" is not in the file: archived, its ${reports} progress report(s) kept`,
      );
    }
  }
  if (newFiches.length) await tx.ficheAction.createMany({ data: newFiches });
  if (newIndicators.length) await tx.indicator.createMany({ data: newIndicators });
  return changes;
}

type ExistingFiche = Prisma.FicheActionGetPayload<{ include: { indicators: true } }>;

async function syncIndicators(
  tx: Tx,
  networkId: string,
  fiche: ExistingFiche,
  f: FicheInput,
  changes: PlanChanges,
  creates: Prisma.IndicatorCreateManyInput[],
  now: Date,
): Promise<void> {
  const byLabel = new Map(fiche.indicators.map((i) => [plain(i.label), i]));
  for (const i of f.indicators) {
    const row = byLabel.get(plain(i.label));
    if (!row) {
      creates.push(indicatorRow(networkId, fiche.id, i));
      changes.created.indicators++;
      continue;
    }
    const target = row.target === null ? null : Number(row.target);
    const same =
      row.label === i.label &&
      row.unit === i.unit &&
      target === i.target &&
      row.period === i.period &&
      row.computation === i.computation &&
      stable(row.filter as object) === stable(i.filter) &&
      row.archivedAt === null;
    if (same) continue;
    await tx.indicator.update({
      where: { id: row.id },
      data: {
        label: i.label,
        unit: i.unit,
        target: i.target,
        period: i.period,
        computation: i.computation,
        filter: i.filter as Prisma.InputJsonObject,
        archivedAt: null,
      },
    });
    changes.updated.push(
      `fiche ${f.code}, indicator "${i.label}"${target !== i.target ? `: target ${target ?? "none"} → ${i.target ?? "none"}` : ""}`,
    );
  }
  const listed = new Set(f.indicators.map((i) => plain(i.label)));
  for (const row of fiche.indicators.filter((x) => !listed.has(plain(x.label)) && x.archivedAt === null)) {
    await tx.indicator.update({ where: { id: row.id }, data: { archivedAt: now } });
    changes.archived.push(
      `fiche ${f.code}, indicator "${row.label}" is not in the file: archived, its progress reports kept`,
    );
  }
}

function indicatorRow(networkId: string, ficheActionId: string, i: IndicatorInput): Prisma.IndicatorCreateManyInput {
  return {
    networkId,
    ficheActionId,
    label: i.label,
    unit: i.unit,
    target: i.target,
    period: i.period,
    computation: i.computation,
    filter: i.filter as Prisma.InputJsonObject,
  };
}
