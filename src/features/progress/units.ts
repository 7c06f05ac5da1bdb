// What a typed count may be counting. "18 présents" counts people; "+1" is the natural step of an
// indicator that counts occurrences (a meeting held, an issue published), never of one counting people.
import { fold } from "../activities/quick-entry-text.ts";
import type { FicheIndicator } from "./fiches.ts";

/** Indicator units that count people: a report adds the typed head count, never a default of one. */
const PEOPLE_UNITS = new Set(["participants", "attendees", "elected officials", "members", "subscribers", "people"]);

/** Words (folded, singular) that name what each unit counts, in French and English. */
const UNIT_WORDS: Record<string, string[]> = {
  participants: ["participant", "personne", "pers", "present", "presente", "inscrit", "visiteur", "people", "attendee"],
  attendees: ["present", "presente", "participant", "personne", "pers", "elu", "elue", "membre", "attendee", "people"],
  "elected officials": ["elu", "elue", "forme", "formee", "official", "councillor"],
  members: ["membre", "acteur", "member"],
  subscribers: ["abonne", "abonnee", "inscrit", "subscriber"],
  meetings: ["reunion", "seance", "commission", "rencontre", "meeting"],
  sessions: ["session", "seance", "formation", "atelier", "sensibilisation"],
  issues: ["newsletter", "numero", "lettre", "issue"],
  programmes: ["emission", "programme", "chronique"],
  events: ["forum", "evenement", "journee", "event"],
  evenings: ["soiree", "evening"],
  appointments: ["rendez", "rdv", "rencontre", "appointment"],
  practitioners: ["praticien", "medecin", "professionnel", "ps", "doctor"],
  actions: ["action"],
  structures: ["structure", "partenaire", "organisation"],
  partners: ["partenaire", "structure", "partner"],
  animations: ["animation"],
  requests: ["demande", "request"],
  contacts: ["contact"],
  stays: ["sejour", "stay"],
  documents: ["document", "guide", "support"],
  workshops: ["atelier", "workshop"],
  sites: ["site", "lieu"],
};

/** A word without accents, case and plural ending: "Présents" → "present", "newsletters" → "newsletter". */
export function stem(word: string): string {
  const folded = fold(word);
  return folded.length > 3 ? folded.replace(/(?:s|x)$/, "") : folded;
}

/** True when the indicator counts people (a head count must be typed). */
export function countsPeople(indicator: Pick<FicheIndicator, "unit">): boolean {
  return PEOPLE_UNITS.has(indicator.unit);
}

/** True when one of the words after a number names what the indicator counts (its unit, or a word of its label). */
export function namesIndicator(words: readonly string[], indicator: Pick<FicheIndicator, "unit" | "label">): boolean {
  const stems = words.map(stem);
  const unitWords = UNIT_WORDS[indicator.unit] ?? [stem(indicator.unit)];
  const labelWords = new Set(
    fold(indicator.label)
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 4)
      .map(stem),
  );
  return stems.some((s) => unitWords.includes(s) || labelWords.has(s));
}
