"""A time window (gy:earliest .. gy:latest) as dates a reader takes in at a glance: a day,
a month or a year when the window is exactly that, else the two ends; an open window ("after
…": no gy:latest, or a latest date far off) as its start and a dash."""

from __future__ import annotations

import calendar
from datetime import date

OPEN_YEAR = 2000  # a latest date this far out reads as open ("after …")


def day(value: str | date) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def iso_span(earliest: str | date | None, latest: str | date | None) -> str:
    if earliest is None:
        return ""
    start = day(earliest)
    if latest is None or day(latest).year >= OPEN_YEAR:
        return f"{start.isoformat()} –"
    end = day(latest)
    if start == end:
        return start.isoformat()
    if start.day == 1 and (start.year, start.month) == (end.year, end.month) \
            and end.day == calendar.monthrange(end.year, end.month)[1]:
        return f"{start.year:04d}-{start.month:02d}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"{start.year:04d}"
    return f"{start.isoformat()} – {end.isoformat()}"
