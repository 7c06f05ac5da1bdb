import { z } from "zod";
import { count, none, uuid, verb } from "../../core/actions.ts";
import type { Role } from "../../core/roles.ts";
import { draftToken } from "../../services/drafts/store.ts";
import { ACTIVITY_KINDS } from "./catalogue.ts";

/** Who reports support activities. */
export const ACTIVITY_REPORTERS: readonly Role[] = ["DIGITAL_ADVISER"];
const REPORTERS = ACTIVITY_REPORTERS;
const kind = z.enum(ACTIVITY_KINDS);
const report = z.tuple([uuid]);
const draft = z.tuple([draftToken]);

/** What digital advisers press on their reports and drafts; `was` keeps buttons sent before these ids working. */
export const ACT = {
  /** The blank form for a kind, dated today. */
  new: verb("act.new", REPORTERS, z.tuple([kind]), { was: "act:new" }),
  /** The last report again. */
  same: verb("act.same", REPORTERS, none, { was: "act:same" }),
  edit: verb("act.edit", REPORTERS, report, { was: "act:e" }),
  askDelete: verb("act.ask-delete", REPORTERS, report, { was: "act:d" }),
  delete: verb("act.delete", REPORTERS, report, { was: "act:dd" }),
  keep: verb("act.keep", REPORTERS, none, { was: "act:k" }),
  /** A reading of the draft's first open ambiguity: how many were open, and the option chosen. */
  reading: verb("act.reading", REPORTERS, z.tuple([draftToken, count, count]), { was: "act:amb" }),
  kind: verb("act.kind", REPORTERS, z.tuple([draftToken, kind]), { was: "act:kind" }),
  /** A duration in minutes, among those offered. */
  duration: verb("act.duration", REPORTERS, z.tuple([draftToken, count]), { was: "act:dur" }),
  confirm: verb("act.confirm", REPORTERS, draft, { was: "act:ok" }),
  fix: verb("act.fix", REPORTERS, draft, { was: "act:fix" }),
  drop: verb("act.drop", REPORTERS, draft, { was: "act:x" }),
};
