import { z } from "zod";
import { uuid, verb } from "../../../core/actions.ts";
import { EVENT_ORGANISERS } from "../../events/schema.ts";
import { ENROL_STEPS } from "./conversation.ts";

/** An answer's value: a language, a site's index, `other` or `skip`. */
const answer = z
  .string()
  .max(5)
  .regex(/^[a-z0-9]+$/);

/** What interns press while enrolling, and organisers under a cohort; `was` keeps buttons sent before these ids working. */
export const ENR = {
  /** The answer to one question; the step makes a button of an earlier question recognisably stale. */
  answer: verb("enr.answer", "member", z.tuple([z.enum(ENROL_STEPS), answer]), { was: "enr" }),
  /** The cohort's enrolment link and QR code, for who manages cohorts (the organisers of their welcome evenings). */
  link: verb("enr.link", EVENT_ORGANISERS, z.tuple([uuid]), { was: "enrlink" }),
};
