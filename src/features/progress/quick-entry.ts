import { compareDays, parisDay } from "../../calendar/paris.ts";
import type { Context } from "../../core/context.ts";
import type { MessageKey } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import { isoDay } from "../../shared/dates.ts";
import { refusal } from "./check.ts";
import { draftReply } from "./draft-reply.ts";
import { loadFiches } from "./fiches.ts";
import { readProgressLine } from "./line.ts";
import { startDraft } from "./pending.ts";
import { textProblems, VALUE_MAX } from "./schema.ts";

/**
 * `avancement <texte>`: the line becomes a draft shown with its questions (day, fiche, indicator).
 * A line that names a person (phone, e-mail, social-security number), a future day or an
 * impossible count is refused before anything is stored.
 */
export async function quickProgress(ctx: Context, typed: string): Promise<Reply[]> {
  const { db, actor, t } = ctx;
  const text = typed.trim();
  const today = parisDay(ctx.now);
  const problems: MessageKey[] = textProblems(text);
  if (problems.length > 0) return [say(refusal(ctx, problems))];
  const fiches = await loadFiches(db, actor.networkId);
  if (fiches.length === 0) return [say(t("progress.errors.noFiches"))];
  const line = readProgressLine(text, today, fiches);
  if (line.days.some((day) => compareDays(day, today) > 0)) problems.push("progress.errors.future");
  if (line.counts.some((c) => c.value <= 0 || c.value > VALUE_MAX)) problems.push("progress.errors.valueRange");
  if (problems.length > 0) return [say(refusal(ctx, problems))];
  const reading = line.fiche;
  const draft = await startDraft(db, actor.networkId, actor.identityId, {
    text,
    days: (line.days.length > 0 ? line.days : [today]).map(isoDay),
    ...(reading.kind === "found" && reading.fiches.length === 1 ? { ficheId: reading.fiches[0]!.id } : {}),
    ficheChoices:
      reading.kind === "found" && reading.fiches.length > 1
        ? reading.fiches.map((f) => f.id)
        : reading.kind === "unknown"
          ? reading.close.map((f) => f.id)
          : [],
    ...(reading.kind === "unknown" ? { unknownCode: { code: reading.code, plans: reading.plans } } : {}),
    counts: line.counts,
  });
  return [draftReply(ctx, draft, fiches)];
}
