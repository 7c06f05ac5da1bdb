import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import type { Choice } from "../../core/reply.ts";
import { fold } from "../activities/quick-entry-text.ts";
import { PRG } from "./actions.ts";
import { type Fiche, ficheLabel } from "./fiches.ts";
import { stem } from "./units.ts";

/** Buttons in one message (Discord shows at most 25). */
export const MENU_MAX = 25;
/** Fiches whose titles share words with the line, shown before the plans when there are too many to list. */
const LIKELY_MAX = 10;

/**
 * Where a fiche button leads: `-` opens the blank form, a draft's token sets that draft's fiche.
 * Ids: `prg.fiche:<target>:<ficheId>`, and `prg.group:<target>:<planId>[:<axis>]` to open a group.
 */
export type PickerTarget = string;

function words(text: string): Set<string> {
  return new Set(
    fold(text)
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 4)
      .map(stem),
  );
}

/** The fiches in the order of how many words their titles share with `text`, plan order among equals. */
export function rankByWords(text: string, fiches: Fiche[]): { fiche: Fiche; score: number }[] {
  const typed = words(text);
  return fiches
    .map((fiche, index) => ({ fiche, index, score: [...words(fiche.title)].filter((w) => typed.has(w)).length }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ fiche, score }) => ({ fiche, score }));
}

const ficheChoice = (target: PickerTarget, fiche: Fiche): Choice => ({
  id: pressId(PRG.fiche, target, fiche.id),
  label: ficheLabel(fiche),
});

/**
 * Buttons to reach any of `fiches` within `room` buttons: the fiches themselves when they fit;
 * otherwise one button per plan, then per axis of a plan, and the first fiches of an axis too long.
 */
export function pickerChoices(ctx: Context, fiches: Fiche[], target: PickerTarget, room = MENU_MAX): Choice[] {
  if (fiches.length <= room) return fiches.map((f) => ficheChoice(target, f));
  const plans = [...new Map(fiches.map((f) => [f.planId, f.planCode])).entries()];
  if (plans.length > 1) {
    return plans.slice(0, room).map(([planId, planCode]) => ({
      id: pressId(PRG.group, target, planId, undefined),
      label: ctx.t("progress.picker.plan", { plan: planCode, count: fiches.filter((f) => f.planId === planId).length }),
    }));
  }
  const axes = [...new Set(fiches.map((f) => f.axisNumber))];
  if (axes.length > 1) {
    return axes.slice(0, room).map((axis) => ({
      id: pressId(PRG.group, target, fiches[0]!.planId, axis),
      label: ctx.t("progress.picker.axis", {
        plan: fiches[0]!.planCode,
        axis,
        count: fiches.filter((f) => f.axisNumber === axis).length,
      }),
    }));
  }
  return fiches.slice(0, room).map((f) => ficheChoice(target, f));
}

/** The fiches of a group button: a plan, or an axis of it. */
export function fichesOfGroup(fiches: Fiche[], planId: string, axis: string | undefined): Fiche[] {
  return fiches.filter((f) => f.planId === planId && (axis === undefined || String(f.axisNumber) === axis));
}

/**
 * Buttons to pick the fiche of a line that named none: every fiche when they fit, those sharing
 * words with the line first; otherwise the likeliest few, then the plans to browse.
 */
export function likelyChoices(
  ctx: Context,
  text: string,
  fiches: Fiche[],
  target: PickerTarget,
  room = MENU_MAX,
): Choice[] {
  const ranked = rankByWords(text, fiches);
  if (fiches.length <= room) return ranked.map(({ fiche }) => ficheChoice(target, fiche));
  const likely = ranked
    .filter((r) => r.score > 0)
    .slice(0, LIKELY_MAX)
    .map(({ fiche }) => ficheChoice(target, fiche));
  return [...likely, ...pickerChoices(ctx, fiches, target, room - likely.length)];
}
