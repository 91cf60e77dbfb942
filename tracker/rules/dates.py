"""Dates as the Legislature writes them, typos included."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

CENTRAL = ZoneInfo("America/Chicago")

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
# 05/27/2025, 05/27/25, and the typos seen in real data: 05/27/226, 05/272026
_US = re.compile(r"(\d{1,2})/(\d{1,2})/?(\d{2,4})\b")


def _year(text: str) -> int | None:
    if len(text) == 4:
        return int(text)
    if len(text) == 2:
        return 2000 + int(text)
    if len(text) == 3 and text.startswith("2"):
        return 2000 + int(text[1:])  # "226" -> 2026, "225" -> 2025
    return None


def parse_loose_date(text: str | None) -> date | None:
    """The first date in `text`: ISO ('2025-03-10 00:00:00') or US ('05/27/2025', '05/27/226').

    Returns None for blanks and for anything that is not a real calendar date.
    """
    if not text or not text.strip():
        return None
    iso = _ISO.match(text)
    if iso:
        parts: tuple[int | None, int, int] = (
            int(iso.group(1)),
            int(iso.group(2)),
            int(iso.group(3)),
        )
    else:
        us = _US.search(text)
        if not us:
            return None
        parts = (_year(us.group(3)), int(us.group(1)), int(us.group(2)))
    year, month, day = parts
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_local_datetime(text: str | None) -> datetime | None:
    """'2025-03-10 09:08:06' in Central time -> an aware datetime, or None."""
    if not text or not text.strip():
        return None
    try:
        naive = datetime.strptime(text.strip()[:19], "%Y-%m-%d %H:%M:%S")
    except ValueError:
        day = parse_loose_date(text)
        if day is None:
            return None
        naive = datetime(day.year, day.month, day.day)
    return naive.replace(tzinfo=CENTRAL)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_bounds(day: date) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday 00:00, Central time, of the week `day` falls in."""
    monday = monday_of(day)
    start = datetime.combine(monday, time(0), tzinfo=CENTRAL)
    return start, start + timedelta(days=7)
