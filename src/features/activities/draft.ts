import type { ActivityKind, AgeBracket, Equipment, Place, ProcedureDomain, Theme } from "./catalogue.ts";

/**
 * An activity report being put together (from the quick entry, a duplicated report, or the form):
 * every field optional until the adviser confirms. Dates are Paris calendar days "YYYY-MM-DD".
 */
export interface ActivityDraft {
  kind?: ActivityKind;
  date?: string;
  durationMin?: number;
  place?: Place;
  organisationId?: string;
  territoryId?: string;
  participants?: number;
  ageBrackets?: Partial<Record<AgeBracket, number>>;
  themes?: Theme[];
  procedures?: ProcedureDomain[];
  equipment?: Equipment[];
  autonomy?: "not_autonomous" | "partly" | "autonomous";
  referred?: boolean;
  referralKind?: string;
  workshopTitle?: string;
  workshopLevel?: "beginner" | "intermediate" | "advanced";
  notes?: string;
}

/** A place name the parser may recognise: an organisation (support site) or a commune of the network. */
export interface KnownPlace {
  kind: "organisation" | "commune";
  id: string;
  name: string;
}

/** Something the quick entry could read in two ways: the adviser is asked, never guessed for. */
export interface Ambiguity {
  /** The draft field concerned. */
  field: keyof ActivityDraft;
  /** The words of the entry that are ambiguous. */
  words: string;
  /** The readings, each a partial draft the adviser may pick. */
  options: { label: string; value: Partial<ActivityDraft> }[];
}

/** What the quick entry made of a line: the draft, what it could not place, and what it must ask. */
export interface QuickEntryResult {
  draft: ActivityDraft;
  /** Words the parser did not use (shown to the adviser, so nothing typed is silently lost). */
  unread: string[];
  ambiguities: Ambiguity[];
}
