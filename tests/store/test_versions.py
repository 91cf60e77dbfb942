"""Every version's text kept section by section, on SQLite and a real PostgreSQL: an older
version never takes the latest's place, a section repeated by the next version is stored
once, and what changed is read back from the store."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select

from spiders.parsing.revisor import parse_bill_text
from tests.conftest import FILES
from tests.store.test_store import API, HF2136, NOW, upsert
from tracker import store
from tracker.db import session_scope
from tracker.models import BillText, SectionText, VersionSection
from tracker.records.bills import ActionRecord, BillKey, VersionRecord
from tracker.rules.versions import compare
from tracker.store.versions import version_sections, version_texts, versions_read
from tracker.vocab import BillType, UpsertOutcome

KEY = BillKey(94, 0, BillType.HF, 4127)
WWW = "https://www.revisor.mn.gov/bills/94/2026/0/HF/4127/versions/"
V1 = VersionRecord(
    "2026.0-HF4127-0", "Introduction", True, 0, datetime(2026, 3, 2, 16, tzinfo=UTC), WWW + "0/"
)
V2 = VersionRecord(
    "2026.0-HF4127-1", "1st Engrossment", True, 1, datetime(2026, 3, 16, 21, tzinfo=UTC), WWW + "1/"
)


def text(name: str, version: VersionRecord, key: BillKey = KEY):  # type: ignore[no-untyped-def]
    return parse_bill_text(
        (FILES / name).read_bytes(), key=key, version_name=version.name, url=version.html_url
    )


def store_bill(
    engine: Engine,
    key: BillKey = KEY,
    versions: tuple[VersionRecord, ...] = (V1, V2),
    actions: tuple[ActionRecord, ...] = (),
) -> int:
    bill = dataclasses.replace(
        HF2136,
        key=key,
        companion=None,
        status_xml_url=API + f"HF/{key.number}/",
        versions=versions,
        actions=HF2136.actions + actions,
    )
    result = upsert(engine, bill)
    assert result.bill_id is not None
    return result.bill_id


def test_each_version_is_kept_and_only_the_latest_is_the_bills_text(engine: Engine) -> None:
    bill_id = store_bill(engine)
    latest, older = (
        text("mn_bills_text_HF4127_v2.html", V2),
        text("mn_bills_text_HF4127_v1.html", V1),
    )
    with session_scope(engine) as db:
        assert store.record_bill_text(db, record=latest, now=NOW).outcome is UpsertOutcome.UPDATE
        result = store.record_bill_text(db, record=older, now=NOW)
        assert result.outcome is UpsertOutcome.UPDATE and result.changes == ("sections",)
        assert store.record_bill_text(db, record=older, now=NOW).outcome is UpsertOutcome.NOOP
    with session_scope(engine) as db:
        row = db.get(BillText, bill_id)
        assert row is not None and row.version_name == V2.name and "$7,602" in row.text
        read = versions_read(db, bill_id)
        assert [v.name for v in read] == [V1.name, V2.name]
        texts = version_texts(db, legislature=94, special_session=0, now=NOW)
        assert texts.read == {"94-0-HF-4127": {V1.name, V2.name}} and texts.backlog == ()
        # "Special education aid." is word for word the same in both: stored once.
        sections = db.exec(select(func.count()).select_from(VersionSection)).one()
        texts = db.exec(select(func.count()).select_from(SectionText)).one()
        assert (sections, texts) == (8, 7)
        assert read[0].id is not None and read[1].id is not None
        before, after = version_sections(db, read[0].id), version_sections(db, read[1].id)
    assert before == older.sections and after == latest.sections
    changes = compare(before, after, biennium=(2026, 2027))
    assert [s.heading for s in changes.removed] == ["Definitions."]
    assert {m.after.dollars for m in changes.money if m.after} == {
        Decimal(7602),
        Decimal(2501400000),
    }


def test_tracker_bills_changes_prints_the_summary_then_the_details(
    sqlite_url: str, tracker_env
) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from tracker.cli import main
    from tracker.db import make_engine

    tracker_env(database_url=sqlite_url)
    engine = make_engine(sqlite_url)
    store_bill(engine)
    runner = CliRunner()
    with session_scope(engine) as db:
        store.record_bill_text(db, record=text("mn_bills_text_HF4127_v1.html", V1), now=NOW)
    one = runner.invoke(main, ["bills", "changes", "HF 4127"])
    assert one.exit_code == 1 and "changes need two" in one.output
    with session_scope(engine) as db:
        store.record_bill_text(db, record=text("mn_bills_text_HF4127_v2.html", V2), now=NOW)
    result = runner.invoke(main, ["bills", "changes", "HF 4127", "--from", "1", "--to", "2"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0:2] == ["1. Introduction", "2. 1st Engrossment"]
    assert lines[2] == "HF 4127: Introduction -> 1st Engrossment"
    assert lines[3] == (
        "1st Engrossment: special education aid for FY 2027 from $2,488,011,000 to "
        "$2,501,400,000; grants to school districts for paraprofessional training for FY 2027: "
        "$4,000,000 removed; basic formula allowance for FY 2027 from $7,551 to $7,602; "
        "section on Definitions (125A.79, subd. 1) removed; and 1 more"
    )
    assert "Removed:\n  article 2, section 2: section on Definitions (125A.79, subd. 1)" in (
        result.output
    )
    assert "Money against current law" in result.output and "$7,481 -> $7,602" in result.output
    assert "article 1, section 1 -> article 1, section 2" in result.output
    wrong = runner.invoke(main, ["bills", "changes", "HF 4127", "--from", "2", "--to", "1"])
    assert wrong.exit_code == 2 and "numbered 1 to 2" in wrong.output
    engine.dispose()


def test_the_weekly_update_says_what_a_new_version_changed(engine: Engine) -> None:
    """The week of Monday March 23 reviews March 16-22, when the 1st engrossment was posted."""
    from datetime import date

    from tracker.digest.load import load_digest_input
    from tracker.digest.model import week_actions
    from tracker.store.positions import set_position
    from tracker.vocab import Position, Priority

    bill_id = store_bill(engine)
    with session_scope(engine) as db:
        for name, version in (
            ("mn_bills_text_HF4127_v1.html", V1),
            ("mn_bills_text_HF4127_v2.html", V2),
        ):
            store.record_bill_text(db, record=text(name, version), now=NOW)
        set_position(
            db, bill_id=bill_id, position=Position.SUPPORT, priority=Priority.HIGH, by="s", now=NOW
        )
    with session_scope(engine) as db:
        inputs = load_digest_input(db, week_monday=date(2026, 3, 23), revisor_url="https://r")
        earlier = load_digest_input(db, week_monday=date(2026, 3, 16), revisor_url="https://r")
    [(day, line)] = inputs.bills[bill_id].text_changes
    assert day == date(2026, 3, 16)
    assert line.startswith(
        "1st Engrossment: special education aid for FY 2027 from $2,488,011,000 to $2,501,400,000"
    )
    rows = week_actions(inputs, (inputs.bills[bill_id],))
    assert rows[-1] == f"Mar 16, H.F. 4127 {line}"
    assert not any("Engrossment" in row for row in week_actions(earlier, (earlier.bills[bill_id],)))


def test_versions_without_text_are_the_crawls_backlog_oldest_first(engine: Engine) -> None:
    store_bill(engine)
    with session_scope(engine) as db:
        texts = version_texts(db, legislature=94, special_session=0, now=NOW)
        assert texts.read == {}
        assert [(v.bill_type, v.number, v.name) for v in texts.backlog] == [
            (BillType.HF, 4127, V1.name),
            (BillType.HF, 4127, V2.name),
        ]
        assert texts.backlog[0].html_url == V1.html_url
        store.record_bill_text(db, record=text("mn_bills_text_HF4127_v2.html", V2), now=NOW)
    with session_scope(engine) as db:
        texts = version_texts(db, legislature=94, special_session=0, now=NOW)
        assert texts.read == {"94-0-HF-4127": {V2.name}}
        assert [v.name for v in texts.backlog] == [V1.name]
        assert version_texts(db, legislature=93, special_session=0, now=NOW).backlog == ()


def test_a_version_whose_page_failed_waits_a_week_then_is_back_in_the_backlog(
    engine: Engine,
) -> None:
    from datetime import timedelta

    from tracker.records.bills import TextUnreadRecord

    store_bill(engine)
    with session_scope(engine) as db:
        failed = TextUnreadRecord(KEY, V1.name, "HTTP 404")
        assert store.note_text_unread(db, record=failed, now=NOW).outcome is UpsertOutcome.UPDATE
        nowhere = TextUnreadRecord(KEY, "2026.0-HF4127-9", "HTTP 404")
        unknown = store.note_text_unread(db, record=nowhere, now=NOW)
        assert unknown.outcome is UpsertOutcome.NOOP and "no such version" in unknown.reason
    with session_scope(engine) as db:
        texts = version_texts(db, legislature=94, special_session=0, now=NOW + timedelta(days=6))
        assert texts.waiting == {"94-0-HF-4127": {V1.name}}
        assert [v.name for v in texts.backlog] == [V2.name]
        later = version_texts(db, legislature=94, special_session=0, now=NOW + timedelta(days=7))
        assert later.waiting == {} and [v.name for v in later.backlog] == [V1.name, V2.name]
