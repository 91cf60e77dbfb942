"""A session-sized crawl, served locally: a full backfill, an incremental pass after a share
of the bills changed, then a full refresh. Prints one JSON line.

    .venv/bin/python bench/crawl.py [--bills 10000] [--changed 0.03] [--no-texts]

The session is made up (`tests/replay/revisor.py`, `synthetic_bills`: House and Senate bills
and a few resolutions, about 20 actions each, real XML shapes) and served by the tests' replay
server in this process; the real spider and store pipeline run as `tracker crawl` runs them,
in a child process, into SQLite in a temporary folder, with TRACKER_DOWNLOAD_DELAY=0.

Fields:
  bills                      bills in the session
  full_requests              requests of the full crawl except text pages (robots.txt, the
                             listing, one status XML per bill)
  full_requests_per_bill     target: at most 1.05
  text_requests              text pages the full crawl read (one per text version)
  full_seconds               wall time of the full crawl (process start to end)
  bills_per_second           bills / the CPU time the crawl spent parsing and storing their
                             status (its run's parse_cpu_ms + bills_store_cpu_ms, so that other
                             work on this shared machine does not count); target: at least 300
  changed_bills              bills given a new action dated today before the second pass
  incremental_requests       every request of the incremental pass (robots.txt included)
  incremental_listing_requests  of which listing pages; target: incremental_requests at most
                             listing + changed bills (+ robots.txt)
  incremental_seconds        wall time of the incremental pass
  refresh_seconds            wall time of a full pass over the stored session (`--full`)
  refresh_bills_per_second   as bills_per_second, for that pass (nearly every bill unchanged)
  peak_rss_mb                the largest crawl process's peak resident memory
  load_average               this machine's 1-minute load when the run ended (it is shared:
                             seconds stretch with it)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jobs.spider_process import run_spider  # noqa: E402
from tests.replay.revisor import RevisorSite, synthetic_bills  # noqa: E402
from tests.replay.server import FaultServer  # noqa: E402
from tracker import store  # noqa: E402
from tracker.db import make_engine, session_scope, upgrade  # noqa: E402
from tracker.rules.dates import CENTRAL  # noqa: E402


def crawl(server: FaultServer, url: str, mode: str) -> tuple[float, dict[str, int]]:
    env = {
        "TRACKER_DATABASE_URL": url,
        "TRACKER_REVISOR_URL": server.url,
        "TRACKER_REVISOR_API_URL": server.url,
        "TRACKER_DOWNLOAD_DELAY": "0",
        "TRACKER_LOG_LEVEL": "ERROR",
    }
    server.forget()
    started = time.perf_counter()
    outcome = run_spider("mn_bills", {"session": "2025-2026", "mode": mode}, env=env)
    seconds = time.perf_counter() - started
    engine = make_engine(url)
    with session_scope(engine) as db:
        run = store.latest_crawl_run(db, spider="mn_bills")
        assert run is not None and outcome.status.value == run.status == "finished", run
        counts = dict(run.counts)
    engine.dispose()
    return seconds, counts


def rate(counts: dict[str, int]) -> float:
    """Bills read per second of CPU spent parsing and storing their status."""
    read = sum(counts.get(f"bills_{o}", 0) for o in ("insert", "update", "noop", "held"))
    spent = (counts.get("parse_cpu_ms", 0) + counts.get("bills_store_cpu_ms", 0)) / 1000
    return round(read / spent, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bills", type=int, default=10_000)
    parser.add_argument("--changed", type=float, default=0.03, help="share changed before pass 2")
    parser.add_argument("--no-texts", action="store_true", help="serve no text pages")
    parser.add_argument("--seed", type=int, default=2025)
    options = parser.parse_args()

    bills = synthetic_bills(options.bills, seed=options.seed)
    site = RevisorSite(bills, texts=not options.no_texts)
    with tempfile.TemporaryDirectory() as folder, FaultServer(site.answer) as server:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        upgrade(url)
        full_seconds, full = crawl(server, url, "full")
        texts = len(server.paths("/versions/"))
        full_requests = len(server.requests) - texts

        today = datetime.now(UTC).astimezone(CENTRAL).date()
        changed = random.Random(options.seed).sample(bills, round(options.changed * len(bills)))
        for bill in changed:
            site.add_action(bill, "Author added", today)
        incremental_seconds, _ = crawl(server, url, "incremental")
        incremental = len(server.requests)
        listing = len(server.paths("status_result"))
        refresh_seconds, refresh = crawl(server, url, "full")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "bills": len(bills),
                "full_requests": full_requests,
                "full_requests_per_bill": round(full_requests / len(bills), 4),
                "text_requests": texts,
                "full_seconds": round(full_seconds, 1),
                "bills_per_second": rate(full),
                "changed_bills": len(changed),
                "incremental_requests": incremental,
                "incremental_listing_requests": listing,
                "incremental_seconds": round(incremental_seconds, 1),
                "refresh_seconds": round(refresh_seconds, 1),
                "refresh_bills_per_second": rate(refresh),
                "peak_rss_mb": round(peak, 1),
                "load_average": round(os.getloadavg()[0], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
