// Short French labels of the readings a quick entry asks the adviser to choose between.
import type { CalendarDay } from "../../calendar/paris.ts";
import type { ActivityKind } from "./catalogue.ts";
import type { KnownPlace } from "./draft.ts";

export const KIND_LABELS: Record<ActivityKind, string> = {
  COLLECTIVE: "Atelier collectif",
  INDIVIDUAL: "Accompagnement individuel",
  ONE_OFF: "Demande ponctuelle",
};

export const LEVEL_LABELS = {
  beginner: "Niveau débutant",
  intermediate: "Niveau intermédiaire",
  advanced: "Niveau avancé",
} as const;
export const AUTONOMY_LABELS = {
  not_autonomous: "Pas autonome",
  partly: "En partie autonome",
  autonomous: "Autonome",
} as const;

const dayFormat = new Intl.DateTimeFormat("fr-FR", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** "mercredi 12 novembre 2026". */
export function dayLabel(day: CalendarDay): string {
  return dayFormat.format(new Date(Date.UTC(day.year, day.month - 1, day.day)));
}

/** "45 min", "2 h", "1 h 30". */
export function durationLabel(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${String(rest).padStart(2, "0")}`;
}

export function participantsLabel(count: number): string {
  return count === 1 ? "1 participant" : `${count} participants`;
}

/** An organisation's name as advisers say it: "MSP de Valence", "Maison départementale des solidarités de Montauban". */
export function siteLabel(site: KnownPlace): string {
  const acronym = /\(([A-Z0-9]{2,})\)(.*)$/.exec(site.name);
  const short = acronym ? `${acronym[1]}${acronym[2]}` : site.name.replace(/\s*\([^)]*\)/g, "");
  return `${short.split(/\s[–—-]\s/)[0]!.trim()} (lieu d'accueil)`;
}

export function communeLabel(commune: KnownPlace, elsewhere: boolean): string {
  return elsewhere ? `Ailleurs à ${commune.name}` : `À ${commune.name}`;
}

export const PLACE_TYPE_LABELS = { HOME: "À domicile", REMOTE: "À distance" } as const;
