"""`tracker hearings list|ics` and the hearings on `bills show`, through Click's runner."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from tests.store.test_hearings import HOUSE, SENATE
from tracker import store
from tracker.cli import main
from tracker.db import make_engine, session_scope
from tracker.models import Hearing, HearingAgendaItem
from tracker.present.text import hearings_view
from tracker.records.bills import BillKey
from tracker.store.hearings import HearingView
from tracker.store.tags import decide_tag
from tracker.vocab import BillType, TagStatus, TagTarget

NOW = datetime(2026, 3, 1, tzinfo=UTC)


@pytest.fixture
def scheduled(stored: str) -> str:
    with session_scope(make_engine(stored)) as db:
        for record in HOUSE + SENATE:
            store.upsert_hearing(db, record=record, now=NOW)
    return stored


def test_the_week_lists_every_hearing_in_time_order(runner: CliRunner, scheduled: str) -> None:
    result = runner.invoke(main, ["hearings", "list", "--week", "2026-03-11"])
    assert result.exit_code == 0, result.output
    heads = [line for line in result.output.splitlines() if not line.startswith(" ")]
    assert heads[0].startswith("Mon Mar 9 ") and heads[-1].startswith("Fri Mar 13")
    assert "Mar 5" not in result.output, "the week before is not listed"
    assert "[canceled]" in result.output
    assert "Joint: Joint" in result.output
    blank = [line for line in result.output.splitlines() if re.fullmatch(r"\s+\d+\.\s*", line)]
    assert blank == [], "an agenda line naming only a bill shows the bill"


def test_committee_and_tracked_filters(runner: CliRunner, scheduled: str) -> None:
    week = ["hearings", "list", "--week", "2026-03-09"]
    policy = runner.invoke(main, [*week, "--committee", "policy"])
    assert policy.exit_code == 0
    heads = [line for line in policy.output.splitlines() if not line.startswith(" ")]
    assert heads and all("Education Policy" in line for line in heads)
    assert runner.invoke(main, [*week, "--tracked"]).output.startswith("No hearings")
    with session_scope(make_engine(scheduled)) as db:  # a lobbyist tags SF 1832 by hand
        bill = store.find_bill(db, BillKey(94, 0, BillType.SF, 1832))
        assert bill is not None and bill.id is not None
        decide_tag(
            db,
            bill_id=bill.id,
            target=TagTarget.AREA,
            code="unemployment-paid-leave",
            status=TagStatus.CONFIRMED,
            by="lobbyist@amsd.org",
            now=NOW,
        )
    tracked = runner.invoke(main, [*week, "--tracked"])
    heads = [line for line in tracked.output.splitlines() if not line.startswith(" ")]
    assert heads == ["Wed Mar 11 12:30 PM  Senate: Education Policy  [agenda changed]"]


def test_the_calendar_feed_is_valid_icalendar(
    runner: CliRunner, scheduled: str, tmp_path: Path
) -> None:
    out = tmp_path / "hearings.ics"
    result = runner.invoke(
        main, ["hearings", "ics", "--since", "2026-03-09", "--days", "7", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len({r.source_key for r in HOUSE + SENATE if r.starts_at.day >= 9})
    canceled = [e for e in events if e["STATUS"] == "CANCELLED"]
    assert canceled and all("Canceled" in str(e["DESCRIPTION"]) for e in canceled)
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_bill_show_lists_its_hearings(runner: CliRunner, scheduled: str) -> None:
    result = runner.invoke(main, ["bills", "show", "SF 1832"])
    assert result.exit_code == 0, result.output
    assert "Wed Mar 11 12:30 PM  Senate: Education Policy" in result.output.split("Tags")[1]
    other = runner.invoke(main, ["bills", "show", "HF 2136"])
    assert "Hearings: none scheduled" in other.output


def test_an_agenda_line_naming_only_a_bill_shows_the_bill() -> None:
    hearing = Hearing(
        id=1,
        source_key="senate:s_1",
        chamber="senate",
        committee="Education Policy",
        starts_at=datetime(2026, 3, 11, 17, 30, tzinfo=UTC),
    )
    item = HearingAgendaItem(hearing_id=1, position=2, text="", bills=["SF 3820"])
    text = hearings_view([HearingView(hearing, [item], [])], empty="none")
    assert "    2. SF 3820" in text.splitlines()
