#!/usr/bin/env python3
"""The Python peer for bench/calendar.sh: the same core job with icalendar +
recurring_ical_events -- parse, expand over a window, drop cancelled / free / declined /
all-day, clip to 09:00-17:00 Monday-Friday in the calendar's zone, take per-day unions, and
report busy hours. Prints one JSON line.

Usage: peer_analyze.py FILE FROM TO   (dates YYYY-MM-DD, TO exclusive)
"""

import json
import sys
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events


def main():
    path, start, end = sys.argv[1], date.fromisoformat(sys.argv[2]), date.fromisoformat(sys.argv[3])
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    tz = ZoneInfo(str(cal.get("X-WR-TIMEZONE", "UTC")))
    owner = str(cal.get("X-WR-CALNAME", "")).lower()
    occurrences = recurring_ical_events.of(cal).between(start, end)

    per_day = defaultdict(list)
    counted = 0
    for ev in occurrences:
        s = ev["DTSTART"].dt
        if not isinstance(s, datetime):
            continue
        if str(ev.get("STATUS", "")).upper() == "CANCELLED":
            continue
        if str(ev.get("TRANSP", "")).upper() == "TRANSPARENT":
            continue
        attendees = ev.get("ATTENDEE", [])
        if not isinstance(attendees, list):
            attendees = [attendees]
        if any(str(a).lower().removeprefix("mailto:") == owner
               and str(a.params.get("PARTSTAT", "")).upper() == "DECLINED" for a in attendees):
            continue
        e = ev["DTEND"].dt if "DTEND" in ev else s + ev.get("DURATION", icalendar.vDuration(timedelta())).dt
        s = s.astimezone(tz) if s.tzinfo else s.replace(tzinfo=tz)
        e = e.astimezone(tz) if e.tzinfo else e.replace(tzinfo=tz)
        counted += 1
        d = s.date()
        while d <= e.date():
            if d.weekday() < 5 and start <= d < end:
                ws = datetime.combine(d, time(9), tz)
                we = datetime.combine(d, time(17), tz)
                a, b = max(s, ws), min(e, we)
                if a < b:
                    per_day[d].append((a, b))
            d += timedelta(days=1)

    busy = 0.0
    for spans in per_day.values():
        spans.sort()
        cur_s, cur_e = spans[0]
        for a, b in spans[1:]:
            if a <= cur_e:
                cur_e = max(cur_e, b)
            else:
                busy += (cur_e - cur_s).total_seconds()
                cur_s, cur_e = a, b
        busy += (cur_e - cur_s).total_seconds()
    print(json.dumps({"occurrences": len(occurrences), "busy_instances": counted,
                      "busy_hours": round(busy / 3600, 2)}))


if __name__ == "__main__":
    main()
