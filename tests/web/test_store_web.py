"""The web app's store and queries on SQLite and a real PostgreSQL: accounts and login
checks, positions and tag decisions with their audit, the filtered list and the matrix."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine

from tests.web.conftest import NOW, PASSWORD, store_bills
from tracker.db import session_scope
from tracker.store import positions, users
from tracker.tagging.catalog import load_catalog
from tracker.vocab import Position, Priority, Role, TagStatus, TagTarget
from tracker.web.bill_query import parse_filters
from tracker.web.matrix import stage_chart
from tracker.web.queries import bill_page, matrix_page, stage_counts_by_direction

AMSD = next(f for f in load_catalog().frameworks if f.id == "amsd-2021")


@pytest.fixture
def ids(engine: Engine) -> dict[str, int]:
    return store_bills(engine)


def test_login_checks_and_rate_limit(engine: Engine, ids: dict[str, int]) -> None:
    with session_scope(engine) as db:
        login = dict(email="Staff@Example.org", ip="10.0.0.1", now=NOW, limit=3)
        ok = users.verify_login(db, password=PASSWORD, **login)  # type: ignore[arg-type]
        assert ok.outcome is users.LoginOutcome.OK and ok.user is not None
        assert ok.user.last_login_at == NOW
        for _ in range(3):
            bad = users.verify_login(db, password="wrong", **login)  # type: ignore[arg-type]
            assert bad.outcome is users.LoginOutcome.BAD_CREDENTIALS
        again = users.verify_login(db, password=PASSWORD, **login)  # type: ignore[arg-type]
        assert again.outcome is users.LoginOutcome.RATE_LIMITED
        later = {**login, "now": NOW + timedelta(minutes=16)}
        assert users.verify_login(db, password=PASSWORD, **later).outcome is users.LoginOutcome.OK  # type: ignore[arg-type]


def test_create_user_refuses_duplicates_and_short_passwords(
    engine: Engine, ids: dict[str, int]
) -> None:
    with session_scope(engine) as db:
        with pytest.raises(users.UserExists):
            users.create_user(
                db, email="ADMIN@example.org", password="x" * 10, role=Role.ADMIN, now=NOW
            )
        with pytest.raises(ValueError, match="8 characters"):
            users.create_user(db, email="a@b.org", password="short", role=Role.STAFF, now=NOW)
        stored = users.find_user(db, "admin@example.org")
        assert stored is not None and stored.password_hash.startswith("$argon2")


def test_positions_and_tag_decisions_are_audited(engine: Engine, ids: dict[str, int]) -> None:
    bill_id = ids["special_ed"]
    with session_scope(engine) as db:
        first = positions.set_position(
            db,
            bill_id=bill_id,
            position=Position.SUPPORT,
            priority=Priority.HIGH,
            notes="n",
            by="a@b.org",
            now=NOW,
        )
        assert first is not None and first.before is None
        same = positions.set_position(
            db,
            bill_id=bill_id,
            position=Position.SUPPORT,
            priority=Priority.HIGH,
            notes="n",
            by="a@b.org",
            now=NOW,
        )
        assert same is None
        positions.decide_tag_audited(
            db,
            bill_id=bill_id,
            target=TagTarget.AREA,
            code="special-education",
            status=TagStatus.CONFIRMED,
            by="a@b.org",
            now=NOW + timedelta(minutes=1),
        )
    with session_scope(engine) as db:
        history = positions.audit_for_bill(db, bill_id)
        assert [event.subject for event in history] == ["tag special-education", "position"]
        assert history[0].before == {
            "status": "suggested",
            "confidence": pytest.approx(history[0].before["confidence"]),
            "source": "auto",
        }  # type: ignore[index]
        assert history[0].after is not None and history[0].after["status"] == "confirmed"


def test_filters_run_on_this_database(engine: Engine, ids: dict[str, int]) -> None:
    with session_scope(engine) as db:
        positions.set_position(
            db,
            bill_id=ids["sf1832"],
            position=Position.OPPOSE,
            priority=Priority.LOW,
            by="a@b.org",
            now=NOW,
        )

        def keys(query: dict[str, str]) -> list[int]:
            page = bill_page(db, parse_filters(query))
            return [row.bill.number for row in page.rows]

        assert keys({}) == [2136, 1832, 9001]
        assert keys({"q": "SF 1832"}) == [1832]
        assert keys({"q": "special_education 100%"}) == []
        assert keys({"position": "oppose"}) == [1832]
        assert keys({"position": "none", "relevant": "1"}) == [9001]
        assert keys({"area": "special-education"}) == [9001]
        assert keys({"changed_since": "2000-01-01", "stage": "in_conference"}) == [1832]


def test_matrix_and_chart_run_on_this_database(engine: Engine, ids: dict[str, int]) -> None:
    with session_scope(engine) as db:
        positions.decide_tag_audited(
            db,
            bill_id=ids["special_ed"],
            target=TagTarget.ITEM,
            code="amsd-2021/sd-1",
            status=TagStatus.CONFIRMED,
            by="a@b.org",
            now=NOW,
        )
        data = matrix_page(db, AMSD, parse_filters({}))
        assert [row.bill.number for row in data.matrix.rows] == [9001]
        assert data.matrix.count("amsd-2021/sd-1", "confirmed") == 1
        chart = stage_chart(AMSD, stage_counts_by_direction(db, AMSD, parse_filters({})))
        bars = {bar.item.code: bar.total for bar in chart}
        assert bars["sd-1"] == 1 and set(bars) == {"sd-1", "sd-2", "sd-3", "sd-4"}
