"""The `tracker` command through Click's runner, on a temporary SQLite database: the runner,
an empty database, and one holding HF 2136 and SF 1832."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from click.testing import CliRunner

from spiders.parsing.revisor import parse_bill_xml
from tests.conftest import FILES
from tracker import store
from tracker.db import make_engine, session_scope

API = "https://api.revisor.mn.gov/bills/v1/94/2025/0/"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def stored(sqlite_url: str, tracker_env) -> str:  # type: ignore[no-untyped-def]
    tracker_env(database_url=sqlite_url)
    with session_scope(make_engine(sqlite_url)) as db:
        for name, path in (
            ("mn_bills_HF2136.xml", "HF/2136/"),
            ("mn_bills_SF1832.xml", "SF/1832/"),
        ):
            record = parse_bill_xml((FILES / name).read_bytes(), url=API + path)
            store.upsert_bill(
                db, record=record, now=datetime(2025, 5, 14, tzinfo=UTC), today=date(2025, 5, 14)
            )
    return sqlite_url


@pytest.fixture
def empty_db(sqlite_url: str, tracker_env) -> str:  # type: ignore[no-untyped-def]
    tracker_env(database_url=sqlite_url)
    return sqlite_url
