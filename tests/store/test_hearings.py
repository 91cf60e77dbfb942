"""Hearings and legislators in the store, on SQLite and a real PostgreSQL: a re-crawl updates
a hearing in place and records what changed; nothing vanishes silently."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import select

from spiders.parsing.legislators import parse_house_committee_members, parse_house_member_list
from spiders.parsing.schedules import parse_house_schedule, parse_senate_schedule
from tests.conftest import FILES
from tests.store.test_store import HF2136, upsert
from tracker import store
from tracker.db import session_scope
from tracker.models import BillAuthor, Hearing, HearingChange
from tracker.records.schedule import AgendaItemRecord, HearingRecord
from tracker.rules.dates import CENTRAL, week_bounds
from tracker.vocab import BillType, Chamber, HearingStatus, UpsertOutcome

FIRST_CRAWL = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LATER = FIRST_CRAWL + timedelta(days=1)
HOUSE = parse_house_schedule(
    (FILES / "mn_hearings_house_all.html").read_text(encoding="utf-8"),
    url="https://www.house.mn.gov/Schedules/All",
).hearings
SENATE = parse_senate_schedule(
    (FILES / "mn_hearings_senate_upcoming.json").read_text(encoding="utf-8"),
    url="https://www.senate.mn/api/schedule/upcoming",
).hearings
FINANCE_KEY = "house:2026-03-10:education-finance"


def save(engine: Engine, records: list[HearingRecord], now: datetime = FIRST_CRAWL) -> list:
    with session_scope(engine) as db:
        return [store.upsert_hearing(db, record=r, now=now).outcome for r in records]


def hearing(engine: Engine, key: str) -> tuple[Hearing, list[HearingChange]]:
    with session_scope(engine) as db:
        row = db.exec(select(Hearing).where(Hearing.source_key == key)).one()
        changes = db.exec(select(HearingChange).where(HearingChange.hearing_id == row.id))
        return row, list(changes)


def test_a_joint_meeting_listed_by_both_chambers_is_stored_once(engine: Engine) -> None:
    outcomes = save(engine, HOUSE + SENATE)
    assert outcomes.count(UpsertOutcome.INSERT) == len({r.source_key for r in HOUSE + SENATE})
    joint, changes = hearing(engine, "joint:2026-03-12:education-finance")
    assert joint.listed_by == ["house", "senate"] and changes == []
    assert save(engine, HOUSE + SENATE, LATER) == [UpsertOutcome.NOOP] * len(HOUSE + SENATE)


def test_a_recrawl_records_cancellation_new_time_and_agenda_changes(engine: Engine) -> None:
    upsert(engine, HF2136)  # on the agenda as "HF2136"
    save(engine, HOUSE)
    original = next(r for r in HOUSE if r.source_key == FINANCE_KEY)
    moved = dataclasses.replace(
        original,
        starts_at=original.starts_at + timedelta(hours=2),
        status=HearingStatus.CANCELED,
        agenda=(*original.agenda[1:], AgendaItemRecord(9, BillType.HF, 2136, "HF 2136 added")),
    )
    assert save(engine, [moved], LATER) == [UpsertOutcome.UPDATE]
    row, changes = hearing(engine, FINANCE_KEY)
    assert row.status == "canceled" and row.starts_at == moved.starts_at
    kinds = [(c.kind, c.before, c.after) for c in changes]
    assert ("canceled", "scheduled", "canceled") in kinds
    assert ("time", "Tue Mar 10 1:00 PM", "Tue Mar 10 3:00 PM") in kinds
    assert ("bill added", "", "HF 2136") in kinds
    removed = [b for b in original.bills if b not in moved.bills]
    assert [k for k in kinds if k[0] == "bill removed"] == [
        ("bill removed", f"{t.value} {n}", "") for t, n in removed
    ]
    assert all(c.seen_at == LATER for c in changes)
    with session_scope(engine) as db:
        same_day = db.exec(select(Hearing).where(Hearing.committee == row.committee)).all()
        assert len([h for h in same_day if h.starts_at.date() == row.starts_at.date()]) == 1
        view = store.hearings_between(db, *week_bounds(date(2026, 3, 10)), committee="finance")
        linked = next(v for v in view if v.hearing.source_key == FINANCE_KEY)
        assert len(linked.bill_ids) == 1, "HF 2136 is stored, so its agenda line links to it"


def test_a_hearing_no_longer_listed_is_marked_not_deleted(engine: Engine) -> None:
    save(engine, HOUSE)
    kept = [r for r in HOUSE if r.source_key != FINANCE_KEY]
    with session_scope(engine) as db:
        vanished = store.mark_vanished(
            db,
            listed_by=Chamber.HOUSE,
            seen=[r.source_key for r in kept],
            window=(date(2026, 3, 5), date(2026, 3, 13)),
            now=LATER,
        )
    assert vanished == 1
    row, changes = hearing(engine, FINANCE_KEY)
    assert row.vanished_at == LATER and [c.kind for c in changes] == ["vanished"]
    save(engine, HOUSE, LATER + timedelta(hours=1))
    row, changes = hearing(engine, FINANCE_KEY)
    assert row.vanished_at is None and [c.kind for c in changes] == ["vanished", "reappeared"]


def test_past_hearings_do_not_vanish_when_they_drop_off_the_upcoming_list(engine: Engine) -> None:
    save(engine, HOUSE)
    after_the_week = datetime(2026, 3, 20, tzinfo=CENTRAL)
    with session_scope(engine) as db:
        gone = store.mark_vanished(
            db,
            listed_by=Chamber.HOUSE,
            seen=[],
            window=(date(2026, 3, 1), date(2026, 3, 31)),
            now=after_the_week,
        )
    assert gone == 0


def test_members_committee_seats_and_authors(engine: Engine) -> None:
    members, _ = parse_house_member_list(
        (FILES / "mn_legislators_house_list.html").read_text(encoding="utf-8"),
        url="https://www.house.mn.gov/members/list",
    )
    roster = parse_house_committee_members(
        (FILES / "mn_legislators_house_committee_94006.html").read_text(encoding="utf-8"),
        name="Education Policy",
        url="https://www.house.mn.gov/Committees/members/94006",
    )
    upsert(engine, HF2136)
    with session_scope(engine) as db:
        outcomes = [store.upsert_legislator(db, record=m, now=FIRST_CRAWL).outcome for m in members]
        assert set(outcomes) == {UpsertOutcome.INSERT}
        again = store.upsert_legislator(db, record=members[0], now=LATER)
        assert again.outcome is UpsertOutcome.NOOP
        result = store.upsert_committee_roster(db, record=roster, legislature=94, now=FIRST_CRAWL)
        assert result.outcome is UpsertOutcome.UPDATE
        assert (
            store.upsert_committee_roster(db, record=roster, legislature=94, now=LATER).outcome
            is UpsertOutcome.NOOP
        )
        assert result.bill_id is not None
        seated = store.committee_roster(db, result.bill_id)
        assert sorted(role for _, role in seated) == sorted(
            s.role.value for s in roster.memberships
        )
        authors = list(db.exec(select(BillAuthor)))
        matched = store.legislators_for_authors(db, authors)
    names = {m.last_name for m in members}
    for author in authors:
        if author.chamber == "house" and author.name.split()[-1] in names:
            assert author.id in matched, f"{author.name} matches a House member by name"


def test_two_meetings_of_a_committee_on_one_day_stay_two_and_a_time_change_is_one(
    engine: Engine,
) -> None:
    afternoon = next(r for r in HOUSE if r.source_key == FINANCE_KEY)
    evening = dataclasses.replace(
        afternoon,
        source_key=FINANCE_KEY + ":2",
        starts_at=afternoon.starts_at.replace(hour=18),
        gavel="Ron Kresha",
    )
    assert save(engine, [afternoon, evening]) == [UpsertOutcome.INSERT] * 2
    later = dataclasses.replace(afternoon, starts_at=afternoon.starts_at.replace(hour=14))
    assert save(engine, [later, evening], LATER) == [UpsertOutcome.UPDATE, UpsertOutcome.NOOP]
    first, changes = hearing(engine, FINANCE_KEY)
    second, _ = hearing(engine, FINANCE_KEY + ":2")
    assert [(c.kind, c.before, c.after) for c in changes] == [
        ("time", "Tue Mar 10 1:00 PM", "Tue Mar 10 2:00 PM")
    ]
    assert (first.gavel, first.chair) == ("Cheryl Youakim", "Ron Kresha")
    assert second.gavel == "Ron Kresha" and second.starts_at.astimezone(CENTRAL).hour == 18
