import ical, { ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { parisDay } from "../../calendar/paris.ts";
import type { FileRef } from "../../core/reply.ts";
import { isoDay } from "../../shared/dates.ts";
import { slug } from "../../shared/text.ts";

/** The part of an `Event` row its calendar file is made of. */
export interface EventForCalendar {
  id: string;
  title: string;
  description: string | null;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  onlineUrl: string | null;
  status: "PROPOSED" | "SCHEDULED" | "REJECTED" | "CANCELLED";
  /** Bumped by the caller on every change, so calendar apps replace their copy. */
  sequence: number;
  updatedAt: Date;
}

export interface EventCalendarOptions {
  /** PUBLISH for a copy to import, REQUEST for an invitation; a cancellation is `eventCancellationCalendar`'s. */
  method: "REQUEST" | "PUBLISH";
  /** The ORGANIZER every file carries: the network's name, and `NO_REPLY_ADDRESS` unless an address is given. */
  organizer: { name: string; email?: string };
  /** Written as ATTENDEE only with an email, for the same reason. */
  attendee?: { name: string; email?: string };
  /** Shown in PRODID, e.g. the network's name. */
  productName: string;
  /** DTSTAMP: when this copy of the event was produced. */
  now: Date;
}

/** An iCalendar file ready to go in `Reply.files`. */
export interface CalendarFile extends FileRef {
  name: string;
  mediaType: "text/calendar";
  content: Uint8Array;
}

/** The domain part of every UID: fixed forever, or calendar apps would see new events instead of updates. */
const UID_DOMAIN = "partner-network-bot";

/**
 * ORGANIZER's address when the network gives none. RFC 5545 (§3.8.4.3) makes ORGANIZER's value a
 * cal-address, a URI, in practice `mailto:`, and RFC 5546 requires ORGANIZER in a METHOD:CANCEL.
 * The bot has no mailbox and members answer in the chat, not by mail, so no real address fits; the
 * host of PUBLIC_URL would be a guess at someone's mail domain, where a reply could reach a stranger.
 * The reserved top-level domain `.invalid` (RFC 6761 §6.4) can never receive mail: the property is
 * valid, its name (CN) is the network's, and nothing is ever sent to it.
 */
export const NO_REPLY_ADDRESS = "noreply@invalid";

/** The UID calendar apps key their copy on: the same for every file of one event. */
export function eventUid(eventId: string): string {
  return `${eventId}@${UID_DOMAIN}`;
}

/**
 * The .ics file of an event: stable UID, SEQUENCE from the event, STATUS:CANCELLED once it is cancelled.
 * Import it as is, or send it again after each change: the same UID and a higher SEQUENCE update the copy.
 */
export function eventCalendar(event: EventForCalendar, options: EventCalendarOptions): CalendarFile {
  const cancelled = event.status === "CANCELLED" || event.status === "REJECTED";
  return calendarFile(event, options, options.method, event.sequence, cancelled);
}

/**
 * The file that takes an event out of calendar apps: METHOD:CANCEL and STATUS:CANCELLED, the same UID
 * and a higher SEQUENCE than any copy sent before. A cancelled event's row already had its sequence
 * bumped by the cancellation; for an event that still stands (a member's place withdrawn) it is one more.
 */
export function eventCancellationCalendar(
  event: EventForCalendar,
  options: Omit<EventCalendarOptions, "method">,
): CalendarFile {
  const alreadyBumped = event.status === "CANCELLED" || event.status === "REJECTED";
  return calendarFile(event, options, "CANCEL", alreadyBumped ? event.sequence : event.sequence + 1, true);
}

function calendarFile(
  event: EventForCalendar,
  options: Omit<EventCalendarOptions, "method">,
  method: "REQUEST" | "PUBLISH" | "CANCEL",
  sequence: number,
  cancelled: boolean,
): CalendarFile {
  const calendar = ical({
    prodId: {
      company: UID_DOMAIN,
      product: options.productName.replace(/\/+/g, " ").trim() || UID_DOMAIN,
      language: "FR",
    },
    method: ICalCalendarMethod[method],
  });
  const url = event.onlineUrl ? uriValue(event.onlineUrl) : null;
  calendar.createEvent({
    id: eventUid(event.id),
    sequence,
    stamp: options.now,
    lastModified: event.updatedAt,
    // Times are written in UTC ("…Z"), not with TZID=Europe/Paris. Each occurrence is its own Event row
    // (no RRULE), so an absolute instant is exact, and every calendar app converts it to the member's zone
    // (18:00 in Paris whatever the season). A TZID would need a hand-maintained VTIMEZONE that some apps
    // (Outlook) check against their own rules; UTC has nothing to go stale.
    start: event.startsAt,
    end: event.endsAt,
    summary: event.title,
    description: calendarDescription(event) ?? null,
    location: event.place ?? url,
    url,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: {
      name: options.organizer.name.trim() || UID_DOMAIN,
      email: options.organizer.email ?? NO_REPLY_ADDRESS,
    },
    attendees: options.attendee?.email
      ? [
          {
            name: options.attendee.name,
            email: options.attendee.email,
            status: ICalAttendeeStatus.ACCEPTED,
            rsvp: false,
          },
        ]
      : [],
  });
  return {
    name: calendarFileName(event.title, event.startsAt),
    mediaType: "text/calendar",
    // RFC 5545 §3.1 and §3.6: every content line, END:VCALENDAR included, ends with CRLF; ical-generator stops short of the last one.
    content: new TextEncoder().encode(`${calendar.toString()}\r\n`),
  };
}

/** The description, with the online link appended when LOCATION shows the place (many apps never show URL). */
function calendarDescription(event: EventForCalendar): string | undefined {
  const text = event.description?.trim();
  if (!event.onlineUrl || !event.place) return text || undefined;
  return text ? `${text}\n\n${event.onlineUrl}` : event.onlineUrl;
}

/** ical-generator escapes URL like text; a URI's own "%2C"/"%3B" keep it a valid, equivalent link. */
function uriValue(url: string): string {
  return url.trim().replace(/,/g, "%2C").replace(/;/g, "%3B");
}

/** "Soirée d'accueil des internes" on 26 Nov 2026 → "soiree-d-accueil-des-internes-2026-11-26.ics". */
export function calendarFileName(title: string, startsAt: Date): string {
  const name = slug(title).slice(0, 60).replace(/-+$/, "");
  return `${name || "evenement"}-${isoDay(parisDay(startsAt))}.ics`;
}
