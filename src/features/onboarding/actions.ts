import { z } from "zod";
import { uuid, verb } from "../../core/actions.ts";
import { LOCALES, type Locale } from "../../core/i18n.ts";
import { ROLES } from "../../core/roles.ts";

// An organisation or territory (the handler checks it is the network's), or "none".
const pickedOrNone = z.tuple([z.string().refine((v) => v === "none" || uuid.safeParse(v).success)]);

/** The onboarding's answers; the handler re-asks a stale one. `was` keeps buttons sent before these ids working. */
export const ONB = {
  language: verb("onb.language", "anyone", z.tuple([z.enum(LOCALES as [Locale, ...Locale[]])]), {
    was: "onb:language",
  }),
  role: verb("onb.role", "anyone", z.tuple([z.enum(ROLES)]), { was: "onb:role" }),
  organisation: verb("onb.organisation", "anyone", pickedOrNone, { was: "onb:organisation" }),
  territory: verb("onb.territory", "anyone", pickedOrNone, { was: "onb:territory" }),
  /** A member whose role request was refused asks for a role again (offered by `démarrer`). */
  askAgain: verb("onb.ask-again", "member", z.tuple([z.enum(ROLES)])),
};
