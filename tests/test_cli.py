"""The `tracker` command through Click's runner, on a temporary SQLite database."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from spiders.parsing.revisor import parse_bill_xml
from tests.conftest import FILES
from tracker import store
from tracker.cli import main
from tracker.db import current_revision, head_revision, make_engine, session_scope
from tracker.demo.replay import ReplayServer

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


def test_db_upgrade_creates_the_schema(runner: CliRunner, tmp_path: Path, tracker_env) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'new.db'}"
    tracker_env(database_url=url)
    result = runner.invoke(main, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert "newest schema" in result.output
    assert current_revision(make_engine(url)) == head_revision(url)


def test_bills_list_and_filters(runner: CliRunner, stored: str) -> None:
    result = runner.invoke(main, ["bills", "list"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("HF 2136") and "In committee" in lines[0]
    assert lines[1].startswith("SF 1832") and "In conference committee" in lines[1]
    conference = runner.invoke(main, ["bills", "list", "--stage", "in_conference"])
    assert [line.split()[1] for line in conference.stdout.splitlines()] == ["1832"]
    later = runner.invoke(main, ["bills", "list", "--changed-since", "2025-06-01"])
    assert later.stdout == "" and "0 bills" in later.stderr


def test_bills_list_rejects_an_unknown_stage(runner: CliRunner, stored: str) -> None:
    result = runner.invoke(main, ["bills", "list", "--stage", "signed"])
    assert result.exit_code == 2 and "Invalid value for '--stage'" in result.output


def test_bills_show_prints_a_timeline(runner: CliRunner, stored: str) -> None:
    result = runner.invoke(main, ["bills", "show", "S.F. 1832"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("SF 1832  2025-2026  (revisor no. 25-00179)")
    assert "Stage: In conference committee since 2025-05-13" in out
    assert "Companion: HF 2440 (not crawled yet)" in out
    assert "bill.php?b=Senate&f=SF1832&ssn=0&y=2025" in out
    assert "Senate authors: Champion (chief)" in out
    timeline = out.split("Timeline:")[1]
    assert timeline.index("Introduction and first reading") < timeline.index("Received from Senate")
    assert "Bill was passed as amended (vote 115-19) [pg. 3477]" in timeline
    assert "2nd Unofficial Engrossment" in out


@pytest.mark.parametrize(
    ("argument", "message"),
    [("budget", "not a bill number"), ("HF 1", "HF 1 is not in the database")],
)
def test_bills_show_explains_what_is_wrong(
    runner: CliRunner, stored: str, argument: str, message: str
) -> None:
    result = runner.invoke(main, ["bills", "show", argument])
    assert result.exit_code != 0 and message in result.output


def test_crawl_runs_the_spider_and_prints_the_counts(
    runner: CliRunner, tmp_path: Path, tracker_env
) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "sample"
    target = root / "api/bills/v1/94/2025/0/HF/2136.xml"
    target.parent.mkdir(parents=True)
    shutil.copy(FILES / "mn_bills_HF2136.xml", target)
    with ReplayServer(root) as server:
        tracker_env(
            database_url=f"sqlite:///{tmp_path / 'crawl.db'}",
            revisor_url=server.url,
            revisor_api_url=server.url,
            download_delay="0.01",
        )
        result = runner.invoke(main, ["crawl", "--session", "2025-2026", "--bills", "HF2136"])
    assert result.exit_code == 0, result.output
    assert "Crawl run 1 (mn_bills): finished" in result.stdout
    assert "bills_insert" in result.stdout


def test_crawl_refuses_a_bad_session(runner: CliRunner, tracker_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tracker_env(database_url=f"sqlite:///{tmp_path / 'x.db'}")
    result = runner.invoke(main, ["crawl", "--session", "2024-2025"])
    assert result.exit_code == 2 and "biennium" in result.output


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("tracker, version ")
