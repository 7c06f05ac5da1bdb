// The one-line quick entry of an activity report: "atelier 8 pers 2h Montech smartphone hier"
// becomes a draft the adviser confirms or corrects. What two groups of words say differently,
// and what one word may mean two ways, is returned as a question, never guessed.
//
// Rules for the ambiguous cases:
// - Kind: "atelier", "collectif", "individuel", "ponctuel"… name it; "accompagnement", "rdv", "perso"
//   say individual support unless a naming word says otherwise ("accompagnement collectif").
//   Without any kind word, 3 or more participants make a workshop (individual support is one person,
//   sometimes a couple); 2 participants are asked about (a couple helped together, or a small workshop).
// - A number without a unit is never a duration on its own. It becomes the head count only when the
//   line says it is a workshop and gives the duration elsewhere ("8 2h atelier"); otherwise the
//   adviser is asked between its possible readings (8 participants, 8 h, 45 min…).
// - "lundi" is the latest Monday before today: on a Monday it is a week ago (today is "aujourd'hui").
//   A day without month or year is the latest such day up to today ("le 31" on 2 December → 31 October).
// - A commune whose name is part of an organisation's ("Montech", "Médiathèque de Montech") is asked
//   about: at that site, or elsewhere in the commune. A commune no organisation is named after is
//   "another place" in it. A short form shared by several sites ("MSP", "France Services") is asked about.
// - "téléphone" alone may be how the activity took place (remote) or what it was about (the phone):
//   asked; "par téléphone", "tel" are remote; "téléphone portable", "smartphone" the device. "portable"
//   alone (phone or laptop) and "ANTS" alone (identity papers or vehicle) are asked about too.
import type { CalendarDay } from "../../calendar/paris.ts";
import { isoDay } from "../../shared/dates.ts";
import { MAX_PARTICIPANTS } from "./catalogue.ts";
import type { ActivityDraft, Ambiguity, KnownPlace, QuickEntryResult } from "./draft.ts";
import * as label from "./quick-entry-labels.ts";
import { FILLERS } from "./quick-entry-lexicon.ts";
import { indexPlaces, organisationsIn, type PlaceIndex } from "./quick-entry-places.ts";
import { addOnce, type Findings, scanLine } from "./quick-entry-scan.ts";
import { type Line, STOPWORDS, tokenize, trimPunctuation } from "./quick-entry-text.ts";

type Option = Ambiguity["options"][number] & { words: string };

/** Reads a one-line activity report into a draft, the words it could not use and the questions to ask. */
export function parseQuickEntry(text: string, context: { today: CalendarDay; places: KnownPlace[] }): QuickEntryResult {
  const line = tokenize(text);
  const placeIndex = indexPlaces(context.places);
  const found = scanLine(line, context.today, placeIndex);
  const draft: ActivityDraft = {};
  const ambiguities: Ambiguity[] = [];
  const settle = (field: keyof ActivityDraft, options: Option[]) => {
    const distinct = [...new Map(options.map((option) => [JSON.stringify(option.value), option])).values()];
    if (distinct.length === 1) Object.assign(draft, distinct[0]!.value);
    else if (distinct.length > 1) ambiguities.push(ask(field, distinct));
  };

  const strongKinds = found.kinds.filter((said) => said.value.strong);
  settle(
    "kind",
    (strongKinds.length ? strongKinds : found.kinds).map(({ value, words }) => ({
      label: label.KIND_LABELS[value.kind],
      value: { kind: value.kind },
      words,
    })),
  );
  settle(
    "date",
    found.days.flatMap(({ value, words }) =>
      value.map((day) => ({ label: label.dayLabel(day), value: { date: isoDay(day) }, words })),
    ),
  );
  settle(
    "durationMin",
    found.durations.map(({ value, words }) => ({
      label: label.durationLabel(value),
      value: { durationMin: value },
      words,
    })),
  );
  settle(
    "participants",
    found.participants.map(({ value, words }) => ({
      label: label.participantsLabel(value.count),
      value: value.seniors
        ? { participants: value.count, ageBrackets: { "60_plus": value.count } }
        : { participants: value.count },
      words,
    })),
  );
  readBareNumbers(found, draft, ambiguities, line);
  inferKind(found, draft, ambiguities, settle);
  settlePlace(found, placeIndex, settle);
  settle(
    "workshopLevel",
    found.levels.map(({ value, words }) => ({
      label: label.LEVEL_LABELS[value],
      value: { workshopLevel: value },
      words,
    })),
  );
  settle(
    "autonomy",
    found.autonomy.map(({ value, words }) => ({
      label: label.AUTONOMY_LABELS[value],
      value: { autonomy: value },
      words,
    })),
  );
  settle(
    "referred",
    found.referrals.map(({ value, words }) => ({
      label: value.referred ? "Orienté vers une autre structure" : "Pas orienté",
      value: value.kind ? { referred: true, referralKind: value.kind } : { referred: value.referred },
      words,
    })),
  );
  settleWords(found, draft, ambiguities);
  return { draft, unread: unreadWords(line), ambiguities };
}

