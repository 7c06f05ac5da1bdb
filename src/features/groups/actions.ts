import { none, verb } from "../../core/actions.ts";
import type { Role } from "../../core/roles.ts";

/** Who may create groups (and set deadlines for the groups they lead). */
export const GROUP_CREATORS: readonly Role[] = ["NETWORK_COORDINATOR", "CLS_COORDINATOR"];

/** The groups' buttons; `was` keeps buttons sent before these ids working. */
export const GRP = {
  /** The form that creates a group. */
  create: verb("grp.create", GROUP_CREATORS, none, { was: "grp:new" }),
};
