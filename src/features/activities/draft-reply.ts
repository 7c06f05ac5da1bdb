import { type CalendarDay, parisDay } from "../../calendar/paris.ts";
import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import type { Locale, Translate } from "../../core/i18n.ts";
import type { Choice, Reply } from "../../core/reply.ts";
import { ACT } from "./actions.ts";
import { formatAgeBreakdown, known } from "./ages.ts";
import { ACTIVITY_KINDS, DURATIONS } from "./catalogue.ts";
import type { NetworkPlaces } from "./data.ts";
import { formatDay, formatDuration, readActivityDay } from "./days.ts";
import { describeReport, placeText, viewOfDraft } from "./describe.ts";
import type { ActivityDraft } from "./draft.ts";
import { valuesOfDraft } from "./form.ts";
import type { PendingDraft } from "./pending.ts";
import { checkReport } from "./save.ts";

/** What an ambiguity's reading means, in the member's words where the catalogue has them. */
function optionLabel(
  t: Translate,
  locale: Locale,
  value: Partial<ActivityDraft>,
  places: NetworkPlaces,
  today: CalendarDay,
  fallback: string,
): string {
  const view = viewOfDraft(value as ActivityDraft, places, today);
  const parts: string[] = [];
  if (value.kind) parts.push(t(`activities.catalogue.kinds.${value.kind}`));
  if (value.place || value.organisationId || value.territoryId) parts.push(placeText(t, view) ?? "");
  if (value.durationMin) parts.push(formatDuration(value.durationMin));
  if (value.date) {
    const day = readActivityDay(value.date, today);
    if (day) parts.push(formatDay(day, locale));
  }
  if (value.participants !== undefined) {
    const people = t("activities.summary.people", { count: value.participants });
    // "6 seniors" reads as six people aged 60 or more: the reading says so.
    const ages = value.ageBrackets && known(value.ageBrackets);
    parts.push(ages ? t("activities.summary.peopleAges", { people, ages: formatAgeBreakdown(ages) }) : people);
  }
  if (value.themes?.length) parts.push(value.themes.map((c) => t(`activities.catalogue.themes.${c}`)).join(", "));
  if (value.procedures?.length)
    parts.push(value.procedures.map((c) => t(`activities.catalogue.procedures.${c}`)).join(", "));
  if (value.equipment?.length)
    parts.push(value.equipment.map((c) => t(`activities.catalogue.equipment.${c}`)).join(", "));
  if (value.autonomy) parts.push(t(`activities.catalogue.autonomy.${value.autonomy}`));
  if (value.workshopLevel) parts.push(t(`activities.catalogue.levels.${value.workshopLevel}`));
  const label = parts.filter(Boolean).join(" — ");
  return label || fallback;
}

/**
 * The draft as the adviser checks it: what was understood, what was not read, the question the
 * draft still raises (one ambiguity at a time, then a missing kind or duration), and Confirm only
 * once every rule is met.
 */
export function draftReply(ctx: Context, pending: PendingDraft, places: NetworkPlaces, notice?: string): Reply {
  const { t, actor } = ctx;
  const today = parisDay(ctx.now);
  const { token, draft } = pending;
  const lines = [
    ...(notice ? [notice] : []),
    t("activities.draft.title"),
    ...describeReport(t, actor.locale, viewOfDraft(draft, places, today)),
  ];
  if (pending.unread.length > 0) lines.push(t("activities.draft.unread", { words: pending.unread.join(" ") }));
  const choices: Choice[] = [];
  const [ambiguity] = pending.ambiguities;
  if (ambiguity) {
    lines.push(t("activities.draft.ambiguity", { words: ambiguity.words }));
    const labels = ambiguity.options.map((o) => optionLabel(t, actor.locale, o.value, places, today, o.label));
    // Two readings that read the same in our words: the parser's own labels tell them apart.
    const distinct = new Set(labels).size === labels.length;
    ambiguity.options.forEach((o, j) => {
      choices.push({
        id: pressId(ACT.reading, token, pending.ambiguities.length, j),
        label: distinct ? labels[j]! : o.label,
      });
    });
  } else if (!draft.kind) {
    lines.push(t("activities.draft.askKind"));
    for (const kind of ACTIVITY_KINDS)
      choices.push({ id: pressId(ACT.kind, token, kind), label: t(`activities.catalogue.kinds.${kind}`) });
  } else if (!draft.durationMin) {
    lines.push(t("activities.draft.askDuration"));
    for (const minutes of DURATIONS)
      choices.push({ id: pressId(ACT.duration, token, minutes), label: formatDuration(minutes) });
  } else if (!draft.themes?.length) {
    lines.push(t("activities.draft.askThemes"));
  } else {
    const checked = checkReport(ctx, places, valuesOfDraft(draft, today));
    if (checked.ok)
      choices.push({ id: pressId(ACT.confirm, token), label: t("activities.buttons.confirm"), style: "primary" });
    else lines.push(checked.sentence, t("activities.draft.correctHint"));
  }
  choices.push(
    { id: pressId(ACT.fix, token), label: t("activities.buttons.correct") },
    { id: pressId(ACT.drop, token), label: t("activities.buttons.drop"), style: "danger" },
  );
  return { text: lines.join("\n"), choices, visibility: "private" };
}
