"""A small run of `bench/crawl.py` (the benchmark itself is not run in CI): its JSON line has
every field, and the request counts meet the targets at this size (timings are not judged
here: this machine is shared)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.replay.revisor import synthetic_bills
from tracker.config import repo_root

FIELDS = {
    "bills",
    "full_requests",
    "full_requests_per_bill",
    "full_seconds",
    "bills_per_second",
    "changed_bills",
    "incremental_requests",
    "incremental_seconds",
    "peak_rss_mb",
}


def test_a_small_benchmark_run_meets_the_request_targets() -> None:
    completed = subprocess.run(
        [sys.executable, str(repo_root() / "bench" / "crawl.py"), "--bills", "300"],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    assert set(result) >= FIELDS
    assert result["bills"] == 300 and result["changed_bills"] == 9
    # One status XML a bill, the listing and robots.txt: at most 1.05 requests a bill.
    # HF, SF and SR: a range with bills and the empty one after it; HR, HC, SC: one empty.
    assert result["full_requests"] == 300 + 3 * 2 + 3 + 1
    assert result["full_requests_per_bill"] <= 1.05
    # Every version's text, once: about three a bill.
    versions = sum(bill.status_xml().count(b"<DOCUMENT>") for bill in synthetic_bills(300))
    assert result["text_requests"] == versions > 300
    # After 3% changed: the listing and the changed bills (and robots.txt), nothing else.
    listing = result["incremental_listing_requests"]
    assert result["incremental_requests"] == listing + result["changed_bills"] + 1
    assert result["bills_per_second"] > 0 and result["refresh_bills_per_second"] > 0
