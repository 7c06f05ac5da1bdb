import { none, verb } from "../../core/actions.ts";

/** What members press on their profile; `was` keeps buttons sent before these ids working. */
export const PROFILE = {
  /** Opens the profile form. */
  edit: verb("profile.edit", "member", none, { was: "profile:edit" }),
};
