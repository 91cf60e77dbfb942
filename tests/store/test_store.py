"""The store on SQLite and on a real PostgreSQL: idempotent upserts, held thin responses,
companions linked both ways, text and statutes, stages and crawl runs."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from spiders.parsing.revisor import parse_bill_text, parse_bill_xml
from tests.conftest import FILES
from tracker import store
from tracker.db import current_revision, head_revision, session_scope
from tracker.models import (
    Bill,
    BillAction,
    BillAuthor,
    BillStatute,
    BillText,
    Committee,
    LegislativeSession,
)
from tracker.records.bills import BillKey, BillRecord
from tracker.vocab import BillType, CrawlStatus, Stage, UpsertOutcome

NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)
DURING_SESSION = date(
    2026, 5, 18
)  # sine die: still sitting, and every fixture action (but one late veto) has happened
API = "https://api.revisor.mn.gov/bills/v1/94/2025/0/"


def record(name: str, url: str) -> BillRecord:
    return parse_bill_xml((FILES / name).read_bytes(), url=url)


HF2136 = record("mn_bills_HF2136.xml", API + "HF/2136/")
SF1832 = record("mn_bills_SF1832.xml", API + "SF/1832/")
QUIRKS = record("mn_bills_quirks.xml", API.replace("2025", "2026") + "HF/9001/")


def upsert(
    engine: Engine, bill: BillRecord, *, now: datetime = NOW, today: date = DURING_SESSION
) -> store.UpsertResult:
    with session_scope(engine) as db:
        return store.upsert_bill(db, record=bill, now=now, today=today)


def test_the_schema_is_at_head(engine: Engine, database_url: str) -> None:
    assert current_revision(engine) == head_revision(database_url)


def test_insert_then_noop_then_update(engine: Engine) -> None:
    assert upsert(engine, HF2136).outcome is UpsertOutcome.INSERT
    assert upsert(engine, HF2136).outcome is UpsertOutcome.NOOP
    changed = dataclasses.replace(HF2136, description="A new short description.")
    result = upsert(engine, changed)
    assert result.outcome is UpsertOutcome.UPDATE and result.changes == ("short_description",)
    with session_scope(engine) as db:
        assert len(list(db.exec(select(Bill)))) == 1
        bill = store.find_bill(db, HF2136.key)
        assert bill is not None and bill.short_description == "A new short description."


def test_stored_fields_and_stage(engine: Engine) -> None:
    upsert(engine, SF1832)
    with session_scope(engine) as db:
        detail = store.bill_detail(db, SF1832.key)
        assert detail is not None
        bill = detail.bill
        assert (bill.revisor_number, bill.companion_type, bill.companion_number) == (
            "25-00179",
            "HF",
            2440,
        )
        assert (bill.stage, bill.stage_on) == (Stage.IN_CONFERENCE.value, date(2025, 5, 13))
        assert detail.session.name == "2025-2026"
        assert [a.name for a in detail.authors] == ["Champion", "Pinto"]  # origin chamber first
        passed = next(a for a in detail.actions if a.text == "Bill was passed as amended")
        assert (passed.yeas, passed.nays, passed.kinds) == (115, 19, ["passed"])
        # merged in time order: the Senate introduction (Feb) comes before the House (Apr)
        assert detail.actions[0].text == "Introduction and first reading"
        assert detail.actions[-1].text == "Laid on table"
        assert len(detail.versions) == 7
        committees = {c.name for c in db.exec(select(Committee))}
        assert {"Ways and Means", "Finance", "Jobs and Economic Development"} <= committees


def test_a_thinner_response_is_held_until_confirmed(engine: Engine) -> None:
    upsert(engine, SF1832)
    thin = dataclasses.replace(SF1832, actions=SF1832.actions[:5], authors=SF1832.authors[:1])
    held = upsert(engine, thin, now=NOW + timedelta(hours=4))
    assert held.outcome is UpsertOutcome.HELD
    assert held.reason == "fewer actions 29 -> 5, authors 2 -> 1"
    with session_scope(engine) as db:
        bill = store.find_bill(db, SF1832.key)
        assert bill is not None and bill.held_reason == held.reason
        assert len(list(db.exec(select(BillAction).where(BillAction.bill_id == bill.id)))) == 29
    # The full response comes back: nothing changed, the hold is dropped.
    assert upsert(engine, SF1832).outcome is UpsertOutcome.NOOP
    with session_scope(engine) as db:
        bill = store.find_bill(db, SF1832.key)
        assert bill is not None and bill.held_fingerprint is None
    # Seen again, the same thin response becomes confirmable; it is applied only when the
    # caller says so (the pipeline, at the end of a crawl where few bills came back thinner).
    assert upsert(engine, thin).outcome is UpsertOutcome.HELD
    again = upsert(engine, thin)
    assert (again.outcome, again.confirmable) == (UpsertOutcome.HELD, True)
    with session_scope(engine) as db:
        bill = store.find_bill(db, SF1832.key)
        assert bill is not None
        assert len(list(db.exec(select(BillAction).where(BillAction.bill_id == bill.id)))) == 29
        assert store.upsert_bill(db, record=thin, now=NOW, apply_thin=True).outcome is (
            UpsertOutcome.UPDATE
        )
    with session_scope(engine) as db:
        bill = store.find_bill(db, SF1832.key)
        assert bill is not None
        assert len(list(db.exec(select(BillAction).where(BillAction.bill_id == bill.id)))) == 5
        assert len(list(db.exec(select(BillAuthor).where(BillAuthor.bill_id == bill.id)))) == 1


def test_new_actions_are_added_and_old_ones_keep_when_they_were_first_seen(engine: Engine) -> None:
    earlier = dataclasses.replace(SF1832, actions=SF1832.actions[:20])
    upsert(engine, earlier, now=NOW)
    later = NOW + timedelta(days=3)
    result = upsert(engine, SF1832, now=later)
    assert result.outcome is UpsertOutcome.UPDATE and "actions +9" in result.changes
    with session_scope(engine) as db:
        rows = list(db.exec(select(BillAction)))
        seen = sorted({row.first_seen_at for row in rows})
        assert seen == [NOW, later]


def test_companions_link_both_ways_whichever_comes_first(engine: Engine) -> None:
    house = dataclasses.replace(HF2136)  # names SF 2551 as its companion
    senate = dataclasses.replace(
        HF2136,
        key=BillKey(94, 0, BillType.SF, 2551),
        companion=(BillType.HF, 2136),
        status_xml_url=API + "SF/2551/",
    )
    upsert(engine, house)
    with session_scope(engine) as db:
        bill = store.find_bill(db, house.key)
        assert bill is not None and bill.companion_id is None  # not crawled yet
    upsert(engine, senate)
    with session_scope(engine) as db:
        hf, sf = store.find_bill(db, house.key), store.find_bill(db, senate.key)
        assert hf is not None and sf is not None
        assert (hf.companion_id, sf.companion_id) == (sf.id, hf.id)


def test_special_sessions_restart_numbering(engine: Engine) -> None:
    special = dataclasses.replace(HF2136, key=BillKey(94, 1, BillType.HF, 2136))
    assert upsert(engine, HF2136).outcome is UpsertOutcome.INSERT
    assert upsert(engine, special).outcome is UpsertOutcome.INSERT
    with session_scope(engine) as db:
        names = sorted(s.name for s in db.exec(select(LegislativeSession)))
        assert names == ["2025 1st Special Session", "2025-2026"]


def test_quirky_bill_vetoed_after_its_chapter(engine: Engine) -> None:
    upsert(engine, QUIRKS, today=date(2026, 6, 1))
    with session_scope(engine) as db:
        bill = store.find_bill(db, QUIRKS.key)
        assert bill is not None
        assert (bill.stage, bill.chapter, bill.year_introduced) == ("vetoed", "131", 2026)
        assert bill.companion_id is None and bill.companion_number == 9002


def test_bills_die_when_their_session_closes(engine: Engine) -> None:
    upsert(engine, HF2136, today=DURING_SESSION)
    with session_scope(engine) as db:
        assert store.refresh_stages(db, today=date(2026, 5, 18)) == 0
        assert store.refresh_stages(db, today=date(2026, 5, 19)) == 1
        bill = store.find_bill(db, HF2136.key)
        assert bill is not None
        assert (bill.stage, bill.furthest_stage, bill.stage_on) == (
            "dead",
            "in_committee",
            date(2026, 5, 18),
        )
        assert [b.number for b in store.list_bills(db, stage="in_committee")] == [2136]


def test_bill_text_title_statutes_and_its_guard(engine: Engine) -> None:
    key = BillKey(94, 0, BillType.HF, 409)
    upsert(
        engine, dataclasses.replace(HF2136, key=key, companion=None, status_xml_url=API + "HF/409/")
    )
    text = parse_bill_text(
        (FILES / "mn_bills_text_HF409_0.html").read_bytes(),
        key=key,
        version_name="2025.0-HF409-0",
        url="http://x/",
    )
    with session_scope(engine) as db:
        assert store.record_bill_text(db, record=text, now=NOW).outcome is UpsertOutcome.UPDATE
        assert store.record_bill_text(db, record=text, now=NOW).outcome is UpsertOutcome.NOOP
        thinner = dataclasses.replace(text, statutes=text.statutes[:1], text="cut")
        assert store.record_bill_text(db, record=thinner, now=NOW).outcome is UpsertOutcome.HELD
    with session_scope(engine) as db:
        bill = store.find_bill(db, key)
        assert bill is not None and bill.official_title.startswith("A bill for an act relating")
        statutes = {(s.section, s.subdivision, s.change) for s in db.exec(select(BillStatute))}
        assert ("126C.10", "2e", "amended") in statutes and len(statutes) == 4
        stored = db.get(BillText, bill.id)
        assert stored is not None and "$424" in stored.text
        assert bill.latest_text_version == "2025.0-HF409-0"


def test_text_for_an_unknown_bill_changes_nothing(engine: Engine) -> None:
    text = parse_bill_text(
        (FILES / "mn_bills_text_HF409_0.html").read_bytes(),
        key=BillKey(94, 0, BillType.HF, 409),
        version_name="v",
        url="http://x/",
    )
    with session_scope(engine) as db:
        result = store.record_bill_text(db, record=text, now=NOW)
    assert result.outcome is UpsertOutcome.NOOP and "not stored" in result.reason


def test_crawl_runs_keep_their_counts(engine: Engine) -> None:
    with session_scope(engine) as db:
        run_id = store.start_crawl_run(
            db, spider="mn_bills", args={"session": "2025-2026"}, now=NOW
        )
        store.finish_crawl_run(db, run_id=run_id, counts={"bills_insert": 3}, now=NOW)
    with session_scope(engine) as db:
        run = store.latest_crawl_run(db, spider="mn_bills")
        assert run is not None
        assert (run.status, run.counts, run.args) == (
            CrawlStatus.FINISHED.value,
            {"bills_insert": 3},
            {"session": "2025-2026"},
        )
        assert run.started_at == NOW and run.started_at.tzinfo is not None
        with pytest.raises(LookupError):
            store.finish_crawl_run(db, run_id=run_id + 100, counts={}, now=NOW)


def test_list_and_count(engine: Engine) -> None:
    for bill in (HF2136, SF1832):
        upsert(engine, bill)
    with session_scope(engine) as db:
        assert [str(store.bill_key(b)) for b in store.list_bills(db)] == ["HF 2136", "SF 1832"]
        assert store.stage_counts(db) == {"in_committee": 1, "in_conference": 1}
        assert store.list_bills(db, changed_since=NOW + timedelta(seconds=1)) == []
