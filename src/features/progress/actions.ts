import { z } from "zod";
import { count, none, uuid, verb } from "../../core/actions.ts";
import type { Role } from "../../core/roles.ts";
import { draftToken } from "../../services/drafts/store.ts";

/** Who reports progress on fiches-actions: CLS coordinators, health committees, the network's coordinators. */
export const PROGRESS_REPORTERS: readonly Role[] = ["CLS_COORDINATOR", "HEALTH_COMMITTEE", "NETWORK_COORDINATOR"];
const REPORTERS = PROGRESS_REPORTERS;
/** Where a fiche button leads: `-` opens the blank form, a draft's token sets that draft's fiche. */
const target = z.union([z.literal("-"), draftToken]);
const draft = z.tuple([draftToken]);
const report = z.tuple([uuid]);
/** A day the line could mean (yyyy-mm-dd). */
const day = z
  .string()
  .max(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/);
/** A count read in the line (line.ts reads at most 7 digits; quick-entry.ts refuses over VALUE_MAX). */
const value = z
  .string()
  .max(7)
  .regex(/^\d{1,7}$/);

/** What progress reporters press on their reports and drafts; `was` keeps buttons sent before these ids working. */
export const PRG = {
  askDelete: verb("prg.ask-delete", REPORTERS, report, { was: "prg:d" }),
  delete: verb("prg.delete", REPORTERS, report, { was: "prg:dd" }),
  keep: verb("prg.keep", REPORTERS, none, { was: "prg:k" }),
  /** A fiche, for the blank form or a draft. */
  fiche: verb("prg.fiche", REPORTERS, z.tuple([target, uuid]), { was: "prg:f" }),
  /** A plan's fiches, or an axis of it, when there are too many to list. */
  group: verb("prg.group", REPORTERS, z.tuple([target, uuid, count.optional()]), { was: "prg:g" }),
  day: verb("prg.day", REPORTERS, z.tuple([draftToken, day]), { was: "prg:day" }),
  /** Every fiche again. */
  allFiches: verb("prg.all-fiches", REPORTERS, draft, { was: "prg:all" }),
  /** An indicator and the value read for it. */
  value: verb("prg.value", REPORTERS, z.tuple([draftToken, uuid, value]), { was: "prg:i" }),
  /** The form, to type an indicator's value. */
  valueForm: verb("prg.value-form", REPORTERS, z.tuple([draftToken, uuid]), { was: "prg:iv" }),
  noIndicator: verb("prg.no-indicator", REPORTERS, draft, { was: "prg:n" }),
  confirm: verb("prg.confirm", REPORTERS, draft, { was: "prg:ok" }),
  fix: verb("prg.fix", REPORTERS, draft, { was: "prg:fix" }),
  drop: verb("prg.drop", REPORTERS, draft, { was: "prg:x" }),
};
