import { z } from "zod";
import { uuid, verb } from "../../core/actions.ts";
import type { Role } from "../../core/roles.ts";

/** Who issues and revokes invitations. */
export const COORDINATORS: readonly Role[] = ["NETWORK_COORDINATOR"];

/** What coordinators press on the invitations list; `was` keeps buttons sent before these ids working. */
export const INV = {
  /** Revokes an invitation of the coordinator's own network. */
  revoke: verb("inv.revoke", COORDINATORS, z.tuple([uuid]), { was: "invrev" }),
};
