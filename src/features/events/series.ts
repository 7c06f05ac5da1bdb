import { randomUUID } from "node:crypto";
import type { Event, Prisma } from "@prisma/client";
import {
  addDays,
  type CalendarDay,
  parisDay,
  parisInstant,
  parisMinuteOfDay,
  readTypedDay,
} from "../../calendar/paris.ts";
import {
  buildRule,
  MAX_OCCURRENCES,
  occurrences,
  REPEAT_KINDS,
  type RepeatKind,
  ruleFrequency,
} from "../../calendar/rrule.ts";
import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { type Reply, say } from "../../core/reply.ts";
import { EVT } from "./actions.ts";
import { formatWhen, shortRef } from "./format.ts";
import { createOtherOccurrences } from "./mutations.ts";

type Values = Record<string, string | string[]>;

export type PlannedSeries =
  | { ok: true; rule: null }
  | { ok: true; rule: string; seriesId: string; starts: Date[] }
  | { ok: false; problems: string[] };

const text = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(" ") : (v ?? "")).trim();

/** Reads the form's repeat fields: no repetition, or the rule and the start of every occurrence (the first included). */
export function planSeries(ctx: Context, values: Values, startsAt: Date): PlannedSeries {
  const kind = text(values.repeat) || "none";
  if (!REPEAT_KINDS.includes(kind as RepeatKind)) return { ok: false, problems: [ctx.t("events.repeat.errors.kind")] };
  if (kind === "none") return { ok: true, rule: null };
  const countText = text(values.repeatCount);
  const untilText = text(values.repeatUntil);
  let until: CalendarDay | null = null;
  if (untilText !== "") {
    until = readTypedDay(untilText, parisDay(ctx.now), "next");
    if (!until) return { ok: false, problems: [ctx.t("events.repeat.errors.untilDate")] };
  }
  const count = countText === "" ? null : Number(countText);
  const built = buildRule(kind as RepeatKind, startsAt, { count, until });
  if (!built.ok)
    return { ok: false, problems: [ctx.t(`events.repeat.errors.${built.error}`, { max: MAX_OCCURRENCES })] };
  return { ok: true, rule: built.rule!, seriesId: randomUUID(), starts: occurrences(built.rule!, startsAt) };
}

/** Whole Paris calendar days from `a` to `b`. */
function daysBetween(a: CalendarDay, b: CalendarDay): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** `instant` moved with its event from `from` to `to`: same Paris wall-clock time, same number of days apart. */
export function moveWithStart(instant: Date, from: Date, to: Date): Date {
  const offset = daysBetween(parisDay(from), parisDay(instant));
  return parisInstant(addDays(parisDay(to), offset), parisMinuteOfDay(instant));
}

/**
 * Creates the occurrences after the first (already created), copies of it at their own dates; the
 * registration deadline and the end keep their distance to the start on the wall clock.
 */
export async function createRestOfSeries(ctx: Context, first: Event, starts: readonly Date[]): Promise<Reply[]> {
  const { id: _id, createdAt: _c, updatedAt: _u, checkInCode: _code, questions, ...copy } = first;
  const rows: Prisma.EventCreateManyInput[] = starts.slice(1).map((startsAt) => ({
    ...copy,
    questions: questions as Prisma.InputJsonValue,
    startsAt,
    endsAt: moveWithStart(first.endsAt, first.startsAt, startsAt),
    registrationClosesAt:
      first.registrationClosesAt &&
      new Date(
        Math.min(moveWithStart(first.registrationClosesAt, first.startsAt, startsAt).getTime(), startsAt.getTime()),
      ),
  }));
  await createOtherOccurrences(ctx.db, first.id, rows);
  const last = { startsAt: starts.at(-1)!, endsAt: moveWithStart(first.endsAt, first.startsAt, starts.at(-1)!) };
  return [
    say(
      ctx.t("events.repeat.done", {
        title: first.title,
        ref: shortRef(first.id),
        count: starts.length,
        repeat: ctx.t(`events.repeat.short.${ruleFrequency(first.recurrence) ?? "monthly"}`),
        first: formatWhen(first, ctx),
        last: formatWhen(last, ctx),
      }),
      [{ id: pressId(EVT.registrants, first.id), label: ctx.t("events.buttons.registrants") }],
    ),
  ];
}
