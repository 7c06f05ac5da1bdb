import { none, verb } from "../../../core/actions.ts";

/** What members press to leave, come back, or stay in touch; `was` keeps buttons sent before these ids working. */
export const LEAVE = {
  confirmStop: verb("leave.stop", "member", none, { was: "leave:stop" }),
  keepUsing: verb("leave.cancel", "member", none, { was: "leave:cancel" }),
  keepInTouch: verb("leave.keep", "member", none, { was: "leave:keep" }),
  noKeepInTouch: verb("leave.no-keep", "member", none, { was: "leave:nokeep" }),
  /** Only a member who stopped needs it, and the dispatcher answers them first. */
  back: verb("leave.back", "member", none, { was: "leave:back" }),
};
