"""Progress in the store, on SQLite and a real PostgreSQL: folded-in findings kept beside
staff's decisions, goals with their bills, and the facts the report reads."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from tests.store.test_versions import NOW, V1, V2, store_bill, text
from tracker import store
from tracker.db import session_scope
from tracker.models import AuditEvent, Bill, BillFolding, BillTag
from tracker.progress.load import load_progress
from tracker.records.bills import ActionRecord, BillKey
from tracker.store.foldings import decide_folding, detect_foldings
from tracker.store.goals import GoalError, add_goal
from tracker.store.positions import set_position
from tracker.tagging.catalog import load_catalog
from tracker.vocab import (
    BillType,
    Chamber,
    FindingStatus,
    Position,
    Priority,
    Stage,
    TagTarget,
)

LATER = datetime(2026, 11, 30, tzinfo=UTC)


def store_small_bill_and_omnibus(engine: Engine) -> tuple[int, int]:
    """HF 4127 (two versions, its latest text read) as enacted, and HF 9 amending the same
    subdivision of special education aid with the same words, not passed."""
    approved = ActionRecord(
        Chamber.HOUSE, 99, "Governor's action Approval", action_date=date(2026, 5, 16)
    )
    chapter = ActionRecord(
        Chamber.HOUSE, 100, "Secretary of State Chapter 64", action_date=date(2026, 5, 17)
    )
    omnibus = store_bill(engine, actions=(approved, chapter))
    with session_scope(engine) as db:
        for version, name in (
            (V1, "mn_bills_text_HF4127_v1.html"),
            (V2, "mn_bills_text_HF4127_v2.html"),
        ):
            store.record_bill_text(db, record=text(name, version), now=NOW)
        row = db.get(Bill, omnibus)
        assert row is not None and row.stage == Stage.ENACTED.value and row.chapter == "64"
    small = store_bill(engine, key=BillKey(94, 0, BillType.HF, 9), versions=(V1,))
    with session_scope(engine) as db:
        store.record_bill_text(
            db,
            record=text("mn_bills_text_HF4127_v1.html", V1, key=BillKey(94, 0, BillType.HF, 9)),
            now=NOW,
        )
    return small, omnibus


def test_findings_are_kept_and_decisions_survive_a_rerun(engine: Engine) -> None:
    small, omnibus = store_small_bill_and_omnibus(engine)
    with session_scope(engine) as db:
        set_position(
            db, bill_id=small, position=Position.SUPPORT, priority=Priority.HIGH, by="s", now=NOW
        )
        first = detect_foldings(db, now=NOW)
        assert (first.bills, first.suggested) == (1, 1)
        [row] = db.exec(select(BillFolding)).all()
        assert (row.bill_id, row.host_id, row.status) == (
            small,
            omnibus,
            FindingStatus.SUGGESTED.value,
        )
        assert row.confidence >= 0.5
        assert any("125A.76, subd. 2c amended the same way" in said for said in row.evidence)
        assert detect_foldings(db, now=NOW).suggested == 0, "a second run changes nothing"
        decide_folding(
            db,
            bill_id=small,
            host_id=omnibus,
            status=FindingStatus.REJECTED,
            by="staff@x.org",
            now=LATER,
        )
    with session_scope(engine) as db:
        again = detect_foldings(db, now=LATER)
        assert (again.suggested, again.withdrawn, again.decisions_kept) == (0, 0, 1)
        [row] = db.exec(select(BillFolding)).all()
        assert row.status == FindingStatus.REJECTED.value and row.decided_by == "staff@x.org"
        audit = db.exec(select(AuditEvent).where(AuditEvent.bill_id == small)).all()
        assert any(event.subject == "folded into HF 4127" for event in audit)


def test_goals_need_a_known_item_and_text(engine: Engine) -> None:
    with session_scope(engine) as db:
        with pytest.raises(GoalError, match="no framework item"):
            add_goal(
                db, item_key="nope/x", year=2026, text="t", known_items=["a/b"], by="s", now=NOW
            )
        with pytest.raises(GoalError, match="needs its text"):
            add_goal(db, item_key="a/b", year=2026, text="  ", known_items=["a/b"], by="s", now=NOW)


def test_the_report_reads_positions_goals_and_foldings_from_the_store(engine: Engine) -> None:
    small, omnibus = store_small_bill_and_omnibus(engine)
    catalog = load_catalog()
    with session_scope(engine) as db:
        set_position(
            db, bill_id=small, position=Position.SUPPORT, priority=Priority.HIGH, by="s", now=NOW
        )
        detect_foldings(db, now=NOW)
        add_goal(
            db,
            item_key="amsd-2021/sd-1",
            year=2026,
            text="Special education aid",
            bill_ids=[small],
            known_items=[i.key for i in catalog.items],
            by="s",
            now=NOW,
        )
    with session_scope(engine) as db:
        facts = load_progress(db, catalog, association="AMSD")
    bill = facts.bills[small]
    assert bill.position is Position.SUPPORT and bill.position_days == (NOW.date(),)
    assert [f.host_id for f in bill.folded_into] == [omnibus]
    assert omnibus in facts.bills, "the bill it rides in is read too"
    assert facts.goals[0].bill_ids == (small,) and facts.goals[0].item_key == "amsd-2021/sd-1"


def test_a_member_who_asked_gets_the_closed_quarter_in_the_next_weekly_update(
    engine: Engine,
) -> None:
    """2026Q2 ends Tuesday June 30: the update of Monday July 6 reviews June 29 - July 5 and
    carries the quarter's headline for the member who asked; the week before carries none."""
    from tracker.digest.build import build_digest
    from tracker.digest.load import load_digest_input
    from tracker.digest.render import render_digest
    from tracker.store.members import add_member

    small, _ = store_small_bill_and_omnibus(engine)
    with session_scope(engine) as db:
        set_position(
            db, bill_id=small, position=Position.SUPPORT, priority=Priority.HIGH, by="s", now=NOW
        )
        db.add(BillTag(bill_id=small, target=TagTarget.ITEM.value, code="amsd-2021/sd-1"))
        asked, other = (
            add_member(
                db,
                email=f"{name}@example.org",
                name=name.title(),
                organization="Some ISD",
                quarterly_summary=name == "asked",
                now=NOW,
            )
            for name in ("asked", "other")
        )
        after = load_digest_input(db, week_monday=date(2026, 7, 6), revisor_url="https://r")
        before = load_digest_input(db, week_monday=date(2026, 6, 29), revisor_url="https://r")
        assert asked.quarterly_summary and not other.quarterly_summary
        quarter = build_digest(after, asked, date(2026, 7, 6)).quarter
        assert quarter is not None and quarter.label == "2026Q2"
        assert quarter.headline == (
            "The association, 2026Q2: 0 won, 1 lost, 0 still open of 1 bill with a position"
            " under Strategic plan (2021 revision)"
        )
        assert quarter.link == "/report?quarter=2026Q2&framework=amsd-2021"
        assert build_digest(after, other, date(2026, 7, 6)).quarter is None
        assert before.quarter is None
        rendered = render_digest(
            build_digest(after, asked, date(2026, 7, 6)), public_url="https://t", secret="s" * 32
        )
    assert "THE QUARTER ON OUR PLAN: 2026Q2" in rendered.text
    assert quarter.headline in rendered.text
    assert "https://t/report?quarter=2026Q2&amp;framework=amsd-2021" in rendered.html
