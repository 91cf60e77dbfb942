"""Shared fixtures: saved responses, databases (SQLite and a real PostgreSQL), settings."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request, XmlResponse
from sqlalchemy.engine import Engine

from tests.postgres import Cluster, PostgresUnavailable, start_cluster
from tracker.config import get_settings
from tracker.db import make_engine, upgrade

FILES = Path(__file__).resolve().parent / "files"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def file_response(
    name: str,
    url: str = "https://api.revisor.mn.gov/bills/v1/94/2025/0/HF/1/",
    *,
    meta: dict | None = None,
) -> XmlResponse | HtmlResponse:
    """A Scrapy response carrying a saved file, served without a charset like the Revisor."""
    body = (FILES / name).read_bytes()
    request = Request(url, meta=meta or {})
    cls = HtmlResponse if name.endswith(".html") else XmlResponse
    return cls(url=url, body=body, request=request, headers={"Content-Type": "text/xml"})


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    try:
        cluster = start_cluster()
    except PostgresUnavailable as reason:
        pytest.skip(f"no PostgreSQL cluster could be started: {reason}")
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database at the newest schema, on SQLite and on a real PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'tracker.db'}"
    else:
        cluster: Cluster = request.getfixturevalue("postgres_cluster")
        url = cluster.create_database(f"tracker_{uuid.uuid4().hex[:12]}")
    upgrade(url)
    return url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    upgrade(url)
    return url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def tracker_env(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Set TRACKER_* variables for the code under test (and its child processes)."""

    def set_env(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(f"TRACKER_{name.upper()}", value)
        get_settings.cache_clear()

    yield set_env
    get_settings.cache_clear()
