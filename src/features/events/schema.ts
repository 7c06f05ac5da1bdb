import type { EventType } from "@prisma/client";
import { z } from "zod";
import { ROLES, type Role } from "../../core/roles.ts";

/** Every kind of event, in the order the creation form offers them. */
export const EVENT_TYPES: readonly EventType[] = [
  "WELCOME_EVENING",
  "SEMINAR",
  "WORLD_CAFE",
  "HEALTH_FORUM",
  "HEALTH_COMMITTEE",
  "COORDINATION_COMMITTEE",
  "ELECTED_OFFICIALS_TRAINING",
  "MOIS_DU_NUMERIQUE",
  "WORKING_GROUP",
  "TRAINING",
  "OTHER",
];

/** Who creates events and sees their registrants. */
export const EVENT_ORGANISERS: readonly Role[] = ["NETWORK_COORDINATOR", "CLS_COORDINATOR"];

export const MAX_CAPACITY = 10_000;

/** A registration question, as stored in Event.questions. */
export interface EventQuestion {
  id: string;
  label: string;
}

/** Reads Event.questions; anything malformed is ignored rather than blocking registration. */
export function readQuestions(json: unknown): EventQuestion[] {
  const parsed = z.array(z.object({ id: z.string(), label: z.string() })).safeParse(json);
  return parsed.success ? parsed.data : [];
}

/** One question per non-empty line of the form's textarea. */
export function questionsFromText(text: string): EventQuestion[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 10)
    .map((label, i) => ({ id: `q${i + 1}`, label: label.slice(0, 200) }));
}

const text = (max: number) =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v.join(" ") : (v ?? "")),
    z.string().trim().max(max, "events.errors.tooLong"),
  );
const list = z.preprocess(
  (v) => (Array.isArray(v) ? v : typeof v === "string" && v !== "" ? v.split(",") : []),
  z.array(z.string()),
);

/** The creation form's values; dates, times and numbers are read by `create.ts` so refusals can name them. */
export const eventFormSchema = z.object({
  title: text(120).pipe(z.string().min(1, "events.errors.title")),
  type: z.enum(EVENT_TYPES as [EventType, ...EventType[]], { message: "events.errors.type" }),
  date: text(20),
  start: text(10),
  end: text(10),
  place: text(200),
  onlineUrl: text(500),
  capacity: text(10),
  waitlist: text(5),
  closes: text(20),
  roles: list.pipe(z.array(z.enum(ROLES))),
  /** Intercommunalities (or the department) whose members may register; none: the whole network. */
  territories: list.pipe(z.array(z.uuid({ message: "events.errors.territory" }))),
  ficheActionId: text(40),
  questions: text(2000),
  description: text(1000),
});

export type EventFormValues = z.infer<typeof eventFormSchema>;
