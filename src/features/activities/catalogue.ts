// The fixed lists of an activity report, after the national practice of the conseiller numérique
// activity report (DOMAIN.md). Codes are stored; labels live in locales/<lang>/activities.json
// under "activities.catalogue.<list>.<code>".

export const ACTIVITY_KINDS = ["INDIVIDUAL", "COLLECTIVE", "ONE_OFF"] as const;
export const PLACES = ["SUPPORT_SITE", "OTHER_PLACE", "HOME", "REMOTE"] as const;

/** Durations offered as buttons, in minutes; any other from 1 to 720 may be typed. */
export const DURATIONS = [15, 30, 45, 60, 90, 120] as const;
export const MAX_DURATION_MIN = 12 * 60;
export const MAX_PARTICIPANTS = 100;
/** Reports may be edited or deleted by their author for this many days after the activity. */
export const EDITABLE_DAYS = 30;

/** The national list of themes. */
export const THEMES = [
  "equipment",
  "maintenance",
  "files",
  "browsing",
  "email",
  "office",
  "social_networks",
  "health",
  "banking_shopping",
  "professional",
  "employment",
  "security",
  "parenting",
  "school",
  "creating",
  "digital_culture",
  "ai",
  "procedures",
] as const;

/** Domains of online administrative procedures (with the theme "procedures"). */
export const PROCEDURE_DOMAINS = [
  "caf",
  "tax",
  "health_insurance",
  "pension",
  "employment_agency",
  "identity",
  "housing",
  "vehicle",
  "justice",
  "other",
] as const;

export const EQUIPMENT = ["computer", "smartphone", "tablet", "other"] as const;
export const AUTONOMY = ["not_autonomous", "partly", "autonomous"] as const;
export const REFERRAL_KINDS = ["public_service", "social_worker", "digital_space", "association", "other"] as const;
export const AGE_BRACKETS = ["under_12", "12_18", "18_35", "35_60", "60_plus"] as const;
export const WORKSHOP_LEVELS = ["beginner", "intermediate", "advanced"] as const;

export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export type Place = (typeof PLACES)[number];
export type Theme = (typeof THEMES)[number];
export type ProcedureDomain = (typeof PROCEDURE_DOMAINS)[number];
export type Equipment = (typeof EQUIPMENT)[number];
export type AgeBracket = (typeof AGE_BRACKETS)[number];
