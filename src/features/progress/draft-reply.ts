import { parisDay } from "../../calendar/paris.ts";
import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import type { Choice, Reply } from "../../core/reply.ts";
import { formatDay, readActivityDay } from "../activities/days.ts";
import { PRG } from "./actions.ts";
import { clip, type Fiche, ficheLabel } from "./fiches.ts";
import type { ProgressDraft } from "./pending.ts";
import { likelyChoices, MENU_MAX } from "./picker.ts";
import { indicatorChoices } from "./readings.ts";

const BUTTON_MAX = 60;

/** "18", "1 500", "2,5" in the member's language. */
export function formatValue(value: number, locale: string): string {
  return new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 2 }).format(value);
}

/** "+18 Élus présents aux commissions santé…", as a button or a line says it. */
export function additionText(ctx: Context, value: number, label: string, max = BUTTON_MAX): string {
  return clip(ctx.t("progress.draft.add", { value: formatValue(value, ctx.actor.locale), indicator: label }), max);
}

/**
 * The draft as the member checks it, one question at a time: which day when the line named two,
 * which fiche when its codes named none or several, then which indicator (a button per reading,
 * "no indicator"); Save appears once that is answered.
 */
export function draftReply(ctx: Context, draft: ProgressDraft, fiches: Fiche[], notice?: string): Reply {
  const { t } = ctx;
  const lines = notice ? [notice] : [];
  const choices: Choice[] = [];
  const drop: Choice = { id: pressId(PRG.drop, draft.token), label: t("progress.buttons.drop"), style: "danger" };
  const today = parisDay(ctx.now);
  const fiche = fiches.find((f) => f.id === draft.ficheId);
  if (draft.days.length > 1) {
    lines.push(t("progress.draft.text", { text: draft.text }), t("progress.draft.askDay"));
    for (const iso of draft.days)
      choices.push({
        id: pressId(PRG.day, draft.token, iso),
        label: formatDay(readActivityDay(iso, today)!, ctx.actor.locale),
      });
    return { text: lines.join("\n"), choices: [...choices, drop], visibility: "private" };
  }
  if (!fiche) {
    lines.push(
      t("progress.draft.text", { text: draft.text }),
      t("progress.draft.date", { date: formatDay(readActivityDay(draft.days[0]!, today)!, ctx.actor.locale) }),
    );
    const offered = fiches.filter((f) => draft.ficheChoices.includes(f.id));
    if (draft.unknownCode) {
      const { code, plans } = draft.unknownCode;
      lines.push(
        plans.length > 0
          ? t("progress.draft.unknownCodeInPlan", { code, plan: plans.join(", ") })
          : t("progress.draft.unknownCode", { code }),
      );
    }
    lines.push(
      t(
        offered.length > 0
          ? draft.unknownCode
            ? "progress.draft.askCloseFiche"
            : "progress.draft.askAmongFiches"
          : "progress.draft.askFiche",
      ),
    );
    if (offered.length > 0) {
      choices.push(...offered.map((f) => ({ id: pressId(PRG.fiche, draft.token, f.id), label: ficheLabel(f) })), {
        id: pressId(PRG.allFiches, draft.token),
        label: t("progress.buttons.otherFiche"),
      });
    } else {
      choices.push(...likelyChoices(ctx, draft.text, fiches, draft.token, MENU_MAX - 1));
    }
    return { text: lines.join("\n"), choices: [...choices, drop], visibility: "private" };
  }
  const day = readActivityDay(draft.days[0]!, today)!;
  const chosen = fiche.indicators.find((i) => i.id === draft.indicatorId);
  const indicatorLine =
    draft.indicatorId === undefined
      ? t("progress.draft.indicatorToChoose")
      : chosen
        ? additionText(ctx, draft.value ?? 1, chosen.label, 200)
        : t("progress.draft.noIndicator");
  lines.push(
    t("progress.draft.title"),
    t("progress.draft.fiche", { fiche: ficheLabel(fiche, 200) }),
    t("progress.draft.date", { date: formatDay(day, ctx.actor.locale) }),
    t("progress.draft.text", { text: draft.text }),
  );
  const readings = indicatorChoices(fiche, draft.counts);
  if (readings.length > 0) lines.push(t("progress.draft.indicator", { indicator: indicatorLine }));
  for (const counted of fiche.indicators.filter((i) => i.counted))
    lines.push(t("progress.draft.counted", { indicator: counted.label }));
  if (chosen?.eventFed) lines.push(t("progress.draft.eventFed", { indicator: chosen.label }));
  const ready = draft.indicatorId !== undefined || readings.length === 0;
  if (ready)
    choices.push({ id: pressId(PRG.confirm, draft.token), label: t("progress.buttons.save"), style: "primary" });
  else lines.push(t("progress.draft.askIndicator"));
  for (const reading of readings) {
    const indicator = fiche.indicators.find((i) => i.id === reading.indicatorId)!;
    choices.push(
      reading.value === null
        ? {
            id: pressId(PRG.valueForm, draft.token, indicator.id),
            label: clip(t("progress.draft.typeValue", { indicator: indicator.label }), BUTTON_MAX),
          }
        : {
            id: pressId(PRG.value, draft.token, indicator.id, String(reading.value)),
            label: additionText(ctx, reading.value, indicator.label),
          },
    );
  }
  if (readings.length > 0)
    choices.push({ id: pressId(PRG.noIndicator, draft.token), label: t("progress.buttons.noIndicator") });
  choices.push(
    { id: pressId(PRG.fix, draft.token), label: t("progress.buttons.correct") },
    { id: pressId(PRG.allFiches, draft.token), label: t("progress.buttons.otherFiche") },
    drop,
  );
  return { text: lines.join("\n"), choices, visibility: "private" };
}
