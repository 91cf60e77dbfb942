"""What the spiders' `-a` arguments mean: a list of bills, a window of days."""

from __future__ import annotations

import re
from datetime import date, timedelta

from tracker.rules.bill_refs import parse_bill_ref
from tracker.vocab import BillType

MAX_DAYS = 31


def parse_bill_list(text: str) -> list[tuple[BillType, int]]:
    """'HF5, sf1832' -> [(HF, 5), (SF, 1832)]; ValueError names a part that is not a bill."""
    return [parse_bill_ref(part) for part in re.split(r"[,;]", text) if part.strip()]


def parse_window(start: str, days: str, *, today: date) -> tuple[date, date] | None:
    """(first, last) day of the window asked for, or None for every upcoming meeting."""
    if not start and not days:
        return None
    first = date.fromisoformat(start) if start else today
    count = int(days) if days else 7
    if not 1 <= count <= MAX_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_DAYS}, not {days!r}")
    return first, first + timedelta(days=count - 1)
