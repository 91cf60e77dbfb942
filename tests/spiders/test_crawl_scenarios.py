"""The crawl against a source that changes and misbehaves: the real mn_bills spider and store
pipeline in a child process, against the tests' fault-injecting Revisor (tests/replay/),
serving the demo sample's 72 bills of 2025-2026 (or made-up bills).

One test per failure the crawl issue measured: a renamed container, a listing without status
URIs, a failed listing range, sparse numbering, bills that cannot be read, a killed or
timed-out crawl, Retry-After and back-off, re-crawls of an unchanged or slightly changed
session, thinner responses.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from statistics import median

import pytest
from sqlmodel import func, select

from jobs.spider_process import CrawlFailed, run_spider, spider_command
from tests.replay.revisor import (
    RevisorSite,
    _synthetic_bill,
    bills_from_folder,
    rename_element,
    synthetic_bills,
)
from tests.replay.server import Fault, FaultServer, Seen
from tracker import store
from tracker.config import repo_root
from tracker.db import make_engine, session_scope
from tracker.demo import SAMPLE
from tracker.models import Bill, BillAction, CrawlRun
from tracker.vocab import CrawlStatus

TODAY = date(2026, 12, 4)


@pytest.fixture
def site() -> RevisorSite:
    return RevisorSite(bills_from_folder(SAMPLE / "api"), texts=False)


@pytest.fixture
def server(site: RevisorSite) -> Iterator[FaultServer]:
    with FaultServer(site.answer) as running:
        yield running


def environment(server: FaultServer, database_url: str, **more: str) -> dict[str, str]:
    return {
        "TRACKER_DATABASE_URL": database_url,
        "TRACKER_REVISOR_URL": server.url,
        "TRACKER_REVISOR_API_URL": server.url,
        "TRACKER_DOWNLOAD_DELAY": "0",
        "TRACKER_DOWNLOAD_TIMEOUT": "3",
        "TRACKER_BACKOFF_BASE": "0.05",
        "TRACKER_CONTACT": "tests@example.org",
        **more,
    }


Crawl = Callable[..., tuple[CrawlStatus, CrawlRun]]


@pytest.fixture
def crawl(server: FaultServer, sqlite_url: str) -> Crawl:
    def run(*, env: dict[str, str] | None = None, timeout: float = 240, **args: str):  # type: ignore[no-untyped-def]
        try:
            status = run_spider(
                "mn_bills",
                {"session": "2025-2026", **args},
                env=environment(server, sqlite_url, **(env or {})),
                timeout=timeout,
            ).status
        except CrawlFailed as failed:
            status = failed.outcome.status
        return status, latest_run(sqlite_url)

    return run


def latest_run(url: str) -> CrawlRun:
    with session_scope(make_engine(url)) as db:
        run = store.latest_crawl_run(db, spider="mn_bills")
        assert run is not None
        return run


def count(url: str, model: type) -> int:
    with session_scope(make_engine(url)) as db:
        return db.exec(select(func.count()).select_from(model)).one()


def stages(url: str) -> dict[str, int]:
    with session_scope(make_engine(url)) as db:
        rows = db.exec(select(Bill.stage, func.count()).group_by(Bill.stage)).all()
        return dict(rows)


def status_requests(server: FaultServer) -> list[str]:
    return server.paths("/bills/v1/")


# -- a layout change is invalid, never empty -------------------------------------------------


def test_a_renamed_actions_container_stops_the_crawl_and_changes_nothing(
    crawl: Crawl, server: FaultServer, sqlite_url: str
) -> None:
    # Before: stored as bills without actions, applied on the second crawl (465 actions gone,
    # enacted and vetoed bills turned dead), exit 0, no warning.
    assert crawl(mode="full")[0] is CrawlStatus.FINISHED
    actions, by_stage = count(sqlite_url, BillAction), stages(sqlite_url)
    assert actions == 465 and by_stage["enacted"] == 7 and by_stage["vetoed"] == 1
    server.always("/bills/v1/", Fault(rewrite=rename_element("ACTIONS", "BILL_ACTIONS")))
    for _ in range(2):
        server.forget()
        status, run = crawl(mode="full")
        assert status is CrawlStatus.FAILED and run.status == "failed"
        expected = (
            r"20 of 20 bill status responses were invalid \(20: ACTIONS missing or renamed\), "
            r"e.g. http://127.0.0.1:\d+/bills/v1/"
        )
        assert re.search(expected, run.error)
        assert run.counts["invalid/ACTIONS"] >= 20  # and those already on their way
        assert len(status_requests(server)) < 72  # it stopped early
    assert (count(sqlite_url, BillAction), stages(sqlite_url)) == (actions, by_stage)


def test_on_an_empty_database_a_renamed_container_stores_no_empty_bills(
    crawl: Crawl, server: FaultServer, sqlite_url: str
) -> None:
    # Before: 72 bills stored with no actions, exit 0.
    server.always("/bills/v1/", Fault(rewrite=rename_element("ACTION", "ITEM")))
    status, run = crawl()
    assert status is CrawlStatus.FAILED
    assert re.search(r"20 of 20 .* \(\d+: ACTIONS/\w+/ITEM missing or renamed\)", run.error)
    assert count(sqlite_url, Bill) == 0


def test_a_listing_without_status_uris_fails_instead_of_listing_nothing(
    crawl: Crawl, server: FaultServer, sqlite_url: str
) -> None:
    # Before: 0 bills listed, the crawl "finished", exit 0.
    server.always(
        "status_result.php", Fault(rewrite=rename_element("STATUS_XML_URI", "STATUS_URI"))
    )
    status, run = crawl()
    assert status is CrawlStatus.FAILED and count(sqlite_url, Bill) == 0
    assert "listing responses were invalid" in run.error and "STATUS_XML_URI" in run.error


# -- the listing ------------------------------------------------------------------------------


def house_bills_1_500(path: str) -> bool:
    return "body=House" in path and "bill=1-500&" in path and "bill_type=bill" in path


def test_a_failed_listing_range_is_named_and_the_listing_goes_on(
    crawl: Crawl, server: FaultServer, site: RevisorSite, sqlite_url: str
) -> None:
    # Before: no House bill stored (the next range was asked only after a success),
    # search_failed 0, "finished", exit 0.
    server.always(house_bills_1_500, Fault(status=500))
    status, run = crawl()
    assert status is CrawlStatus.FINISHED_WITH_LOSSES
    assert run.lost == ["HF 1-500 (listing): HTTP 500"]
    house = [b for b in site.bills.values() if b.key[:2] == (0, "HF")]
    with session_scope(make_engine(sqlite_url)) as db:
        stored = db.exec(select(Bill.number).where(Bill.bill_type == "HF")).all()
    assert sorted(stored) == sorted(b.sample.number for b in house if b.sample.number > 500)
    assert len([p for p in server.paths() if house_bills_1_500(p)]) == 4  # tried, retried 3x


def test_a_bill_named_as_a_companion_past_empty_ranges_is_listed(sqlite_url: str) -> None:
    # Before: two empty ranges (501-1000, 1001-1500) ended the House listing: HF 1600 was
    # never stored although SF 1 names it as its companion.
    bills = synthetic_bills(40)
    senate_1 = next(b for b in bills if b.key == (0, "SF", 1))
    senate_1.xml = senate_1.xml.replace(
        b"<COMPANION_NUMBER>1</COMPANION_NUMBER>", b"<COMPANION_NUMBER>1600</COMPANION_NUMBER>"
    )
    far = _synthetic_bill(random.Random(1), "HF", 1600, 0.1)
    with FaultServer(RevisorSite([*bills, far], texts=False).answer) as server:
        run_spider("mn_bills", {"session": "2025-2026"}, env=environment(server, sqlite_url))
        listing = server.paths("status_result")
    with session_scope(make_engine(sqlite_url)) as db:
        assert store.find_bill(db, store.bill_key(_bill(db, "HF", 1600))) is not None
    assert any("body=House" in p and "bill=1501-2000" in p for p in listing)


def _bill(db, bill_type: str, number: int) -> Bill:  # type: ignore[no-untyped-def]
    return db.exec(select(Bill).where(Bill.bill_type == bill_type, Bill.number == number)).one()


# -- honest endings ---------------------------------------------------------------------------


def test_bills_that_cannot_be_read_are_named_and_the_crawl_ends_with_losses(
    crawl: Crawl, server: FaultServer, sqlite_url: str
) -> None:
    # Before: 3 of 72 bills skipped, "finished", exit 0, the lost bills named nowhere.
    for bill in ("/HF/45/", "/SF/88/", "/HF/4127/"):
        server.always(bill, Fault(truncate_to=300))
    status, run = crawl()
    assert status is CrawlStatus.FINISHED_WITH_LOSSES
    assert sorted(entry.split(":")[0] for entry in run.lost) == ["HF 4127", "HF 45", "SF 88"]
    assert all("malformed status XML" in entry for entry in run.lost)
    assert (run.counts["bills_listed"], run.counts["bills_insert"], run.counts["lost"]) == (
        72,
        69,
        3,
    )
    assert count(sqlite_url, Bill) == 69


def test_a_killed_crawl_is_marked_interrupted_and_the_next_full_pass_resumes(
    crawl: Crawl, server: FaultServer, sqlite_url: str, tmp_path: Path
) -> None:
    # Before: the killed run stayed "running" forever and the next crawl read all 72 again.
    server.latency = 0.1
    env = {
        **os.environ,
        **environment(server, sqlite_url),
        "SCRAPY_SETTINGS_MODULE": "spiders.settings",
        "PYTHONPATH": str(repo_root()),
    }
    args = {"session": "2025-2026", "mode": "full"}
    child = subprocess.Popen(spider_command("mn_bills", args), env=env, cwd=repo_root())
    database = sqlite_url.removeprefix("sqlite:///")
    deadline = time.monotonic() + 120
    while _stored(database) < 10 and time.monotonic() < deadline:
        time.sleep(0.2)
    child.kill()
    child.wait()
    stored = _stored(database)
    assert 10 <= stored < 72 and latest_run(sqlite_url).status == "running"
    server.forget()
    server.latency = 0.0

    status, _ = crawl(mode="full")

    with session_scope(make_engine(sqlite_url)) as db:
        first, second = db.exec(select(CrawlRun).order_by(CrawlRun.id)).all()
    assert first.status == "interrupted" and "killed or timed out" in first.error
    assert status is CrawlStatus.FINISHED and second.args["resume_since"]
    # The rest, not all again (counted once each: a retry after a slow answer is no re-read).
    assert len(set(status_requests(server))) == 72 - stored
    assert count(sqlite_url, Bill) == 72


def _stored(database: str) -> int:
    try:
        with sqlite3.connect(database, timeout=5) as connection:
            return connection.execute("select count(*) from bill").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_a_crawl_out_of_time_stops_and_says_interrupted(crawl: Crawl, server: FaultServer) -> None:
    # Before: killed at the timeout, its run row left "running". Now it closes itself a
    # little before the timeout (CLOSESPIDER_TIMEOUT), or is asked to stop (SIGTERM) at it.
    server.latency = 0.3
    status, run = crawl(timeout=8)
    assert status is CrawlStatus.INTERRUPTED and run.status == "interrupted"
    assert re.match(r"stopped before the end \((closespider_timeout|shutdown)\)", run.error)
    assert "not read before the crawl ended" in run.lost[0]


def test_a_crawl_with_a_timeout_is_told_to_close_before_it() -> None:
    assert spider_command("mn_bills", {}, timeout=10800)[-2:] == [
        "-s",
        "CLOSESPIDER_TIMEOUT=10500",
    ]


# -- Retry-After and back-off, timed at the server -------------------------------------------


def gap_after(seen: list[Seen], status: int) -> float:
    """Seconds from the first answer with `status` to the next request's arrival."""
    index = next(i for i, s in enumerate(seen) if s.status == status)
    return seen[index + 1].arrived - seen[index].answered


