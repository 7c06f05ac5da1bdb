import { z } from "zod";
import { uuid, verb } from "../../core/actions.ts";
import type { Role } from "../../core/roles.ts";

/** Who decides role requests. */
export const COORDINATORS: readonly Role[] = ["NETWORK_COORDINATOR"];

const request = z.tuple([uuid]);

/** What coordinators press on a role request; `was` keeps buttons sent before these ids working. */
export const ROLE = {
  approve: verb("role.approve", COORDINATORS, request, { was: "role:approve" }),
  /** Asks the reason the member will read, then refuses. */
  refuse: verb("role.refuse", COORDINATORS, request, { was: "role:refuse" }),
};
