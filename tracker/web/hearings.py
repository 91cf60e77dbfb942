"""Hearings for the web pages, from the hearings store: a week's meetings with the tracked
bills on each agenda, a bill's hearings, and the calendar feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from tracker import store
from tracker.models import Bill
from tracker.present.calendar import hearings_calendar
from tracker.rules.dates import week_bounds
from tracker.store.hearings import HearingView
from tracker.store.tags import tracked_bill_ids

FEED_DAYS = 60


@dataclass(frozen=True)
class HearingsPage:
    views: list[HearingView]
    bill_urls: dict[int, str]  # agenda bill id -> its page
    tracked: set[int]


def hearings_for_bill(db: Session, bill_id: int) -> list[HearingView]:
    return store.hearings_for_bill(db, bill_id)


def hearings_in_week(db: Session, monday: date, *, tracked_only: bool = False) -> HearingsPage:
    tracked = tracked_bill_ids(db)
    start, end = week_bounds(monday)
    views = store.hearings_between(
        db, start, end, bill_ids=sorted(tracked) if tracked_only else None
    )
    ids = {bill_id for view in views for bill_id in view.bill_ids}
    bills: list[Bill] = list(db.exec(select(Bill).where(col(Bill.id).in_(ids))))
    urls = {bill.id: f"/bills/{store.bill_key(bill).slug}" for bill in bills if bill.id is not None}
    return HearingsPage(views, urls, tracked)


def calendar_feed(db: Session, *, now: datetime, tracked_only: bool) -> bytes:
    bill_ids = sorted(tracked_bill_ids(db)) if tracked_only else None
    views = store.hearings_between(
        db, now - timedelta(days=1), now + timedelta(days=FEED_DAYS), bill_ids=bill_ids
    )
    name = "Hearings with tracked bills" if tracked_only else "Minnesota Legislature hearings"
    return hearings_calendar(views, name=name, now=now)
