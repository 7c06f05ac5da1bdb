import ICAL from "ical.js";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  type EventCalendarOptions,
  type EventForCalendar,
  eventCalendar,
  eventCancellationCalendar,
} from "../../src/features/events/ics.ts";
import { readWithPythonIcalendar } from "../support/real-readers.ts";

const now = new Date("2026-11-23T09:00:00Z");

function welcomeEvening(overrides: Partial<EventForCalendar> = {}): EventForCalendar {
  return {
    id: "5b0c3a36-1111-4222-8333-444455556666",
    title: "Soirée d'accueil des internes",
    description: "Buffet offert; venez nombreux, même en retard.",
    startsAt: new Date("2026-11-26T17:00:00Z"),
    endsAt: new Date("2026-11-26T19:00:00Z"),
    place: "Salle des fêtes, Montauban",
    onlineUrl: null,
    status: "SCHEDULED",
    sequence: 0,
    updatedAt: new Date("2026-11-20T10:00:00Z"),
    ...overrides,
  };
}

const network = { name: "Réseau France Services, Tarn-et-Garonne" };

function generate(event: EventForCalendar, options: Partial<EventCalendarOptions> & { cancel?: boolean } = {}) {
  const { cancel, ...rest } = options;
  const settings = {
    method: "REQUEST" as const,
    productName: "Réseau Tarn-et-Garonne",
    organizer: network,
    now,
    ...rest,
  };
  const file = cancel ? eventCancellationCalendar(event, settings) : eventCalendar(event, settings);
  return read(file);
}

function read(file: ReturnType<typeof eventCalendar>) {
  const text = new TextDecoder().decode(file.content);
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent("vevent");
  if (!vevent) throw new Error("no VEVENT in the file");
  return { file, text, calendar, vevent, parsed: new ICAL.Event(vevent) };
}

/** The Paris wall-clock time of a parsed iCalendar time, as calendar apps in France show it. */
function parisWallClock(time: ICAL.Time): string {
  return DateTime.fromJSDate(time.toJSDate(), { zone: "Europe/Paris" }).toFormat("yyyy-MM-dd HH:mm");
}