function ask(field: keyof ActivityDraft, options: Option[]): Ambiguity {
  const words = [...new Set(options.map((option) => option.words))].join(", ");
  return { field, words, options: options.map(({ label, value }) => ({ label, value })) };
}

/**
 * A number without a unit: the head count of a workshop whose duration is given, or else a question
 * between what it could be; nothing (left unread) when every field it could fill is already filled.
 */
function readBareNumbers(found: Findings, draft: ActivityDraft, ambiguities: Ambiguity[], line: Line): void {
  for (const {
    value: { value, token },
    words,
  } of found.bare) {
    const options: Option[] = [];
    const individual = draft.kind === "INDIVIDUAL" || draft.kind === "ONE_OFF";
    if (draft.participants === undefined && !individual && value >= 1 && value <= MAX_PARTICIPANTS) {
      options.push({ label: label.participantsLabel(value), value: { participants: value }, words });
    }
    if (draft.durationMin === undefined && value >= 1 && value <= 12)
      options.push({ label: label.durationLabel(value * 60), value: { durationMin: value * 60 }, words });
    if (draft.durationMin === undefined && value >= 10 && value <= 180 && value % 5 === 0) {
      options.push({ label: label.durationLabel(value), value: { durationMin: value }, words });
    }
    if (options.length === 0) continue;
    line.tokens[token]!.used = true;
    if (options.length === 1 && draft.kind === "COLLECTIVE" && "participants" in options[0]!.value)
      Object.assign(draft, options[0]!.value);
    else ambiguities.push(ask("participants" in options[0]!.value ? "participants" : "durationMin", options));
  }
}

/** Without a kind word: 3 or more people are a workshop, 2 are asked about, fewer say nothing. */
function inferKind(
  found: Findings,
  draft: ActivityDraft,
  ambiguities: Ambiguity[],
  settle: (field: keyof ActivityDraft, options: Option[]) => void,
): void {
  if (found.kinds.length > 0 || draft.participants === undefined) return;
  if (ambiguities.some((ambiguity) => ambiguity.field === "participants")) return;
  const words = found.participants[0]?.words ?? String(draft.participants);
  if (draft.participants >= 3)
    settle("kind", [{ label: label.KIND_LABELS.COLLECTIVE, value: { kind: "COLLECTIVE" }, words }]);
  else if (draft.participants === 2) {
    settle("kind", [
      { label: "Accompagnement individuel (2 personnes ensemble)", value: { kind: "INDIVIDUAL" }, words },
      { label: "Atelier collectif", value: { kind: "COLLECTIVE" }, words },
    ]);
  }
}

