import { z } from "zod";
import { uuid, verb } from "../../core/actions.ts";
import type { Role } from "../../core/roles.ts";

/** Who may prepare and send broadcasts. */
export const SENDERS: readonly Role[] = ["NETWORK_COORDINATOR", "CLS_COORDINATOR"];

const broadcast = z.tuple([uuid]);

/** The sender's buttons on a broadcast; `was` keeps buttons sent before these ids working. */
export const BC = {
  confirm: verb("bc.confirm", SENDERS, broadcast, { was: "bc:ok" }),
  edit: verb("bc.edit", SENDERS, broadcast, { was: "bc:e" }),
  cancel: verb("bc.cancel", SENDERS, broadcast, { was: "bc:x" }),
  report: verb("bc.report", SENDERS, broadcast, { was: "bc:r" }),
};
