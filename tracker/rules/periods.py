"""Periods a report covers: a quarter ("2026Q2"), a week, a session, or any two days. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*Q([1-4])\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # the last day, inclusive
    label: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def until(self, day: date) -> Period:
        """The period cut at `day` (a report can't see past the day the tracker runs as of)."""
        return Period(self.start, min(self.end, max(day, self.start)), self.label)

    def previous(self) -> Period:
        """The period of the same kind just before: the quarter before a quarter."""
        quarter = _QUARTER.match(self.label)
        if quarter:
            year, number = int(quarter.group(1)), int(quarter.group(2))
            return parse_quarter(f"{year - 1}Q4" if number == 1 else f"{year}Q{number - 1}")
        end = self.start - timedelta(days=1)
        start = end - timedelta(days=self.days - 1)
        return Period(start, end, f"{start.isoformat()} to {end.isoformat()}")


def parse_quarter(text: str) -> Period:
    """'2026Q2' -> April 1 to June 30, 2026. Raises ValueError on anything else."""
    match = _QUARTER.match(text)
    if not match:
        raise ValueError(f"not a quarter: {text!r} (expected e.g. 2026Q2)")
    year, number = int(match.group(1)), int(match.group(2))
    start = date(year, 3 * number - 2, 1)
    end = date(year + (number == 4), (3 * number) % 12 + 1, 1) - timedelta(days=1)
    return Period(start, end, f"{year}Q{number}")


def quarter_of(day: date) -> Period:
    return parse_quarter(f"{day.year}Q{(day.month - 1) // 3 + 1}")


def between(start: date, end: date) -> Period:
    if end < start:
        raise ValueError(f"a period ends on or after it starts ({start} > {end})")
    return Period(start, end, f"{start.isoformat()} to {end.isoformat()}")
