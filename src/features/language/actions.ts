import { z } from "zod";
import { verb } from "../../core/actions.ts";
import { LOCALES } from "../../core/i18n.ts";

/** What anyone presses to choose a language; `was` keeps buttons sent before these ids working. */
export const LANG = {
  /** Every later message in that language. */
  choose: verb("lang.choose", "anyone", z.tuple([z.enum(LOCALES)]), { was: "lang" }),
};
