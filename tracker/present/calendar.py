"""An iCalendar feed of hearings (RFC 5545, written by the `icalendar` library)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from tracker.rules.dates import CENTRAL
from tracker.store.hearings import HearingView
from tracker.vocab import HearingStatus

DEFAULT_LENGTH = timedelta(hours=1, minutes=30)
PRODUCT_ID = "-//Minnesota education advocacy tracker//hearings//EN"


def hearings_calendar(
    views: Iterable[HearingView], *, name: str, now: datetime, domain: str = "mn-edu-tracker"
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "America/Chicago")
    for view in views:
        calendar.add_component(_event(view, now=now, domain=domain))
    return calendar.to_ical()


def _event(view: HearingView, *, now: datetime, domain: str) -> Event:
    hearing = view.hearing
    event = Event()
    event.add("uid", f"{hearing.source_key}@{domain}")
    event.add("dtstamp", now)
    event.add("summary", f"{hearing.chamber.title()}: {hearing.committee}")
    if hearing.time_tba:
        event.add("dtstart", hearing.starts_at.astimezone(CENTRAL).date())
    else:
        event.add("dtstart", hearing.starts_at)
        event.add("dtend", hearing.starts_at + DEFAULT_LENGTH)
    if hearing.location:
        event.add("location", hearing.location)
    if hearing.url:
        event.add("url", hearing.url)
    canceled = hearing.status == HearingStatus.CANCELED.value or hearing.vanished_at is not None
    event.add("status", "CANCELLED" if canceled else "CONFIRMED")
    lines = [f"Chair: {hearing.chair}"] if hearing.chair else []
    if hearing.status != HearingStatus.SCHEDULED.value:
        lines.append(f"Status: {HearingStatus(hearing.status).label}")
    lines += [f"{item.position}. {item.text}" for item in view.agenda]
    if lines:
        event.add("description", "\n".join(lines))
    return event
