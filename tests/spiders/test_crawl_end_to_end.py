"""The real spider, in its own process, against the local replay server, with faults
injected: an HTTP 500 then success, a timeout, truncated XML, a thin response. Nothing
stored is lost, and the crawl run says what happened."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from jobs.spider_process import run_spider
from tests.conftest import FILES
from tracker import store
from tracker.db import make_engine, session_scope
from tracker.demo.replay import Fault, ReplayServer
from tracker.models import BillAction, CrawlRun
from tracker.records.bills import BillKey
from tracker.vocab import BillType

STATUS = {
    "HF2136": ("mn_bills_HF2136.xml", "/bills/v1/94/2025/0/HF/2136/"),
    "SF1832": ("mn_bills_SF1832.xml", "/bills/v1/94/2025/0/SF/1832/"),
    "HF9001": ("mn_bills_quirks.xml", "/bills/v1/94/2026/0/HF/9001/"),
}


@pytest.fixture
def replay_root(tmp_path: Path) -> Path:
    root = tmp_path / "sample"
    for name, path in STATUS.values():
        target = root / "api" / (path.strip("/") + ".xml")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FILES / name, target)
    text = root / "www/bills/94/2025/0/HF/2136/versions/0.html"
    text.parent.mkdir(parents=True)
    shutil.copy(FILES / "mn_bills_text_HF409_0.html", text)
    return root  # SF 1832's text versions are not there: the spider must cope with a 404


@pytest.fixture
def server(replay_root: Path) -> Iterator[ReplayServer]:
    with ReplayServer(replay_root) as running:
        yield running


@pytest.fixture
def crawl(server: ReplayServer, sqlite_url: str):  # type: ignore[no-untyped-def]
    env = {
        "TRACKER_DATABASE_URL": sqlite_url,
        "TRACKER_REVISOR_URL": server.url,
        "TRACKER_REVISOR_API_URL": server.url,
        # Any positive delay, as in production: with exactly 0, Scrapy 2.19's slot queue
        # can start requests queued together before counting them (concurrency > 1).
        "TRACKER_DOWNLOAD_DELAY": "0.01",
        "TRACKER_DOWNLOAD_TIMEOUT": "2",
        "TRACKER_BACKOFF_BASE": "0.05",
        "TRACKER_CONTACT": "tests@example.org",
    }

    def run(**args: str) -> CrawlRun:
        args = {"session": "2025-2026", "bills": "HF2136,SF1832,HF9001", **args}
        run_spider("mn_bills", args, env=env, timeout=120)
        with session_scope(make_engine(sqlite_url)) as db:
            latest = store.latest_crawl_run(db, spider="mn_bills")
            assert latest is not None
            return latest

    return run


def action_counts(url: str) -> dict[str, int]:
    with session_scope(make_engine(url)) as db:
        counts = {}
        for name in STATUS:
            bill = store.find_bill(db, BillKey(94, 0, BillType(name[:2]), int(name[2:])))
            assert bill is not None, name
            rows = db.exec(select(BillAction).where(BillAction.bill_id == bill.id))
            counts[name] = len(list(rows))
        return counts


def test_a_clean_crawl_stores_every_bill_politely(
    crawl, server: ReplayServer, sqlite_url: str
) -> None:
    server.latency = 0.05
    run = crawl()
    assert run.status == "finished"
    assert run.counts["bills_insert"] == 3 and run.counts["bills_listed"] == 3
    assert run.counts["texts_update"] == 1  # HF 2136's introduction
    # None of SF 1832's seven versions is served: each is noted, to wait before a retry.
    assert run.counts["text_missing"] == run.counts["texts_unread_update"] == 7
    assert action_counts(sqlite_url) == {"HF2136": 6, "SF1832": 29, "HF9001": 13}
    paths = list(server.paths_requested())
    assert paths[0] == "/robots.txt"
    assert server.max_in_flight == 1  # one request at a time
    agents = {agent for _, agent in server.requests}
    assert len(agents) == 1 and "mn-education-tracker" in agents.pop()
    assert sum(1 for p in paths if p.startswith("/bills/status_result.php")) == 3  # one a bill

    again = crawl()
    assert (again.counts.get("bills_noop"), again.counts.get("bills_insert")) == (3, None)
    assert "texts_update" not in again.counts  # text already read: not fetched again
    assert "text_missing" not in again.counts  # SF 1832's versions wait a week


def test_faults_lose_nothing(crawl, server: ReplayServer, sqlite_url: str) -> None:
    crawl()
    before = action_counts(sqlite_url)
    full = (FILES / "mn_bills_SF1832.xml").read_bytes()
    thin = re.sub(rb"(<ACTIONS>.*?)<senate>.*?</senate>", rb"\1", full, flags=re.S)
    server.inject("/bills/v1/94/2025/0/HF/2136/", Fault(status=500), Fault(status=503))
    server.inject("/bills/v1/94/2025/0/SF/1832/", Fault(body=thin))
    server.inject("/bills/v1/94/2026/0/HF/9001/", Fault(truncate_to=400), Fault(truncate_to=400))
    server.inject("/bills/status_result.php", Fault(delay=3.0))  # longer than the timeout

    run = crawl()

    assert run.status == "finished_with_losses"  # HF 9001 could not be read
    (lost,) = run.lost
    assert lost.startswith("HF 9001: malformed status XML: Couldn't find end of Start Tag")
    assert run.counts["bills_noop"] == 1  # HF 2136, after two server errors
    assert run.counts["bills_held"] == 1  # SF 1832's thin response
    assert run.counts["malformed_xml"] == 1  # HF 9001, truncated twice
    assert run.counts["retries"] >= 4 and run.counts["backoffs"] >= 3
    assert action_counts(sqlite_url) == before
    with session_scope(make_engine(sqlite_url)) as db:
        held = store.find_bill(db, BillKey(94, 0, BillType.SF, 1832))
        assert held is not None and held.held_reason == "fewer actions 29 -> 12"


def test_only_the_bills_asked_for(crawl, server: ReplayServer) -> None:
    run = crawl(bills="HF2136")
    assert run.counts["bills_insert"] == 1 and run.args["bills"] == ["HF2136"]
    searches = [p for p in server.paths_requested() if "status_result" in p]
    assert searches == [
        "/bills/status_result.php?body=House&search=basic&session=0942025&location=House"
        "&bill=2136-2136&bill_type=bill&rev_number=&submit_bill=GO&keyword_type=all&keyword="
        "&keyword_field_text=1&titleword=&format=xml"
    ]


def test_a_database_not_upgraded_is_refused(server: ReplayServer, tmp_path: Path) -> None:
    from jobs.spider_process import CrawlFailed

    env = {
        "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'empty.db'}",
        "TRACKER_REVISOR_URL": server.url,
        "TRACKER_REVISOR_API_URL": server.url,
    }
    with pytest.raises(CrawlFailed, match="mn_bills failed: exit status 1"):
        run_spider("mn_bills", {"session": "2025-2026"}, env=env, timeout=120)