ASKED = {"bills": "HF45,HF4127,SF88,SF1832,HF2136"}


def test_no_request_goes_out_before_retry_after_has_passed(
    crawl: Crawl, server: FaultServer
) -> None:
    # Before: the next queued request went out 0.00 s after a 429 with Retry-After: 2.
    server.latency = 0.2
    server.inject("/HF/45/", Fault(status=429, headers={"Retry-After": "2"}))
    status, run = crawl(**ASKED)
    assert status is CrawlStatus.FINISHED and run.counts["bills_insert"] == 5
    assert gap_after(server.requests, 429) >= 2.0


def test_back_off_after_server_errors_counts_from_the_answer(
    crawl: Crawl, server: FaultServer
) -> None:
    server.latency = 0.2
    server.inject("/HF/45/", Fault(status=503), Fault(status=503))
    crawl(env={"TRACKER_BACKOFF_BASE": "0.5"}, **ASKED)
    seen = server.requests
    errors = [i for i, s in enumerate(seen) if s.status == 503]
    gaps = [seen[i + 1].arrived - seen[i].answered for i in errors]
    assert gaps[0] >= 0.5 and gaps[1] >= 1.0  # 0.5 then doubled


def test_a_server_asking_to_wait_too_long_stops_the_crawl_politely(
    crawl: Crawl, server: FaultServer
) -> None:
    server.inject("/HF/45/", Fault(status=429, headers={"Retry-After": "600"}))
    started = time.monotonic()
    status, run = crawl(env={"TRACKER_BACKOFF_MAX": "1"}, **ASKED)
    assert status is CrawlStatus.INTERRUPTED and "retry_after" in run.error
    assert time.monotonic() - started < 60
    index = next(i for i, s in enumerate(server.requests) if s.status == 429)
    assert server.requests[index + 1 :] == []  # nothing asked after it


