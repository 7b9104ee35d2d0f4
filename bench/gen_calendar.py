#!/usr/bin/env python3
"""Write a large, realistic-looking calendar export for benchmarks (never committed).

Usage: gen_calendar.py OUT.ics [--years 10] [--series 2000] [--singles 200000] [--seed 7]

The shape follows a Google Calendar export: a VTIMEZONE-free file with TZID=Europe/Berlin
times, UTC times, a few floating and all-day events, attendees with PARTSTATs, recurring
series with RRULE/EXDATE and some RECURRENCE-ID overrides. Output is deterministic for a seed.
"""

import argparse
import random
from datetime import date, datetime, timedelta

TITLES = [
    "Team standup", "Ana / me 1:1", "Sprint planning", "Design review", "Interview: backend",
    "Customer call", "Roadmap sync", "Focus time", "Retro", "Architecture review",
    "Hiring debrief", "Lunch", "Incident review", "Quarterly planning", "Coffee chat",
    "Vendor demo", "All hands", "Pairing session", "Office hours", "Book club",
]
PEOPLE = [f"p{i}@acme.example" for i in range(200)] + [f"x{i}@client.example" for i in range(40)]
OWNER = "owner@acme.example"


def fold(line):
    """Fold a content line at 75 octets as RFC 5545 asks."""
    out = []
    while len(line) > 75:
        out.append(line[:75])
        line = " " + line[75:]
    out.append(line)
    return "\r\n".join(out)


def stamp(dt):
    return dt.strftime("%Y%m%dT%H%M%S")


def attendees(rng, n):
    if n == 0:
        return []
    lines = [f"ORGANIZER:mailto:{rng.choice(PEOPLE)}"]
    me = rng.choices(["ACCEPTED", "DECLINED", "TENTATIVE", "NEEDS-ACTION"], [80, 8, 6, 6])[0]
    lines.append(f"ATTENDEE;PARTSTAT={me}:mailto:{OWNER}")
    for p in rng.sample(PEOPLE, n):
        lines.append(f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{p}")
    return lines


def event(rng, uid, start, minutes, extra):
    end = start + timedelta(minutes=minutes)
    kind = rng.random()
    if kind < 0.8:
        times = [f"DTSTART;TZID=Europe/Berlin:{stamp(start)}", f"DTEND;TZID=Europe/Berlin:{stamp(end)}"]
    elif kind < 0.95:
        times = [f"DTSTART:{stamp(start - timedelta(hours=1))}Z", f"DTEND:{stamp(end - timedelta(hours=1))}Z"]
    else:
        times = [f"DTSTART:{stamp(start)}", f"DTEND:{stamp(end)}"]
    lines = ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20260101T000000Z", *times,
             f"SUMMARY:{rng.choice(TITLES)}"]
    if rng.random() < 0.05:
        lines.append("TRANSP:TRANSPARENT")
    if rng.random() < 0.03:
        lines.append("STATUS:CANCELLED")
    lines += extra
    lines += attendees(rng, rng.choice([0, 0, 0, 1, 1, 2]))
    lines.append("END:VEVENT")
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--series", type=int, default=2000)
    ap.add_argument("--singles", type=int, default=200000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    first = date(2016, 1, 4)
    days = a.years * 365
    with open(a.out, "w", newline="") as f:
        def put(lines):
            f.write("".join(fold(l) + "\r\n" for l in lines))

        put(["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{OWNER}",
             "X-WR-TIMEZONE:Europe/Berlin"])
        for s in range(a.series):
            d = first + timedelta(days=rng.randrange(days - 30))
            start = datetime(d.year, d.month, d.day, rng.randrange(8, 18), rng.choice([0, 30]))
            freq = rng.choices(["WEEKLY", "DAILY;BYDAY=MO,TU,WE,TH,FR", "MONTHLY", "WEEKLY;INTERVAL=2"],
                               [50, 10, 20, 20])[0]
            count = rng.randrange(10, 60)
            rule = f"RRULE:FREQ={freq};COUNT={count}"
            exdate = start + timedelta(days=7 * rng.randrange(1, 5))
            extra = [rule, f"EXDATE;TZID=Europe/Berlin:{stamp(exdate)}"]
            put(event(rng, f"series-{s}@bench", start, rng.choice([15, 30, 45, 60]), extra))
            if s % 10 == 0:
                moved = start + timedelta(days=7)
                put(event(rng, f"series-{s}@bench", moved + timedelta(hours=1), 30,
                          [f"RECURRENCE-ID;TZID=Europe/Berlin:{stamp(moved)}"]))
        for i in range(a.singles):
            d = first + timedelta(days=rng.randrange(days))
            if rng.random() < 0.005:
                title = rng.choice(["Vacation", "Public holiday", "Conference", "Birthday"])
                put(["BEGIN:VEVENT", f"UID:single-{i}@bench", "DTSTAMP:20260101T000000Z",
                     f"DTSTART;VALUE=DATE:{d.strftime('%Y%m%d')}",
                     f"DTEND;VALUE=DATE:{(d + timedelta(days=1)).strftime('%Y%m%d')}",
                     f"SUMMARY:{title}", "TRANSP:TRANSPARENT", "END:VEVENT"])
                continue
            start = datetime(d.year, d.month, d.day, rng.randrange(7, 19), rng.choice([0, 15, 30, 45]))
            put(event(rng, f"single-{i}@bench", start, rng.choice([15, 30, 30, 45, 60, 90, 120]), []))
        put(["END:VCALENDAR"])


if __name__ == "__main__":
    main()
