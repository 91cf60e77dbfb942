"""The review queue: tracked bills a person has not looked at since they were new, or since
their stage, text version or tags changed, most urgent first.

When someone marks a bill reviewed, what they saw is kept (`BillReview.seen`: the stage, the
text version, each tag with its status); the bill is back in the queue as soon as any of it
differs. Dead bills wait for no one and are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from tracker.models import (
    AuditEvent,
    Bill,
    BillPosition,
    BillRelevance,
    BillReview,
    BillTag,
    Hearing,
    HearingAgendaItem,
)
from tracker.rules.dates import CENTRAL
from tracker.store.tags import tags_of, tracked_clause
from tracker.vocab import HearingStatus, Position, Priority, Stage, TagStatus

HEARING_SOON = timedelta(days=14)  # a hearing within this puts a bill first
CHUNK = 500
PRIORITY_RANK = {Priority.HIGH.value: 0, Priority.MEDIUM.value: 1, Priority.LOW.value: 2}


@dataclass(frozen=True)
class QueueEntry:
    bill: Bill
    changes: tuple[str, ...]  # "new", or what changed: "stage", "text", "tags"
    tags: tuple[BillTag, ...]  # not rejected: areas first, most confident first
    position: BillPosition | None = None
    hearing: Hearing | None = None  # the next one with the bill on its agenda, if soon
    score: float = 0.0  # the tagger's relevance score

    @property
    def suggested(self) -> tuple[BillTag, ...]:
        return tuple(tag for tag in self.tags if tag.status == TagStatus.SUGGESTED.value)

    @property
    def takes_position(self) -> bool:
        return self.position is not None and self.position.position != Position.NONE.value


def snapshot(bill: Bill, tags: Iterable[BillTag]) -> dict[str, Any]:
    """What a reviewer sees of a bill that matters for the queue."""
    return {
        "stage": bill.stage,
        "text": bill.latest_text_version or "",
        "tags": sorted(f"{tag.target}:{tag.code}:{tag.status}" for tag in tags),
    }


def changes_since(seen: dict[str, Any] | None, now: dict[str, Any]) -> tuple[str, ...]:
    """('new',) for a bill nobody reviewed; else the names of what differs."""
    if seen is None:
        return ("new",)
    return tuple(name for name in ("stage", "text", "tags") if seen.get(name) != now[name])


def urgency(entry: QueueEntry, now: datetime) -> tuple[int, bool, int, float, str, int]:
    """The queue's order: a hearing soon (the sooner the day, the earlier), a position
    already taken, the association's priority, then the tagger's confidence."""
    today = now.astimezone(CENTRAL).date()
    days = (
        (entry.hearing.starts_at.astimezone(CENTRAL).date() - today).days
        if entry.hearing
        else HEARING_SOON.days + 1
    )
    priority = PRIORITY_RANK.get(entry.position.priority, 3) if entry.position else 3
    bill = entry.bill
    return (days, not entry.takes_position, priority, -entry.score, bill.bill_type, bill.number)


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def _candidates(db: Session) -> list[Bill]:
    query = select(Bill).where(tracked_clause(), col(Bill.stage) != Stage.DEAD.value)
    return list(db.exec(query))


def _waiting(db: Session) -> list[tuple[Bill, tuple[str, ...], list[BillTag]]]:
    bills = _candidates(db)
    ids = [bill.id for bill in bills if bill.id is not None]
    tags: dict[int, list[BillTag]] = {}
    seen: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(ids):
        tags.update(tags_of(db, chunk))
        reviews = db.exec(select(BillReview).where(col(BillReview.bill_id).in_(chunk)))
        seen.update({review.bill_id: review.seen for review in reviews})
    waiting = []
    for bill in bills:
        assert bill.id is not None
        own = tags.get(bill.id, [])
        changes = changes_since(seen.get(bill.id), snapshot(bill, own))
        if changes:
            waiting.append((bill, changes, own))
    return waiting


def review_count(db: Session) -> int:
    """How many bills wait for review (the count in the navigation)."""
    return len(_waiting(db))


def review_queue(db: Session, *, now: datetime, limit: int | None = None) -> list[QueueEntry]:
    """The bills waiting for review, most urgent first."""
    waiting = _waiting(db)
    ids = [bill.id for bill, _, _ in waiting if bill.id is not None]
    positions: dict[int, BillPosition] = {}
    scores: dict[int, float] = {}
    hearings: dict[int, Hearing] = {}
    for chunk in _chunks(ids):
        for row in db.exec(select(BillPosition).where(col(BillPosition.bill_id).in_(chunk))):
            positions[row.bill_id] = row
        verdicts = select(BillRelevance.bill_id, BillRelevance.score).where(
            col(BillRelevance.bill_id).in_(chunk)
        )
        scores.update(dict(db.exec(verdicts).all()))
        soon = (
            select(HearingAgendaItem.bill_id, Hearing)
            .join(Hearing, col(Hearing.id) == col(HearingAgendaItem.hearing_id))
            .where(
                col(HearingAgendaItem.bill_id).in_(chunk),
                col(Hearing.starts_at) >= now,
                col(Hearing.starts_at) < now + HEARING_SOON,
                col(Hearing.status) != HearingStatus.CANCELED.value,
                col(Hearing.vanished_at).is_(None),
            )
            .order_by(col(Hearing.starts_at))
        )
        for bill_id, hearing in db.exec(soon).all():
            if bill_id is not None:
                hearings.setdefault(bill_id, hearing)
    entries = [
        QueueEntry(
            bill=bill,
            changes=changes,
            tags=tuple(tag for tag in own if tag.status != TagStatus.REJECTED.value),
            position=positions.get(bill.id or 0),
            hearing=hearings.get(bill.id or 0),
            score=scores.get(bill.id or 0, 0.0),
        )
        for bill, changes, own in waiting
    ]
    entries.sort(key=lambda entry: urgency(entry, now))
    return entries[:limit] if limit else entries


def mark_reviewed(db: Session, *, bill_id: int, by: str, now: datetime) -> AuditEvent:
    """Someone looked at the bill as it is now: it leaves the queue until it changes."""
    bill = db.get(Bill, bill_id)
    if bill is None:
        raise KeyError(f"no bill {bill_id}")
    seen = snapshot(bill, tags_of(db, [bill_id]).get(bill_id, []))
    review = db.get(BillReview, bill_id)
    before = None if review is None else {"reviewed_by": review.reviewed_by}
    if review is None:
        review = BillReview(bill_id=bill_id, reviewed_by=by, reviewed_at=now)
        db.add(review)
    review.reviewed_by, review.reviewed_at, review.seen = by, now, seen
    event = AuditEvent(
        who=by, at=now, bill_id=bill_id, subject="reviewed", before=before, after=seen
    )
    db.add(event)
    db.flush()
    return event
