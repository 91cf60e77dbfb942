"""The review queue: tracked bills a person has not looked at since they were new, or since
their stage, text version or tags changed, most urgent first.

When someone marks a bill reviewed, what they saw is kept (`BillReview.seen`: the stage, the
text version, each tag with its status); the bill is back in the queue as soon as any of it
differs. Dead bills wait for no one and are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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


def changes_since(seen: Mapping[str, Any] | None, now: Mapping[str, Any]) -> tuple[str, ...]:
    """('new',) for a bill nobody reviewed; else the names of what differs."""
    if seen is None:
        return ("new",)
    return tuple(name for name in ("stage", "text", "tags") if seen.get(name) != now[name])


def urgency(
    *,
    hearing_at: datetime | None,
    position: str,
    priority: str,
    score: float,
    now: datetime,
) -> tuple[int, bool, int, float]:
    """The queue's order: a hearing soon (the sooner the day, the earlier), a position
    already taken, the association's priority, then the tagger's confidence."""
    days = (
        (hearing_at.astimezone(CENTRAL).date() - now.astimezone(CENTRAL).date()).days
        if hearing_at is not None
        else HEARING_SOON.days + 1
    )
    taken = position not in ("", Position.NONE.value)
    return (days, not taken, PRIORITY_RANK.get(priority, 3), -score)


def _tag_strings(db: Session, reviewed: Any) -> dict[int, list[str]]:
    """Each reviewed bill's tags as the snapshot writes them (columns only: fast)."""
    query = select(BillTag.bill_id, BillTag.target, BillTag.code, BillTag.status).where(
        col(BillTag.bill_id).in_(reviewed)
    )
    found: dict[int, list[str]] = {}
    for bill_id, target, code, status in db.exec(query).all():
        found.setdefault(bill_id, []).append(f"{target}:{code}:{status}")
    return {bill_id: sorted(tags) for bill_id, tags in found.items()}


@dataclass(frozen=True)
class _Waiting:
    bill_id: int
    changes: tuple[str, ...]


def _waiting(db: Session) -> list[_Waiting]:
    """Tracked, live bills nobody reviewed, or changed since; a few column queries."""
    rows = db.exec(
        select(Bill.id, Bill.stage, Bill.latest_text_version, BillReview.seen)
        .outerjoin(BillReview, col(BillReview.bill_id) == col(Bill.id))
        .where(tracked_clause(), col(Bill.stage) != Stage.DEAD.value)
    ).all()
    reviewed = select(BillReview.bill_id).scalar_subquery()
    tags = _tag_strings(db, reviewed) if any(row[3] is not None for row in rows) else {}
    waiting = []
    for bill_id, stage, text, seen in rows:
        if bill_id is None:
            continue
        now = {"stage": stage, "text": text or "", "tags": tags.get(bill_id, [])}
        changes = ("new",) if seen is None else changes_since(dict(seen), now)
        if changes:
            waiting.append(_Waiting(bill_id, changes))
    return waiting


def review_count(db: Session) -> int:
    """How many bills wait for review (the count in the navigation)."""
    return len(_waiting(db))


def _soon(db: Session, now: datetime) -> dict[int, tuple[datetime, int]]:
    """Bill id -> (start, hearing id) of its next hearing within HEARING_SOON."""
    query = (
        select(HearingAgendaItem.bill_id, Hearing.starts_at, Hearing.id)
        .join(Hearing, col(Hearing.id) == col(HearingAgendaItem.hearing_id))
        .where(
            col(HearingAgendaItem.bill_id).is_not(None),
            col(Hearing.starts_at) >= now,
            col(Hearing.starts_at) < now + HEARING_SOON,
            col(Hearing.status) != HearingStatus.CANCELED.value,
            col(Hearing.vanished_at).is_(None),
        )
        .order_by(col(Hearing.starts_at))
    )
    soon: dict[int, tuple[datetime, int]] = {}
    for bill_id, starts_at, hearing_id in db.exec(query).all():
        if bill_id is not None and hearing_id is not None:
            soon.setdefault(bill_id, (starts_at, hearing_id))
    return soon


def review_queue(
    db: Session, *, now: datetime, limit: int | None = None
) -> tuple[list[QueueEntry], int]:
    """The first `limit` bills waiting for review, most urgent first, and how many wait."""
    waiting = _waiting(db)
    positions = {
        bill_id: (position, priority)
        for bill_id, position, priority in db.exec(
            select(BillPosition.bill_id, BillPosition.position, BillPosition.priority)
        ).all()
    }
    scores = dict(db.exec(select(BillRelevance.bill_id, BillRelevance.score)).all())
    soon = _soon(db, now)

    def order(entry: _Waiting) -> tuple[int, bool, int, float, int]:
        position, priority = positions.get(entry.bill_id, ("", ""))
        hearing = soon.get(entry.bill_id)
        key = urgency(
            hearing_at=hearing[0] if hearing else None,
            position=position,
            priority=priority,
            score=scores.get(entry.bill_id, 0.0),
            now=now,
        )
        return (*key, entry.bill_id)

    chosen = sorted(waiting, key=order)[:limit] if limit else sorted(waiting, key=order)
    return _entries(db, chosen, soon), len(waiting)


def _entries(
    db: Session, chosen: list[_Waiting], soon: dict[int, tuple[datetime, int]]
) -> list[QueueEntry]:
    """The chosen bills in full, in a few queries."""
    ids = [item.bill_id for item in chosen]
    bills = {bill.id: bill for bill in db.exec(select(Bill).where(col(Bill.id).in_(ids)))}
    tags = tags_of(db, ids)
    positions = {
        row.bill_id: row
        for row in db.exec(select(BillPosition).where(col(BillPosition.bill_id).in_(ids)))
    }
    scores = dict(
        db.exec(
            select(BillRelevance.bill_id, BillRelevance.score).where(
                col(BillRelevance.bill_id).in_(ids)
            )
        ).all()
    )
    hearing_ids = [soon[i][1] for i in ids if i in soon]
    hearings = {h.id: h for h in db.exec(select(Hearing).where(col(Hearing.id).in_(hearing_ids)))}
    return [
        QueueEntry(
            bill=bills[item.bill_id],
            changes=item.changes,
            tags=tuple(
                tag for tag in tags.get(item.bill_id, []) if tag.status != TagStatus.REJECTED.value
            ),
            position=positions.get(item.bill_id),
            hearing=hearings.get(soon[item.bill_id][1]) if item.bill_id in soon else None,
            score=scores.get(item.bill_id, 0.0),
        )
        for item in chosen
    ]


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
