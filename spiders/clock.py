"""The one place the spiders and their pipeline read the time: when a crawl stores what it
read, and the day a spider's defaults are taken from (the current session, today's hearings).
Both follow TRACKER_AS_OF, so stages are judged as of the day the tracker runs as of.
"""

from __future__ import annotations

from datetime import date, datetime

from tracker.config import get_settings


def now() -> datetime:
    return get_settings().now()


def today() -> date:
    """Today in Minnesota (or the as-of day)."""
    return get_settings().today()
