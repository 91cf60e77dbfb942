"""The review queue in the store, on SQLite and PostgreSQL: tracked bills that are new or
changed since someone reviewed them, most urgent first; a review takes a bill out until its
stage, text or tags change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from tests.store.test_hearings import HOUSE, SENATE, save
from tests.store.test_store import HF2136, QUIRKS, SF1832, upsert
from tracker.db import session_scope
from tracker.models import AuditEvent, Bill, Hearing
from tracker.store.positions import decide_tag_audited, set_position
from tracker.store.review import (
    HEARING_SOON,
    changes_since,
    mark_reviewed,
    review_count,
    review_queue,
    urgency,
)
from tracker.vocab import Position, Priority, TagStatus, TagTarget

NOW = datetime(2026, 3, 9, 15, 0, tzinfo=UTC)  # SF 1832 is heard on March 11


@pytest.fixture
def tracked(engine: Engine) -> dict[str, int]:
    """HF 2136, SF 1832 and HF 9001 stored; the association takes a side on each."""
    ids = {}
    for name, record in (("hf2136", HF2136), ("sf1832", SF1832), ("hf9001", QUIRKS)):
        ids[name] = upsert(engine, record).bill_id
    save(engine, HOUSE + SENATE)
    with session_scope(engine) as db:
        for name, priority in (("hf2136", Priority.HIGH), ("sf1832", Priority.LOW)):
            set_position(
                db,
                bill_id=ids[name],
                position=Position.SUPPORT,
                priority=priority,
                by="staff@example.org",
                now=NOW,
            )
    return ids


def queue(engine: Engine) -> list[tuple[str, tuple[str, ...]]]:
    with session_scope(engine) as db:
        return [
            (f"{e.bill.bill_type} {e.bill.number}", e.changes) for e in review_queue(db, now=NOW)[0]
        ]


def test_new_tracked_bills_wait_most_urgent_first(engine: Engine, tracked: dict) -> None:
    # SF 1832 has a hearing on March 11: first, though HF 2136's priority is higher.
    # HF 9001 is not tracked (no position, never tagged): not in the queue.
    assert queue(engine) == [("SF 1832", ("new",)), ("HF 2136", ("new",))]
    with session_scope(engine) as db:
        [first, _], waiting = review_queue(db, now=NOW)
        assert first.hearing is not None and first.hearing.committee
        assert review_count(db) == waiting == 2
        [only], waiting = review_queue(db, now=NOW, limit=1)
        assert only.bill.number == 1832 and waiting == 2


def test_a_review_takes_a_bill_out_until_it_changes(engine: Engine, tracked: dict) -> None:
    with session_scope(engine) as db:
        mark_reviewed(db, bill_id=tracked["sf1832"], by="lobbyist@example.org", now=NOW)
    assert queue(engine) == [("HF 2136", ("new",))]
    with session_scope(engine) as db:  # someone confirms a tag: the tags changed
        decide_tag_audited(
            db,
            bill_id=tracked["sf1832"],
            target=TagTarget.AREA,
            code="special-education",
            status=TagStatus.CONFIRMED,
            by="staff@example.org",
            now=NOW,
        )
    assert ("SF 1832", ("tags",)) in queue(engine)
    with session_scope(engine) as db:
        mark_reviewed(db, bill_id=tracked["sf1832"], by="lobbyist@example.org", now=NOW)
        bill = db.get(Bill, tracked["sf1832"])
        assert bill is not None
        bill.stage, bill.latest_text_version = "enacted", "3rd Engrossment"
    assert ("SF 1832", ("stage", "text")) in queue(engine)
    with session_scope(engine) as db:
        events = db.exec(select(AuditEvent).where(AuditEvent.subject == "reviewed")).all()
        assert [e.who for e in events] == ["lobbyist@example.org"] * 2
        assert events[0].after is not None and events[0].after["stage"] == "in_conference"


def test_a_dead_bill_waits_for_no_one(engine: Engine, tracked: dict) -> None:
    with session_scope(engine) as db:
        bill = db.get(Bill, tracked["hf2136"])
        assert bill is not None
        bill.stage = "dead"
    assert [name for name, _ in queue(engine)] == ["SF 1832"]


def test_a_canceled_or_far_hearing_does_not_put_a_bill_first(engine: Engine, tracked: dict) -> None:
    with session_scope(engine) as db:
        for hearing in db.exec(select(Hearing)):
            hearing.status = "canceled"
    assert [name for name, _ in queue(engine)] == ["HF 2136", "SF 1832"]  # by priority


# (hearing in days, position, priority, confidence), listed in the expected order
ORDER = [
    ("a hearing tomorrow beats everything", (1, "none", "none", 0.1)),
    ("then a hearing in two days, with a side taken", (2, "support", "low", 0.2)),
    ("then one in two days with no position", (2, "none", "none", 0.9)),
    ("no hearing: a position, high priority", (None, "oppose", "high", 0.1)),
    ("no hearing: a position, low priority", (None, "monitor", "low", 0.9)),
    ("no hearing, no position: most confident first", (None, "none", "none", 0.95)),
    ("then the less confident", (None, "", "", 0.5)),
]


def test_the_order_of_urgency() -> None:
    keys = [
        urgency(
            hearing_at=NOW + timedelta(days=days) if days is not None else None,
            position=position,
            priority=priority,
            score=score,
            now=NOW,
        )
        for _, (days, position, priority, score) in ORDER
    ]
    assert sorted(keys) == keys and len(set(keys)) == len(keys)
    far = urgency(hearing_at=NOW + HEARING_SOON * 2, position="", priority="", score=0, now=NOW)
    assert far > keys[2], "a hearing beyond two weeks is not soon"


@pytest.mark.parametrize(
    ("seen", "changes"),
    [
        (None, ("new",)),
        ({"stage": "in_committee", "text": "v1", "tags": ["area:a:suggested"]}, ()),
        ({"stage": "on_floor", "text": "v1", "tags": ["area:a:suggested"]}, ("stage",)),
        ({"stage": "in_committee", "text": "", "tags": []}, ("text", "tags")),
    ],
)
def test_what_changed_since_a_review(seen, changes) -> None:  # type: ignore[no-untyped-def]
    now = {"stage": "in_committee", "text": "v1", "tags": ["area:a:suggested"]}
    assert changes_since(seen, now) == changes


def test_a_review_of_a_bill_not_stored_is_refused(engine: Engine) -> None:
    with session_scope(engine) as db, pytest.raises(KeyError):
        mark_reviewed(db, bill_id=424242, by="x", now=NOW)