/** Home or remote with the commune or site named; otherwise the named site, or the named commune (asked when a site bears its name). */
function settlePlace(
  found: Findings,
  placeIndex: PlaceIndex,
  settle: (field: keyof ActivityDraft, options: Option[]) => void,
): void {
  const sites = found.places.filter(({ value }) => value[0]!.kind === "organisation");
  const communes = found.places.filter(({ value }) => value[0]!.kind === "commune");
  if (found.placeTypes.length > 0) {
    settle(
      "place",
      found.placeTypes.map(({ value, words }) => ({
        label: label.PLACE_TYPE_LABELS[value],
        value: { place: value },
        words,
      })),
    );
    settle(
      "territoryId",
      communes.map(({ value, words }) => ({
        label: label.communeLabel(value[0]!, false),
        value: { territoryId: value[0]!.id },
        words,
      })),
    );
    settle(
      "organisationId",
      sites.flatMap(({ value, words }) =>
        value.map((site) => ({ label: label.siteLabel(site), value: { organisationId: site.id }, words })),
      ),
    );
    return;
  }
  const options: Option[] = sites.flatMap(({ value, words }) =>
    value.map((site) => ({
      label: label.siteLabel(site),
      value: { place: "SUPPORT_SITE", organisationId: site.id },
      words,
    })),
  );
  const named = new Set(options.map((option) => option.value.organisationId));
  for (const { value, words } of communes) {
    const commune = value[0]!;
    const inside = organisationsIn(placeIndex, commune);
    // "MSP de Moissac, Moissac": the commune only repeats where the named site is.
    if (inside.some((site) => named.has(site.id))) continue;
    for (const site of inside)
      options.push({ label: label.siteLabel(site), value: { place: "SUPPORT_SITE", organisationId: site.id }, words });
    options.push({
      label: label.communeLabel(commune, inside.length > 0),
      value: { place: "OTHER_PLACE", territoryId: commune.id },
      words,
    });
  }
  settle("place", options);
}

/** Themes and equipment; the words that may mean two things are asked about. */
function settleWords(found: Findings, draft: ActivityDraft, ambiguities: Ambiguity[]): void {
  const themes = [...found.themes];
  const procedures = [...found.procedures];
  const equipment = [...found.equipment];
  const with_ = <T>(list: T[], item: T) => (list.includes(item) ? list : [...list, item]);
  for (const { value, words } of found.asks) {
    if (value === "telephone") {
      ambiguities.push({
        field: "place",
        words,
        options: [
          { label: "Par téléphone (à distance)", value: { place: "REMOTE" } },
          {
            label: "Sur son téléphone (prise en main)",
            value: { themes: with_(themes, "equipment"), equipment: with_(equipment, "smartphone") },
          },
        ],
      });
    } else if (value === "portable") {
      addOnce(themes, "equipment");
      ambiguities.push({
        field: "equipment",
        words,
        options: [
          { label: "Téléphone portable", value: { equipment: with_(equipment, "smartphone") } },
          { label: "Ordinateur portable", value: { equipment: with_(equipment, "computer") } },
        ],
      });
    } else {
      addOnce(themes, "procedures");
      if (procedures.includes("identity") || procedures.includes("vehicle")) continue;
      ambiguities.push({
        field: "procedures",
        words,
        options: [
          { label: "ANTS : carte d'identité, passeport", value: { procedures: with_(procedures, "identity") } },
          { label: "ANTS : carte grise, permis", value: { procedures: with_(procedures, "vehicle") } },
        ],
      });
    }
  }
  if (themes.length) draft.themes = themes;
  if (procedures.length) draft.procedures = procedures;
  if (equipment.length) draft.equipment = equipment;
}

/** The typed words none of whose pieces was used, leaving out those that carry nothing ("de", "avec"). */
function unreadWords(line: Line): string[] {
  const unread: string[] = [];
  line.words.forEach((word, index) => {
    const pieces = line.tokens.filter((token) => token.word === index);
    if (pieces.length === 0 || pieces.some((token) => token.used)) return;
    if (pieces.every((token) => STOPWORDS.has(token.norm) || FILLERS.has(token.norm))) return;
    unread.push(trimPunctuation(word));
  });
  return unread;
}
