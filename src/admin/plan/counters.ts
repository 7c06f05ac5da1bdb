import type { IndicatorComputation } from "@prisma/client";
import { THEMES } from "../../features/activities/catalogue.ts";
import type { IndicatorFilter } from "../../features/indicators/counters.ts";

/** What a `calcul` name stands for: the indicator's computation and filter (src/features/indicators/counters.ts). */
export interface Counting {
  computation: IndicatorComputation;
  filter: IndicatorFilter;
}

/** Event types by the French name a plan file uses (`evenements:soiree-accueil`). */
export const EVENT_TYPES: Record<string, string> = {
  "soiree-accueil": "WELCOME_EVENING",
  seminaire: "SEMINAR",
  "cafe-monde": "WORLD_CAFE",
  "forum-sante": "HEALTH_FORUM",
  "commission-sante": "HEALTH_COMMITTEE",
  "commission-coordination": "COORDINATION_COMMITTEE",
  "formation-elus": "ELECTED_OFFICIALS_TRAINING",
  "mois-numerique": "MOIS_DU_NUMERIQUE",
  "groupe-travail": "WORKING_GROUP",
  formation: "TRAINING",
  autre: "OTHER",
};

/** Activity kinds by the French name a plan file uses (`activites:atelier`). */
const ACTIVITY_KINDS: Record<string, string> = { individuel: "INDIVIDUAL", atelier: "COLLECTIVE", ponctuel: "ONE_OFF" };

/** Roles by the French name a plan file uses (`membres:conseiller-numerique`). */
export const ROLES: Record<string, string> = {
  "conseiller-numerique": "DIGITAL_ADVISER",
  "coordinateur-cls": "CLS_COORDINATOR",
  "commission-sante": "HEALTH_COMMITTEE",
  "coordinateur-reseau": "NETWORK_COORDINATOR",
  interne: "INTERN",
  partenaire: "PARTNER",
};

/** One family of `calcul` names, as `plan counters` lists it. */
export interface CounterFamily {
  pattern: string;
  counts: string;
  values?: string[];
}

/** Every `calcul` name family with what it counts, for `plan counters` and the README. */
export const COUNTER_FAMILIES: CounterFamily[] = [
  {
    pattern: "(empty)",
    counts: "nothing by itself: the value is the sum of the progress reports members make on the indicator",
  },
  { pattern: "activites", counts: "support activities reported by digital advisers" },
  { pattern: "activites:<sorte>", counts: "those activities of one kind", values: Object.keys(ACTIVITY_KINDS) },
  {
    pattern: "activites:theme:<theme>",
    counts: "those activities with one theme of the national list",
    values: [...THEMES],
  },
  { pattern: "participants", counts: "people helped in those activities (the sum of their participants)" },
  {
    pattern: "participants:<sorte>",
    counts: "people helped in activities of one kind",
    values: Object.keys(ACTIVITY_KINDS),
  },
  {
    pattern: "evenements:<type>[:<sujet>]",
    counts:
      "events of a type held in the period (a working group's meetings by its subject, e.g. evenements:groupe-travail:INTERN_HOUSING), plus those reported",
    values: Object.keys(EVENT_TYPES),
  },
  {
    pattern: "inscrits:<type>",
    counts: "members registered (holding a place) at events of a type, plus those reported",
    values: Object.keys(EVENT_TYPES),
  },
  {
    pattern: "presences:<type>",
    counts: "members checked in (émargement) at events of a type, plus those reported",
    values: Object.keys(EVENT_TYPES),
  },
  {
    pattern: "demandes-accueil",
    counts: "requests the mission accueil answered (medical interns' questions), plus those reported",
  },
  { pattern: "membres", counts: "active members of the network at the end of the period" },
  { pattern: "membres:<role>", counts: "active members holding a role", values: Object.keys(ROLES) },
  { pattern: "mois-numerique:animations", counts: "approved animations of the mois du numérique, plus those reported" },
  {
    pattern: "mois-numerique:partenaires",
    counts: "partner organisations with at least one approved animation, plus those reported",
  },
];

/** The computation and filter of a `calcul` name, or undefined when it names no counter. */
export function countingOf(name: string): Counting | undefined {
  const [head, second, third, ...rest] = name.trim().toLowerCase().split(":");
  if (rest.length) return undefined;
  const event = second ? EVENT_TYPES[second] : undefined;
  switch (head) {
    case "":
      return second === undefined ? { computation: "MANUAL", filter: {} } : undefined;
    case "activites":
    case "participants": {
      const computation = head === "activites" ? "COUNT_ACTIVITIES" : "COUNT_PARTICIPANTS";
      if (second === undefined) return { computation, filter: {} };
      if (head === "activites" && second === "theme")
        return third && (THEMES as readonly string[]).includes(third)
          ? { computation, filter: { topic: third } }
          : undefined;
      return ACTIVITY_KINDS[second] && third === undefined
        ? { computation, filter: { kind: ACTIVITY_KINDS[second] } }
        : undefined;
    }
    case "evenements":
      // The subject keeps its case in the file (topics are codes such as INTERN_HOUSING).
      return event
        ? {
            computation: "COUNT_EVENTS",
            filter: third ? { eventType: event, topic: name.trim().split(":")[2]! } : { eventType: event },
          }
        : undefined;
    case "inscrits":
      return event && third === undefined
        ? { computation: "COUNT_PARTICIPANTS", filter: { eventType: event } }
        : undefined;
    case "presences":
      return event && third === undefined
        ? { computation: "COUNT_ATTENDANCE", filter: { eventType: event } }
        : undefined;
    case "demandes-accueil":
      return second === undefined ? { computation: "COUNT_REQUESTS", filter: { kind: "INTERN_WELCOME" } } : undefined;
    case "membres":
      if (second === undefined) return { computation: "COUNT_MEMBERS", filter: {} };
      return ROLES[second] && third === undefined
        ? { computation: "COUNT_MEMBERS", filter: { role: ROLES[second] } }
        : undefined;
    case "mois-numerique":
      if (third !== undefined) return undefined;
      if (second === "animations")
        return { computation: "COUNT_ANIMATIONS", filter: { eventType: "MOIS_DU_NUMERIQUE" } };
      if (second === "partenaires")
        return { computation: "COUNT_PARTNERS", filter: { eventType: "MOIS_DU_NUMERIQUE" } };
      return undefined;
    default:
      return undefined;
  }
}

/** A few valid names, for the sentence that refuses an unknown one. */
export const EXAMPLE_NAMES = [
  "activites",
  "activites:atelier",
  "participants",
  "evenements:forum-sante",
  "presences:commission-sante",
  "demandes-accueil",
  "membres:conseiller-numerique",
  "mois-numerique:animations",
];

/** Every concrete name (families expanded), for "did you mean". */
export function allCounterNames(): string[] {
  return COUNTER_FAMILIES.flatMap((f) => {
    if (f.pattern === "(empty)") return [];
    const stem = f.pattern.replace(/:?<[^>]+>(\[:<sujet>\])?$/, "").replace(/\[:<sujet>\]$/, "");
    return f.values ? f.values.map((v) => `${stem}:${v}`) : [f.pattern];
  });
}
