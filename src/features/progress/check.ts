import { parisDay } from "../../calendar/paris.ts";
import type { Context } from "../../core/context.ts";
import type { MessageKey } from "../../core/i18n.ts";
import type { Fiche } from "./fiches.ts";
import { type ProgressValues, problemsOf, progressSchema, type ValidProgress } from "./schema.ts";

export type Checked = { ok: true; report: ValidProgress } | { ok: false; sentence: string };

/** "Nothing was recorded:" and one line per problem, in the member's language. */
export function refusal(ctx: Context, problems: MessageKey[]): string {
  return [ctx.t("progress.errors.intro"), ...problems.map((key) => ctx.t(key))].join("\n");
}

/** Applies every rule of a progress report on `fiche` to the form's values. */
export function checkProgress(ctx: Context, fiche: Fiche, values: ProgressValues): Checked {
  const parsed = progressSchema({ today: parisDay(ctx.now), fiche }).safeParse(values);
  if (parsed.success) return { ok: true, report: parsed.data };
  return { ok: false, sentence: refusal(ctx, problemsOf(parsed.error)) };
}
