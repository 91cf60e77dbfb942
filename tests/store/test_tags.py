"""Tags in the store, on SQLite and a real PostgreSQL: the tagger suggests, people decide,
and a re-tag never overwrites a decision."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from tests.store.test_store import HF2136, QUIRKS, SF1832, upsert
from tracker.db import session_scope
from tracker.models import BillRelevance, BillTag
from tracker.store.tags import TagRunCounts, decide_tag, decisions_for_training, tag_bills
from tracker.tagging.catalog import load_catalog
from tracker.tagging.learned import train
from tracker.tagging.tagger import compile_catalog
from tracker.vocab import TagSource, TagStatus, TagTarget

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
TAGGER = compile_catalog(load_catalog())
FISHING_DESCRIPTION = "Fishing license fees modified."


def tags_by_code(engine: Engine, bill_id: int) -> dict[str, BillTag]:
    with session_scope(engine) as db:
        rows = db.exec(select(BillTag).where(BillTag.bill_id == bill_id))
        return {row.code: row for row in rows}


def store_three(engine: Engine) -> dict[str, int]:
    # Without its actions: its Education Policy referral alone would keep it relevant.
    special_ed = dataclasses.replace(
        QUIRKS, description="Special education aid increased.", actions=()
    )
    ids = {}
    for name, bill in (("hf2136", HF2136), ("sf1832", SF1832), ("special_ed", special_ed)):
        result = upsert(engine, bill)
        assert result.bill_id is not None
        ids[name] = result.bill_id
    return ids


def run(
    engine: Engine, *, everything: bool = False, now: datetime = NOW, **kw: Any
) -> TagRunCounts:
    with session_scope(engine) as db:
        return tag_bills(db, TAGGER, now=now, everything=everything, **kw)


def test_tagging_stores_suggestions_and_a_second_run_changes_nothing(engine: Engine) -> None:
    ids = store_three(engine)
    first = run(engine)
    assert (first.bills, first.tagged, first.unchanged) == (3, 3, 0)
    special = tags_by_code(engine, ids["special_ed"])
    assert special["special-education"].status == TagStatus.SUGGESTED.value
    assert special["special-education"].source == TagSource.AUTO.value
    assert special["special-education"].reasons, "every suggestion carries its reasons"
    assert any(code.startswith("amsd-") for code in special), "framework items follow the area"
    with session_scope(engine) as db:
        verdicts = {row.bill_id: row for row in db.exec(select(BillRelevance))}
    assert verdicts[ids["special_ed"]].relevant is True
    assert verdicts[ids["sf1832"]].relevant is False, "a jobs omnibus is not a school bill"

    second = run(engine)
    assert (second.tagged, second.unchanged, second.tags_added) == (0, 3, 0)
    assert second.relevant == first.relevant


def test_people_decisions_survive_a_full_retag(engine: Engine) -> None:
    ids = store_three(engine)
    run(engine)
    bill_id = ids["special_ed"]
    with session_scope(engine) as db:
        decide_tag(
            db,
            bill_id=bill_id,
            target=TagTarget.AREA,
            code="special-education",
            status=TagStatus.REJECTED,
            by="lobbyist@amsd.org",
            now=NOW,
        )
        decide_tag(
            db,
            bill_id=bill_id,
            target=TagTarget.AREA,
            code="mandates-reporting",
            status=TagStatus.CONFIRMED,
            by="lobbyist@amsd.org",
            now=NOW,
        )
    counts = run(engine, everything=True, now=NOW + timedelta(hours=1))
    assert counts.tagged == 3 and counts.decisions_kept == 2
    tags = tags_by_code(engine, bill_id)
    assert tags["special-education"].status == TagStatus.REJECTED.value
    assert tags["special-education"].decided_by == "lobbyist@amsd.org"
    assert tags["mandates-reporting"].status == TagStatus.CONFIRMED.value
    assert tags["mandates-reporting"].source == TagSource.PERSON.value


def test_a_changed_title_retags_and_withdraws_only_undecided_suggestions(engine: Engine) -> None:
    ids = store_three(engine)
    run(engine)
    bill_id = ids["special_ed"]
    before = tags_by_code(engine, bill_id)
    item = next(code for code in before if "/" in code)
    with session_scope(engine) as db:
        decide_tag(
            db,
            bill_id=bill_id,
            target=TagTarget.ITEM,
            code=item,
            status=TagStatus.CONFIRMED,
            by="staff@amsd.org",
            now=NOW,
        )
    fishing = dataclasses.replace(QUIRKS, description=FISHING_DESCRIPTION, actions=())
    upsert(engine, fishing, now=NOW + timedelta(days=1))
    counts = run(engine, now=NOW + timedelta(days=1))
    assert (counts.tagged, counts.unchanged) == (1, 2), "only the changed bill is re-tagged"
    assert counts.tags_withdrawn == len(before) - 1
    assert set(tags_by_code(engine, bill_id)) == {item}, "the confirmed item stays"


def test_decisions_feed_the_learned_model(engine: Engine) -> None:
    ids = store_three(engine)
    run(engine)
    decisions = [
        (ids["special_ed"], "special-education", TagStatus.CONFIRMED),
        (ids["hf2136"], "special-education", TagStatus.REJECTED),
    ]
    with session_scope(engine) as db:
        for bill_id, code, status in decisions:
            decide_tag(
                db,
                bill_id=bill_id,
                target=TagTarget.AREA,
                code=code,
                status=status,
                by="lobbyist@amsd.org",
                now=NOW,
            )
        learned_from = decisions_for_training(db)
    assert [(d.area, d.accepted) for d in learned_from] == [
        ("special-education", True),
        ("special-education", False),
    ]
    assert "Special education aid increased" in learned_from[0].text
    model = train(learned_from, min_decisions=2)
    assert model is not None
    counts = run(engine, model=model)
    assert counts.tagged == 3, "a new model re-tags every bill"
    with session_scope(engine) as db:
        verdict = db.get(BillRelevance, ids["special_ed"])
        assert verdict is not None and verdict.tagger_version.endswith(model.version)


def test_a_person_cannot_record_a_suggestion(engine: Engine) -> None:
    ids = store_three(engine)
    with session_scope(engine) as db, pytest.raises(ValueError, match="confirms or rejects"):
        decide_tag(
            db,
            bill_id=ids["hf2136"],
            target=TagTarget.AREA,
            code="special-education",
            status=TagStatus.SUGGESTED,
            by="x@y.org",
            now=NOW,
        )


def test_tracked_means_one_thing_in_the_store_and_the_web_filters(engine: Engine) -> None:
    """Tracked: judged relevant, a tag a person confirmed, or a position taken."""
    from tracker.store.positions import set_position
    from tracker.store.tags import tracked_bill_ids
    from tracker.vocab import Position, Priority
    from tracker.web.bill_query import BillFilters, bills_select

    def tracked_both_ways() -> set[int]:
        with session_scope(engine) as db:
            in_store = tracked_bill_ids(db)
            query = bills_select(BillFilters(tracked=True))
            on_the_web = {bill.id for bill, _ in db.exec(query) if bill.id is not None}
        assert in_store == on_the_web
        return in_store

    ids = store_three(engine)  # hf2136 and sf1832 are not about schools; special_ed is
    run(engine)
    assert tracked_both_ways() == {ids["special_ed"]}
    with session_scope(engine) as db:
        decide_tag(
            db,
            bill_id=ids["hf2136"],
            target=TagTarget.AREA,
            code="school-safety",
            status=TagStatus.CONFIRMED,
            by="staff@example.org",
            now=NOW,
        )
    assert tracked_both_ways() == {ids["special_ed"], ids["hf2136"]}
    with session_scope(engine) as db:
        set_position(
            db,
            bill_id=ids["sf1832"],
            position=Position.MONITOR,
            priority=Priority.NONE,
            by="staff@example.org",
            now=NOW,
        )
    assert tracked_both_ways() == set(ids.values())


def test_stage_matches_the_same_bills_in_the_cli_and_the_web(engine: Engine) -> None:
    """`--stage` (tracker bills list) and the web's stage filter: a dead bill also matches
    the stage it reached."""
    from datetime import date

    from tracker import store
    from tracker.models import Bill
    from tracker.vocab import Stage
    from tracker.web.bill_query import BillFilters, bills_select

    store_three(engine)
    with session_scope(engine) as db:
        store.refresh_stages(db, today=date(2027, 1, 1))  # the 2025-2026 session is over
    with session_scope(engine) as db:
        bills = list(db.exec(select(Bill)))
        assert {bill.stage for bill in bills} - {Stage.ENACTED.value, Stage.VETOED.value} == {
            Stage.DEAD.value
        }
        for stage in Stage:
            cli = {bill.id for bill in store.list_bills(db, stage=stage.value)}
            web = {bill.id for bill, _ in db.exec(bills_select(BillFilters(stage=stage)))}
            expected = {b.id for b in bills if stage.value in (b.stage, b.furthest_stage)}
            assert cli == web == expected, stage
