import ical, { ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { parisDay } from "../../calendar/paris.ts";
import type { FileRef } from "../../core/reply.ts";

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
  /** REQUEST for a registration, CANCEL when the event or the registration is cancelled, PUBLISH for a plain copy. */
  method: "REQUEST" | "CANCEL" | "PUBLISH";
  /** Written as ORGANIZER only with an email: the property needs an address apps can reply to. */
  organizer?: { name: string; email?: string };
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

/** The UID calendar apps key their copy on: the same for every file of one event. */
export function eventUid(eventId: string): string {
  return `${eventId}@${UID_DOMAIN}`;
}

/**
 * The .ics file of an event: stable UID, SEQUENCE from the event, STATUS:CANCELLED for a cancellation.
 * Import it as is, or send it again after each change: the same UID and a higher SEQUENCE update the copy.
 */
export function eventCalendar(event: EventForCalendar, options: EventCalendarOptions): CalendarFile {
  const cancelled = options.method === "CANCEL" || event.status === "CANCELLED" || event.status === "REJECTED";
  const calendar = ical({
    prodId: { company: UID_DOMAIN, product: options.productName.replace(/\/+/g, " ").trim() || UID_DOMAIN, language: "FR" },
    method: ICalCalendarMethod[options.method],
  });
  const url = event.onlineUrl ? uriValue(event.onlineUrl) : null;
  calendar.createEvent({
    id: eventUid(event.id),
    sequence: event.sequence,
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
    organizer: options.organizer?.email ? { name: options.organizer.name, email: options.organizer.email } : null,
    attendees: options.attendee?.email
      ? [{ name: options.attendee.name, email: options.attendee.email, status: ICalAttendeeStatus.ACCEPTED, rsvp: false }]
      : [],
  });
  return {
    name: calendarFileName(event.title, event.startsAt),
    mediaType: "text/calendar",
    content: new TextEncoder().encode(calendar.toString()),
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
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 60)
    .replace(/^-+|-+$/g, "");
  const day = parisDay(startsAt);
  const date = `${day.year}-${String(day.month).padStart(2, "0")}-${String(day.day).padStart(2, "0")}`;
  return `${slug || "evenement"}-${date}.ics`;
}
