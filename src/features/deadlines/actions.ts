import { z } from "zod";
import { uuid, verb } from "../../core/actions.ts";

const deadline = z.tuple([uuid]);

/** The buttons of deadline reminders and lists; `was` keeps buttons sent before these ids working. */
export const DL = {
  done: verb("dl.done", "member", deadline, { was: "dl:d" }),
  attend: verb("dl.attend", "member", deadline, { was: "dl:a" }),
  /** Nothing to share for a news collection. */
  nothing: verb("dl.nothing", "member", deadline, { was: "dl:n" }),
  /** Can't: asks the reason. */
  cant: verb("dl.cant", "member", deadline, { was: "dl:c" }),
  snooze: verb("dl.snooze", "member", deadline, { was: "dl:z" }),
  /** Send a news item. */
  item: verb("dl.item", "member", deadline, { was: "dl:i" }),
  /** Who answered. */
  status: verb("dl.status", "member", deadline, { was: "dl:s" }),
  askCancel: verb("dl.ask-cancel", "member", deadline, { was: "dl:x" }),
  cancel: verb("dl.cancel", "member", deadline, { was: "dl:xx" }),
};
