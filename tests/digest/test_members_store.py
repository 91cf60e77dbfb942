"""Members in the store: CSV import (all or nothing), add, remove, unsubscribe by token."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from tracker.db import session_scope
from tracker.models import Delivery, Member
from tracker.rules.unsubscribe import unsubscribe_token
from tracker.store.members import (
    MemberError,
    add_member,
    import_members_csv,
    list_members,
    remove_member,
    unsubscribe_by_token,
)

NOW = datetime(2026, 3, 6, 12, tzinfo=UTC)
SAMPLE = Path(__file__).resolve().parents[2] / "tracker" / "demo" / "sample" / "members.csv"
HEADER = "email,name,organization,role,follows,districts,cadence\n"


def test_the_sample_file_imports_and_a_second_import_changes_nothing(engine: Engine) -> None:
    with session_scope(engine) as db:
        lines = SAMPLE.read_text().splitlines(keepends=True)
        report = import_members_csv(db, lines, now=NOW)
        assert (report.ok, report.added) == (True, 4)
        again = import_members_csv(db, lines, now=NOW)
        assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
        dana = next(m for m in list_members(db) if m.name == "Dana Lindqvist")
        assert dana.follows == ["special-education", "literacy"]
        assert dana.districts == ["49A"] and dana.cadence == "weekly+urgent"
        assert len(dana.token_salt) == 32


def test_one_bad_row_imports_nothing_and_every_bad_row_is_reported(engine: Engine) -> None:
    text = HEADER + (
        "ok@example.org,Ok Person,Good ISD,superintendent,literacy,49A,\n"
        "not-an-email,Bad Email,Some ISD,,,,\n"
        "\n"
        "x@example.org,,Some ISD,,,,\n"
        "y@example.org,Unknown Code,Some ISD,,no-such-area;amsd-2021/sd-1,,\n"
        "z@example.org,Bad District,Some ISD,,,49,monthly\n"
        "OK@example.org,Duplicate,Good ISD,,,,\n"
    )
    with session_scope(engine) as db:
        report = import_members_csv(db, text.splitlines(keepends=True), now=NOW)
        assert not report.ok
        reasons = {problem.line: problem.reason for problem in report.problems}
        assert sorted(reasons) == [3, 5, 6, 7, 8]
        assert "not a usable email address" in reasons[3]
        assert reasons[5] == "name is missing"
        assert reasons[6] == "unknown priority code(s): no-such-area"
        assert "not a House district: 49" in reasons[7] and "cadence 'monthly'" in reasons[7]
        assert reasons[8] == "OK@example.org is already on line 2"
        assert list_members(db) == []


def test_a_file_without_required_columns_is_refused(engine: Engine) -> None:
    with session_scope(engine) as db:
        report = import_members_csv(db, ["email,name\n", "a@example.org,A\n"], now=NOW)
        assert report.problems[0].line == 1 and "organization" in report.problems[0].reason


def test_add_remove_and_unsubscribe_by_token(engine: Engine) -> None:
    secret = "a-long-test-secret-0123456789"
    with session_scope(engine) as db:
        member = add_member(
            db,
            email="Sam@Example.ORG",
            name="Sam",
            organization="ISD 1",
            follows=["amsd-2021"],
            districts=["12b"],
            now=NOW,
        )
        assert member.email == "Sam@example.org" and member.districts == ["12B"]
        with pytest.raises(MemberError, match="unknown priority"):
            add_member(
                db, email="t@example.org", name="T", organization="O", follows=["x"], now=NOW
            )
        assert member.id is not None
        token = unsubscribe_token(member.id, member.token_salt, secret)
        assert unsubscribe_by_token(db, token=token[:-2] + "xx", secret=secret, now=NOW) is None
        assert (
            unsubscribe_by_token(db, token="999." + token.split(".")[1], secret=secret, now=NOW)
            is None
        )
        done = unsubscribe_by_token(db, token=token, secret=secret, now=NOW)
        assert done is not None and done.state == "unsubscribed" and done.unsubscribed_at == NOW
        db.add(Delivery(member_id=member.id, week=NOW.date(), kind="weekly"))
        db.flush()
        assert remove_member(db, email="sam@example.org")
        assert not remove_member(db, email="sam@example.org")
        assert db.exec(select(Member)).all() == [] and db.exec(select(Delivery)).all() == []


def test_the_quarterly_column_is_optional_and_must_say_yes_or_no(engine: Engine) -> None:
    text = HEADER.replace("\n", ",quarterly\n") + (
        "a@example.org,A Person,Good ISD,,,,,yes\nb@example.org,B Person,Good ISD,,,,,\n"
    )
    with session_scope(engine) as db:
        report = import_members_csv(db, text.splitlines(keepends=True), now=NOW)
        assert report.ok and report.added == 2
        wants = {m.email: m.quarterly_summary for m in list_members(db)}
        assert wants == {"a@example.org": True, "b@example.org": False}
        bad = HEADER.replace("\n", ",quarterly\n") + "c@example.org,C,Good ISD,,,,,maybe\n"
        report = import_members_csv(db, bad.splitlines(keepends=True), now=NOW)
        assert not report.ok
        assert [p.reason for p in report.problems] == ["quarterly 'maybe' is not yes or no"]
        assert len(list_members(db)) == 2, "nothing of the bad file is stored"
