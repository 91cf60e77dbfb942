"""A web app on a temporary SQLite database holding three real bills (saved XML), tagged by
the real tagger, and one account per role."""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from tests.store.test_store import HF2136, QUIRKS, SF1832, upsert
from tracker.config import Settings, WebSettings
from tracker.db import make_engine, session_scope, upgrade
from tracker.store.positions import set_position
from tracker.store.tags import tag_bills
from tracker.store.users import create_user
from tracker.tagging.catalog import load_catalog
from tracker.tagging.tagger import compile_catalog
from tracker.vocab import Position, Priority, Role
from tracker.web.app import create_app

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"
HOSTILE = "<script>alert('x')</script> special education aid"
SPECIAL_ED_SLUG = "94-0-HF-9001"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Clock:
    now: datetime = NOW

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def store_bills(engine: Engine) -> dict[str, int]:
    """HF 2136, SF 1832 and a special-education bill whose description is hostile HTML."""
    special_ed = dataclasses.replace(QUIRKS, description=HOSTILE, actions=())
    ids = {}
    for name, record in (("hf2136", HF2136), ("sf1832", SF1832), ("special_ed", special_ed)):
        result = upsert(engine, record)
        assert result.bill_id is not None
        ids[name] = result.bill_id
    with session_scope(engine) as db:
        tag_bills(db, compile_catalog(load_catalog()), now=NOW)
        for role in Role:
            create_user(
                db, email=f"{role.value}@example.org", password=PASSWORD, role=role, now=NOW
            )
    return ids


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """Built once (migrations, tagger, password hashes take a while), copied per test."""
    path = tmp_path_factory.mktemp("web") / "template.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url)
    ids = store_bills(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path, ids


@pytest.fixture
def web_db(template_db: tuple[Path, dict[str, int]], tmp_path: Path) -> tuple[str, dict[str, int]]:
    path, ids = template_db
    copy = tmp_path / "tracker.db"
    shutil.copyfile(path, copy)
    return f"sqlite:///{copy}", ids


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(web_db: tuple[str, dict[str, int]], clock: Clock) -> Iterator[TestClient]:
    url, _ = web_db
    app = create_app(
        Settings(database_url=url),
        WebSettings(secret_key="test-secret-" + "x" * 32, login_rate_limit=5),
        clock=clock,
    )
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


def take_side(url: str, bill_id: int, position: Position, priority: Priority) -> None:
    """The association takes a position on a bill (as staff would on its page)."""
    engine = make_engine(url)
    with session_scope(engine) as db:
        set_position(
            db,
            bill_id=bill_id,
            position=position,
            priority=priority,
            by="staff@example.org",
            now=NOW,
        )
    engine.dispose()


def csrf_of(client: TestClient, path: str = "/login") -> str:
    match = CSRF.search(client.get(path).text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def sign_in(client: TestClient, role: Role) -> str:
    """Sign in as the account of `role`; returns the session's CSRF token."""
    token = csrf_of(client)
    response = client.post(
        "/login",
        data={"email": f"{role.value}@example.org", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_of(client, "/bills")


@pytest.fixture
def staff(client: TestClient) -> str:
    return sign_in(client, Role.STAFF)
