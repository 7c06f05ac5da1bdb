import { z } from "zod";
import { count, none, uuid, verb } from "../../core/actions.ts";
import { EDITION_WEEKS } from "./edition.ts";
import { MOIS_PROPOSERS, MOIS_REVIEWERS, MOIS_THEMES } from "./schema.ts";

const animation = z.tuple([uuid]);

/** What members, proposers and reviewers press in the mois du numérique; `was` keeps buttons sent before these ids working. */
export const MDN = {
  programme: verb("mdn.programme", "member", none, { was: "mdn:p" }),
  /** The programme narrowed to a theme, an intercommunality, a week of the edition. */
  theme: verb("mdn.theme", "member", z.tuple([z.enum(MOIS_THEMES)]), { was: "mdn:p:t" }),
  territory: verb("mdn.territory", "member", z.tuple([uuid]), { was: "mdn:p:e" }),
  week: verb("mdn.week", "member", z.tuple([count.min(1).max(EDITION_WEEKS)]), { was: "mdn:p:w" }),
  /** The choices of one filter: e territories, t themes, w weeks. */
  filters: verb("mdn.filters", "member", z.tuple([z.enum(["e", "t", "w"])]), { was: "mdn:f" }),
  mine: verb("mdn.mine", "member", none, { was: "mdn:m" }),
  propose: verb("mdn.propose", MOIS_PROPOSERS, none, { was: "mdn:new" }),
  pending: verb("mdn.pending", MOIS_REVIEWERS, none, { was: "mdn:v" }),
  approve: verb("mdn.approve", MOIS_REVIEWERS, animation, { was: "mdn:a" }),
  decline: verb("mdn.decline", MOIS_REVIEWERS, animation, { was: "mdn:d" }),
};