def test_the_delay_is_kept_after_every_answer(crawl: Crawl, server: FaultServer) -> None:
    crawl(env={"TRACKER_DOWNLOAD_DELAY": "0.2"}, **ASKED)
    seen = [s for s in server.requests if s.path != "/robots.txt"]
    gaps = [after.arrived - before.answered for before, after in itertools.pairwise(seen)]
    assert min(gaps) >= 0.1  # 0.2 s with ±50% jitter, measured from each answer
    assert 0.1 <= median(gaps) < 0.5
    assert server.max_in_flight == 1


# -- incremental ------------------------------------------------------------------------------


def test_an_unchanged_session_is_listed_not_fetched(crawl: Crawl, server: FaultServer) -> None:
    # Before: every crawl fetched every status XML (105 requests for 72 unchanged bills).
    crawl()
    server.forget()
    status, run = crawl()
    assert status is CrawlStatus.FINISHED and run.mode == "incremental"
    assert status_requests(server) == []
    listing = server.paths("status_result")
    assert len(server.requests) == len(listing) + 1  # and robots.txt
    assert all("format=xml" not in path for path in listing)  # the dated HTML results
    assert run.counts["bills_unchanged"] == 72


def test_only_new_and_changed_bills_are_fetched(
    crawl: Crawl, server: FaultServer, site: RevisorSite, sqlite_url: str
) -> None:
    crawl()
    changed = [site.bill("HF", 45), site.bill("SF", 88), site.bill("HF", 4127, 0)]
    for bill in changed:
        site.add_action(bill, "Author added", TODAY)
    server.forget()
    status, run = crawl()
    assert status is CrawlStatus.FINISHED
    assert sorted(status_requests(server)) == sorted(b.sample.api_path for b in changed)
    assert run.counts["bills_update"] == 3 and run.counts["bills_unchanged"] == 69
    with session_scope(make_engine(sqlite_url)) as db:
        bill = _bill(db, "SF", 88)
        assert bill.last_action_on == TODAY


