import type { Event } from "@prisma/client";
import { z } from "zod";
import { normaliseWord } from "../../core/command-words.ts";
import type { Role } from "../../core/roles.ts";

/** Themes of an animation (Event.topic), in the order the form offers them. */
export const MOIS_THEMES = [
  "ONLINE_PROCEDURES",
  "DIGITAL_PARENTING",
  "CYBERSECURITY",
  "AI",
  "BASICS",
  "HEALTH",
  "EMPLOYMENT",
  "CULTURE",
  "OTHER",
] as const;
export type MoisTheme = (typeof MOIS_THEMES)[number];

/** Who an animation is for (Event.intendedPublic; not who may register: animations are open to the whole network). */
export const MOIS_PUBLICS = ["EVERYONE", "SENIORS", "YOUTH", "FAMILIES", "JOB_SEEKERS", "PROFESSIONALS"] as const;
export type MoisPublic = (typeof MOIS_PUBLICS)[number];

/** Who proposes animations: partners, digital advisers, and coordinators. */
export const MOIS_PROPOSERS: readonly Role[] = ["PARTNER", "DIGITAL_ADVISER", "NETWORK_COORDINATOR", "CLS_COORDINATOR"];

/** Who approves or declines proposals and reads the counts. */
export const MOIS_REVIEWERS: readonly Role[] = ["NETWORK_COORDINATOR"];

const text = (max: number) =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v.join(" ") : (v ?? "")),
    z.string().trim().max(max, "events.errors.tooLong"),
  );

/** The proposal form's values; dates, times, commune and capacity are read by `propose.ts` so refusals can name them. */
export const proposalSchema = z.object({
  title: text(120).pipe(z.string().min(1, "events.errors.title")),
  date: text(20),
  start: text(10),
  end: text(10),
  commune: text(80),
  venue: text(150),
  public: z.enum(MOIS_PUBLICS, { message: "mois.errors.public" }),
  theme: z.enum(MOIS_THEMES, { message: "mois.errors.theme" }),
  capacity: text(10),
  description: text(1000),
});

export type ProposalValues = z.infer<typeof proposalSchema>;

/** The place shown to members: the venue if any, then the commune ("Médiathèque, Moissac"). */
export function placeText(venue: string, commune: string): string {
  return venue ? `${venue}, ${commune}` : commune;
}

/** An animation's public (Event.intendedPublic), EVERYONE when unset or unknown. */
export function publicOf(event: Pick<Event, "intendedPublic">): MoisPublic {
  return (MOIS_PUBLICS as readonly string[]).includes(event.intendedPublic ?? "")
    ? (event.intendedPublic as MoisPublic)
    : "EVERYONE";
}

/** A name compared however it is accented, capitalised or hyphenated. */
export function plain(name: string): string {
  return normaliseWord(name).replace(/[-'’]/g, " ").replace(/\s+/g, " ").trim();
}

export const isTheme = (v: string | null | undefined): v is MoisTheme =>
  (MOIS_THEMES as readonly string[]).includes(v ?? "");
