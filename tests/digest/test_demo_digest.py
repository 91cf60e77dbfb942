"""A digest built from a real store filled by the demo sample (the real spiders, offline)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from jobs.tag import run_tagging
from tracker.db import make_engine, session_scope, upgrade
from tracker.demo import SAMPLE, crawl_sample
from tracker.digest.build import build_digest
from tracker.digest.load import load_digest_input
from tracker.digest.render import render_digest
from tracker.records.bills import BillKey
from tracker.store import find_bill
from tracker.store.members import find_member, import_members_csv
from tracker.store.positions import set_position
from tracker.vocab import BillType, Position, Priority

WEEK = date(2026, 3, 9)
NOW = datetime(2026, 3, 9, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('digest') / 'demo.db'}"
    upgrade(url)
    crawl_sample(url, echo=print)
    engine = make_engine(url)
    with session_scope(engine) as db:
        run_tagging(db, now=NOW)
        lines = (SAMPLE / "members.csv").read_text().splitlines(keepends=True)
        assert import_members_csv(db, lines, now=NOW).ok
        hf45 = find_bill(db, BillKey(94, 0, BillType.HF, 45))
        assert hf45 is not None and hf45.id is not None
        set_position(
            db,
            bill_id=hf45.id,
            position=Position.SUPPORT,
            priority=Priority.HIGH,
            talking_points="Closing the cross-subsidy frees general-fund dollars.",
            by="t",
            now=NOW,
        )
    engine.dispose()
    return url


def test_a_sample_members_digest_has_hearings_moved_bills_and_an_alert(demo_url: str) -> None:
    engine = make_engine(demo_url)
    with session_scope(engine) as db:
        member = find_member(db, "dana.lindqvist@example.org")
        assert member is not None
        inputs = load_digest_input(db, week_monday=WEEK, revisor_url="https://www.revisor.mn.gov")
    engine.dispose()
    digest = build_digest(inputs, member, WEEK)
    assert not digest.is_empty
    assert [h.committee for h in digest.hearings][:2] == [
        "Senate Education Finance",
        "House Education Finance",
    ]
    moved = {line.citation: line for section in digest.moved for line in section.bills}
    assert "H.F. 45 / S.F. 88" in moved
    assert moved["H.F. 45 / S.F. 88"].stage.label == "In committee"  # as of Mar 8, not today
    alert = digest.alerts[0]
    assert alert.bill.citation == "H.F. 45 / S.F. 88" and alert.action is not None
    assert "Rep. Avery Example, who sits on the committee" in alert.action.what
    rendered = render_digest(digest, public_url="https://t.example.org", secret="s" * 32)
    assert "https://www.revisor.mn.gov/bills/bill.php?b=House&f=HF45" in rendered.text
