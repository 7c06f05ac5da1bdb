import { attachable, type Fiche } from "./fiches.ts";
import type { CountCandidate } from "./line.ts";
import { countsPeople, namesIndicator } from "./units.ts";

/** One way to attach a progress line to an indicator: a value to add, or null when it must be typed. */
export interface IndicatorChoice {
  indicatorId: string;
  value: number | null;
}

/**
 * The buttons a draft offers for a fiche, one reading each, none chosen for the member:
 * - a count whose words name the indicator ("18 présents" for attendees) is offered to it;
 * - an indicator of occurrences (meetings, issues) otherwise gets +1;
 * - an indicator of people otherwise gets each count no indicator claimed, or a value to type.
 */
export function indicatorChoices(fiche: Fiche, counts: readonly CountCandidate[]): IndicatorChoice[] {
  const indicators = attachable(fiche);
  const unclaimed = counts.filter((c) => !indicators.some((i) => namesIndicator(c.words, i)));
  const choices: IndicatorChoice[] = [];
  const add = (indicatorId: string, value: number | null) => {
    if (!choices.some((c) => c.indicatorId === indicatorId && c.value === value)) choices.push({ indicatorId, value });
  };
  for (const indicator of indicators) {
    const named = counts.filter((c) => namesIndicator(c.words, indicator));
    if (named.length > 0) for (const c of named) add(indicator.id, c.value);
    else if (!countsPeople(indicator)) add(indicator.id, 1);
    else if (unclaimed.length > 0) for (const c of unclaimed) add(indicator.id, c.value);
    else add(indicator.id, null);
  }
  return choices;
}
