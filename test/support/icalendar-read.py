"""Reads .ics files with python-icalendar (a parser independent of ical.js) and prints what it understood as JSON.

Usage: python3 icalendar-read.py FILE...  ->  one JSON object per file, in a JSON list, on stdout.
The Node tests run it (test/support/icalendar.ts) to check the bot's files with a second reader.
"""

import json
import sys

from icalendar import Calendar


def text(value):
    return None if value is None else str(value)


def when(component, name):
    return component.decoded(name).isoformat() if name in component else None


def read(path):
    with open(path, "rb") as handle:
        data = handle.read()
    calendar = Calendar.from_ical(data)
    events = []
    for event in calendar.walk("VEVENT"):
        organizer = event.get("organizer")
        events.append({
            "uid": text(event.get("uid")),
            "sequence": int(event.get("sequence", 0)),
            "status": text(event.get("status")),
            "summary": text(event.get("summary")),
            "location": text(event.get("location")),
            "description": text(event.get("description")),
            "start": when(event, "dtstart"),
            "end": when(event, "dtend"),
            "organizer": None if organizer is None else {
                "address": text(organizer),
                "name": text(organizer.params.get("CN")),
            },
            "errors": [list(map(str, error)) for error in getattr(event, "errors", [])],
        })
    return {
        "method": text(calendar.get("method")),
        "version": text(calendar.get("version")),
        "prodid": text(calendar.get("prodid")),
        "errors": [list(map(str, error)) for error in getattr(calendar, "errors", [])],
        "events": events,
    }


if __name__ == "__main__":
    json.dump([read(path) for path in sys.argv[1:]], sys.stdout, ensure_ascii=False)