# -- thinner responses ------------------------------------------------------------------------


def drop_last_action(body: bytes) -> bytes:
    """The response without its last action: a thinner but valid bill (one with a single
    action is left alone: without it, it would be invalid)."""
    if body.count(b"<ACTION>") < 2:
        return body
    head, _, tail = body.rpartition(b"<ACTION>")
    return head + tail.split(b"</ACTION>", 1)[1]


def test_a_thinner_layout_on_every_bill_is_never_applied(
    crawl: Crawl, server: FaultServer, site: RevisorSite, sqlite_url: str
) -> None:
    # Before: held once, then applied by the next crawl (the same thin response "confirmed").
    crawl(mode="full")
    actions = count(sqlite_url, BillAction)
    server.always("/bills/v1/", Fault(rewrite=drop_last_action))
    thinner = sum(1 for b in site.bills.values() if b.key[0] == 0 and b.xml.count(b"<ACTION>") > 1)
    for _ in range(3):
        status, run = crawl(mode="full")
        assert status is CrawlStatus.FINISHED
        assert run.counts["bills_held"] == thinner and "bills_thinner_applied" not in run.counts
    assert count(sqlite_url, BillAction) == actions


def test_one_bill_thinner_twice_is_a_real_deletion_and_is_applied(
    crawl: Crawl, server: FaultServer, sqlite_url: str
) -> None:
    crawl(mode="full")
    actions = count(sqlite_url, BillAction)
    server.always("/HF/45/", Fault(rewrite=drop_last_action))
    assert crawl(mode="full")[1].counts["bills_held"] == 1
    run = crawl(mode="full")[1]
    assert run.counts["bills_thinner_applied"] == 1
    assert count(sqlite_url, BillAction) == actions - 1
