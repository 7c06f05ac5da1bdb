import { z } from "zod";
import { none, uuid, verb } from "../../../core/actions.ts";
import { DESK_COORDINATORS } from "./schema.ts";

/** What interns and the mission accueil press; `was` keeps buttons sent before these ids working. */
export const DESK = {
  /** Opens the question form. */
  ask: verb("wd.ask", "member", none, { was: "wd:ask" }),
  /** Opens the answer form for a question (a request id), coordinators only. */
  answer: verb("wd.answer", DESK_COORDINATORS, z.tuple([uuid]), { was: "wda" }),
};