describe("the calendar file of an event", () => {
  it("keeps the same UID across files, so calendar apps update their copy instead of adding one", () => {
    const first = generate(welcomeEvening());
    const second = generate(welcomeEvening({ sequence: 1, title: "Soirée d'accueil (nouvelle salle)" }), {
      now: new Date("2026-11-24T09:00:00Z"),
    });
    expect(first.parsed.uid).toBe("5b0c3a36-1111-4222-8333-444455556666@partner-network-bot");
    expect(second.parsed.uid).toBe(first.parsed.uid);
    expect(first.parsed.sequence).toBe(0);
    expect(second.parsed.sequence).toBe(1);
    expect(second.vevent.getFirstPropertyValue("dtstamp")?.toString()).toBe("2026-11-24T09:00:00Z");
  });

  it("is an invitation with the title, place and description as written, accents and punctuation intact", () => {
    const { file, calendar, vevent, parsed } = generate(welcomeEvening());
    expect(file.mediaType).toBe("text/calendar");
    expect(file.name).toBe("soiree-d-accueil-des-internes-2026-11-26.ics");
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(vevent.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(parsed.summary).toBe("Soirée d'accueil des internes");
    expect(parsed.location).toBe("Salle des fêtes, Montauban");
    expect(parsed.description).toBe("Buffet offert; venez nombreux, même en retard.");
  });

  it("escapes commas and semicolons and folds long lines without breaking accented letters", () => {
    const title =
      "Forum santé; accès aux soins, télémédecine, « aller-vers » et coordination des acteurs du Tarn-et-Garonne";
    const description = "Programme :\n- accueil, café;\n- table ronde\\questions";
    const { text, parsed } = generate(welcomeEvening({ title, description }));
    expect(text).toContain("SUMMARY:Forum santé\\; accès aux soins\\, télémédecine");
    const lines = text.split("\r\n");
    expect(lines.some((line) => line.startsWith(" "))).toBe(true);
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(parsed.summary).toBe(title);
    expect(parsed.description).toBe(description);
  });

  it("shows an online event's link as its place and its URL", () => {
    const link = "https://visio.example.fr/rejoindre?salle=82;code=1,2";
    const { vevent, parsed } = generate(welcomeEvening({ place: null, onlineUrl: link }));
    expect(parsed.location).toBe("https://visio.example.fr/rejoindre?salle=82%3Bcode=1%2C2");
    expect(vevent.getFirstPropertyValue("url")).toBe("https://visio.example.fr/rejoindre?salle=82%3Bcode=1%2C2");
  });

  it("adds the link of a hybrid event to its description, since many apps never show URL", () => {
    const { parsed } = generate(welcomeEvening({ onlineUrl: "https://visio.example.fr/seminaire" }));
    expect(parsed.location).toBe("Salle des fêtes, Montauban");
    expect(parsed.description).toBe(
      "Buffet offert; venez nombreux, même en retard.\n\nhttps://visio.example.fr/seminaire",
    );
  });

  it("shows 18:00 in Paris on both sides of the October clock change", () => {
    const summer = generate(
      welcomeEvening({
        startsAt: new Date("2026-10-24T16:00:00Z"),
        endsAt: new Date("2026-10-24T18:00:00Z"),
      }),
    ).parsed;
    const winter = generate(
      welcomeEvening({
        startsAt: new Date("2026-10-26T17:00:00Z"),
        endsAt: new Date("2026-10-26T19:00:00Z"),
      }),
    ).parsed;
    expect(summer.startDate.zone).toBe(ICAL.Timezone.utcTimezone);
    expect(summer.startDate.toJSDate().toISOString()).toBe("2026-10-24T16:00:00.000Z");
    expect(winter.startDate.toJSDate().toISOString()).toBe("2026-10-26T17:00:00.000Z");
    expect(parisWallClock(summer.startDate)).toBe("2026-10-24 18:00");
    expect(parisWallClock(winter.startDate)).toBe("2026-10-26 18:00");
    expect(parisWallClock(summer.endDate)).toBe("2026-10-24 20:00");
    expect(parisWallClock(winter.endDate)).toBe("2026-10-26 20:00");
  });

  it("cancels the same event in calendar apps when the event is cancelled: METHOD:CANCEL, STATUS:CANCELLED, same UID, higher SEQUENCE", () => {
    const registered = generate(welcomeEvening({ sequence: 2 }));
    // The cancellation bumped the row's sequence: the file carries it as it is.
    const cancelled = generate(welcomeEvening({ sequence: 3, status: "CANCELLED" }), { cancel: true });
    expect(cancelled.calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(cancelled.vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(cancelled.parsed.uid).toBe(registered.parsed.uid);
    expect(cancelled.parsed.sequence).toBe(3);
    // An event that still stands (a member's place withdrawn): one above the copies already sent.
    const withdrawn = generate(welcomeEvening({ sequence: 2 }), { cancel: true });
    expect(withdrawn.calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(withdrawn.vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(withdrawn.parsed.uid).toBe(registered.parsed.uid);
    expect(withdrawn.parsed.sequence).toBe(3);
    expect(withdrawn.vevent.getFirstProperty("organizer")?.getFirstValue()).toBe("mailto:noreply@invalid");
  });

  it("ends every line with CRLF, END:VCALENDAR included (RFC 5545 §3.1, §3.6)", () => {
    for (const { text } of [
      generate(welcomeEvening()),
      generate(welcomeEvening({ status: "CANCELLED" }), { cancel: true }),
    ]) {
      expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
      expect(text).not.toMatch(/[^\r]\n/);
    }
  });

  it("names the organizer and the registrant when they have an email address", () => {
    const { vevent, parsed } = generate(welcomeEvening(), {
      organizer: { name: "Coordination, Tarn-et-Garonne", email: "coordination@example.fr" },
      attendee: { name: "Marie Dupont", email: "marie@example.fr" },
    });
    const organizer = vevent.getFirstProperty("organizer");
    expect(organizer?.getFirstValue()).toBe("mailto:coordination@example.fr");
    expect(organizer?.getParameter("cn")).toBe("Coordination, Tarn-et-Garonne");
    expect(parsed.attendees[0]?.getParameter("cn")).toBe("Marie Dupont");
    expect(parsed.attendees[0]?.getParameter("partstat")).toBe("ACCEPTED");
  });

  it("names the network as organizer, with an address that can never receive mail when it has none", () => {
    const { vevent } = generate(welcomeEvening(), { attendee: { name: "Marie" } });
    const organizer = vevent.getFirstProperty("organizer");
    expect(organizer?.getFirstValue()).toBe("mailto:noreply@invalid");
    expect(organizer?.getParameter("cn")).toBe("Réseau France Services, Tarn-et-Garonne");
    expect(vevent.getAllProperties("attendee")).toHaveLength(0);
  });

  it("gives a file name of safe characters even for a title with none", () => {
    expect(generate(welcomeEvening({ title: "Café « Santé » : l'accès aux soins !" })).file.name).toBe(
      "cafe-sante-l-acces-aux-soins-2026-11-26.ics",
    );
    expect(generate(welcomeEvening({ title: "« ! »" })).file.name).toBe("evenement-2026-11-26.ics");
  });

  it("reads the same in python-icalendar, a parser independent of ical.js", async () => {
    const files = [
      generate(
        welcomeEvening({
          title:
            "Forum santé; accès aux soins, télémédecine, « aller-vers » et coordination des acteurs du Tarn-et-Garonne",
        }),
      ),
      generate(
        welcomeEvening({
          startsAt: new Date("2026-10-24T16:00:00Z"),
          endsAt: new Date("2026-10-24T18:00:00Z"),
          onlineUrl: "https://visio.example.fr/s",
        }),
      ),
      generate(welcomeEvening({ sequence: 4, status: "CANCELLED" }), { cancel: true, method: "PUBLISH" }),
    ];
    const read = await readWithPythonIcalendar(files.map((f) => f.file.content));
    expect(read).toHaveLength(files.length);
    read.forEach((calendar, i) => {
      const ours = files[i]!;
      expect(calendar.errors).toEqual([]);
      expect(calendar.version).toBe("2.0");
      expect(calendar.method).toBe(ours.calendar.getFirstPropertyValue("method"));
      expect(calendar.events).toHaveLength(1);
      const event = calendar.events[0]!;
      expect(event.errors).toEqual([]);
      expect(event).toMatchObject({
        uid: ours.parsed.uid,
        sequence: ours.parsed.sequence,
        status: ours.vevent.getFirstPropertyValue("status"),
        summary: ours.parsed.summary,
        location: ours.parsed.location,
        description: ours.parsed.description,
        organizer: { address: "mailto:noreply@invalid", name: network.name },
      });
      expect(new Date(event.start!).toISOString()).toBe(ours.parsed.startDate.toJSDate().toISOString());
      expect(new Date(event.end!).toISOString()).toBe(ours.parsed.endDate.toJSDate().toISOString());
    });
    expect(read.map((c) => c.method)).toEqual(["REQUEST", "REQUEST", "CANCEL"]);
    expect(read[2]!.events[0]).toMatchObject({ status: "CANCELLED", sequence: 4 });
  });
});
