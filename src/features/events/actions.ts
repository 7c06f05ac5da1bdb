import { z } from "zod";
import { count, uuid, verb } from "../../core/actions.ts";
import { EVENT_ORGANISERS } from "./schema.ts";

const event = z.tuple([uuid]);

/** What members and organisers press on events; `was` keeps buttons sent before these ids working. */
export const EVT = {
  register: verb("evt.register", "member", event, { was: "evt:r" }),
  unregister: verb("evt.unregister", "member", event, { was: "evt:c" }),
  /** The .ics of an event the member holds a place at. */
  calendar: verb("evt.calendar", "member", event, { was: "evt:cal" }),
  registrants: verb("evt.registrants", EVENT_ORGANISERS, event, { was: "evt:l" }),
  edit: verb("evt.edit", EVENT_ORGANISERS, event, { was: "evt:e" }),
  /** Asks whether to cancel the event (and, for a series, the following dates). */
  askCancel: verb("evt.ask-cancel", EVENT_ORGANISERS, event, { was: "evt:x" }),
  cancelEvent: verb("evt.cancel-event", EVENT_ORGANISERS, event, { was: "evt:xx" }),
  cancelFollowing: verb("evt.cancel-following", EVENT_ORGANISERS, event, { was: "evt:xs" }),
  /** The check-in list, at a page. */
  attendance: verb("evt.attendance", EVENT_ORGANISERS, z.tuple([uuid, count.optional()]), { was: "evt:a" }),
  /** ✓ / ↩ beside a registrant (a registration id) on the check-in list's page. */
  checkIn: verb("evt.check-in", EVENT_ORGANISERS, z.tuple([uuid, count]), { was: "evt:p" }),
  /** The émargement sheet. */
  sheet: verb("evt.sheet", EVENT_ORGANISERS, event, { was: "evt:em" }),
};
