"""What a bill crawl reads: where a chamber's listing ends, and which listed bills to fetch.

Pure decisions (no Scrapy, no database), made from what the listing said and what the store
holds (`tracker.store.Baseline`).

Where a listing ends. The status search answers 500 numbers at a time. The next range is
asked for when this one listed bills, when it could not be read (a failed range says nothing
about what follows), or while the numbers still to come are evidenced: the highest number
the store knows for the bill type (stored bills and the companions they name) or that this
crawl has seen (listed, or named as a companion by a bill just read). An empty range past
all evidence ends it. A listing never goes past `LAST_NUMBER`.

Which bills to fetch. A bill is fetched when it is new to the store, in a full pass
(`--full`), or when the listing's last-action date says it may have changed: a date later
than the stored last action, or on or after the day the store last read the bill (an action
entered later that same day carries that day's date). A full pass that was cut short goes on
where it stopped: bills read since it began are not read again.
"""

from __future__ import annotations

from datetime import datetime

from spiders.parsing.listing import ListedBill
from tracker.rules.dates import CENTRAL
from tracker.store import KnownBill

RANGE_SIZE = 500  # the status search returns at most 500 results (Open States)
LAST_NUMBER = 9999  # Open States walks 1-9999; no chamber has come near it


def next_range_start(first: int, *, listed_any: bool, failed: bool, evidence: int) -> int | None:
    """The first number of the range after the one starting at `first`, or None: the end."""
    following = first + RANGE_SIZE
    if following > LAST_NUMBER:
        return None
    if listed_any or failed or following <= evidence:
        return following
    return None


def reason_to_fetch(
    listed: ListedBill,
    known: KnownBill | None,
    *,
    full: bool,
    resume_since: datetime | None = None,
) -> str:
    """Why to fetch this bill's status ('' when the stored status is current)."""
    if known is None:
        return "new"
    if full:
        if resume_since and known.checked_at and known.checked_at >= resume_since:
            return ""  # read by the full pass this one goes on from
        return "full pass"
    if known.checked_at is None:
        return "never read"
    if listed.last_action_on is None:
        return "no last-action date listed"
    if known.last_action_on is None or listed.last_action_on > known.last_action_on:
        return "new action"
    if listed.last_action_on >= known.checked_at.astimezone(CENTRAL).date():
        return "action on or after the day it was last read"
    return ""
