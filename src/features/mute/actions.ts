import { z } from "zod";
import { verb } from "../../core/actions.ts";
import { MUTABLE_CATEGORIES } from "./data.ts";

/** What members press on the mute list; `was` keeps buttons sent before these ids working. */
export const MUTE = {
  /** Switches one category between muted and received. */
  toggle: verb("mute.toggle", "member", z.tuple([z.enum(MUTABLE_CATEGORIES)]), { was: "mute:t" }),
};
