"""The one place the spiders and their pipeline read the time: when a crawl stores what it
read, and the day a spider's defaults are taken from (the current session, today's hearings).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from tracker.rules.dates import CENTRAL


def now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    """Today in Minnesota."""
    return now().astimezone(CENTRAL).date()
