"""How dates, times and stages read on a page, in an email and on the command line."""

from __future__ import annotations

from datetime import date, datetime

from tracker.models import Bill
from tracker.rules.dates import CENTRAL
from tracker.vocab import Stage


def day(value: date | None) -> str:
    """Mar 9, 2026 (a dash when there is no date)."""
    return value.strftime("%b %-d, %Y") if value else "—"


def long_day(value: date) -> str:
    """March 9, 2026."""
    return f"{value:%B} {value.day}, {value:%Y}"


def short_day(value: date) -> str:
    """Mar 9."""
    return f"{value:%b} {value.day}"


def local_time(value: datetime | None) -> str:
    return value.astimezone(CENTRAL).strftime("%b %-d, %Y %-I:%M %p") if value else "—"


def stage_label(value: Stage | str) -> str:
    """A stage's label; a value that is no stage is shown as it is."""
    try:
        return Stage(value).label
    except ValueError:
        return str(value)


def bill_stage_label(bill: Bill) -> str:
    """The bill's stage; a dead bill says how far it got."""
    label = stage_label(bill.stage)
    if bill.stage == Stage.POCKET_VETOED and bill.stage_on:
        return f"{label} (not signed by {long_day(bill.stage_on)})"
    if bill.stage == Stage.DEAD and bill.furthest_stage != bill.stage:
        furthest = stage_label(bill.furthest_stage)
        return f"{label} (got as far as: {furthest[0].lower()}{furthest[1:]})"
    return label
