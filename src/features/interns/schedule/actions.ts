import { z } from "zod";
import { none, uuid, verb } from "../../../core/actions.ts";

/** A welcome evening's rating, one to five stars. */
const rating = z.coerce.number<string>().int().min(1).max(5);

/** What interns press under their schedule's messages; `was` keeps buttons sent before these ids working. */
export const ISCH = {
  /** "All is fine" under the check-in. */
  fine: verb("isch.fine", "member", none, { was: "isch:ok" }),
  /** A rating of an event they attended, then the feedback form. */
  rate: verb("isch.rate", "member", z.tuple([uuid, rating]), { was: "isch:fb" }),
};
