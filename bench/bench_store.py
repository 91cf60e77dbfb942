"""Parse-and-store throughput of bill status on the demo sample.

Parses every status XML (and text page) of `tracker/demo/sample/` and stores it the way
the crawl pipeline does (one transaction per item) into a fresh SQLite file, several
times; prints the median bills per second for a first crawl (inserts) and a re-crawl
(everything unchanged), and the split between parsing and storing.

    python bench/bench_store.py [--runs 5] [--copies 10] [--database-url URL]

`--copies` stores the sample N times under shifted bill numbers, for a session-sized load.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spiders.parsing.revisor import parse_bill_text, parse_bill_xml  # noqa: E402
from tracker import store  # noqa: E402
from tracker.db import make_engine, session_scope, upgrade  # noqa: E402
from tracker.demo import SAMPLE  # noqa: E402
from tracker.records.bills import BillRecord, BillTextRecord  # noqa: E402

TEXT_PATH = re.compile(r"bills/(\d+)/(\d{4})/(\d+)/([A-Z]{2})/(\d+)/versions/")
NOW = datetime(2025, 5, 1, 12, tzinfo=UTC)
TODAY = date(2025, 5, 1)


def load_sample() -> tuple[list[tuple[bytes, str]], list[tuple[bytes, str]]]:
    statuses = [
        (
            path.read_bytes(),
            "https://api.revisor.mn.gov/"
            + path.relative_to(SAMPLE / "api").with_suffix("").as_posix()
            + "/",
        )
        for path in sorted((SAMPLE / "api").rglob("*.xml"))
    ]
    texts = [
        (path.read_bytes(), path.relative_to(SAMPLE / "www").as_posix())
        for path in sorted((SAMPLE / "www").rglob("*.html"))
    ]
    return statuses, texts


def parse_all(statuses, texts, copies: int):  # type: ignore[no-untyped-def]
    records: list[BillRecord] = [parse_bill_xml(body, url=url) for body, url in statuses]
    by_slug = {r.key.slug: r for r in records}
    text_records: list[BillTextRecord] = []
    for body, path in texts:
        match = TEXT_PATH.search(path)
        if not match:
            continue
        legislature, _year, special, kind, number = match.groups()
        bill = by_slug.get(f"{legislature}-{special}-{kind}-{number}")
        if bill is None or bill.latest_version is None:
            continue
        text_records.append(
            parse_bill_text(body, key=bill.key, version_name=bill.latest_version.name, url=path)
        )
    shifted_bills, shifted_texts = [], []
    for copy in range(copies):
        offset = copy * 10_000
        for record in records:
            key = dataclasses.replace(record.key, number=record.key.number + offset)
            shifted_bills.append(dataclasses.replace(record, key=key, companion=None))
        for text in text_records:
            key = dataclasses.replace(text.key, number=text.key.number + offset)
            shifted_texts.append(dataclasses.replace(text, key=key))
    return shifted_bills, shifted_texts


def store_all(url: str, bills: list[BillRecord], texts: list[BillTextRecord]) -> None:
    engine = make_engine(url)
    for record in bills:
        with session_scope(engine) as db:
            store.upsert_bill(db, record=record, now=NOW, today=TODAY)
    for text in texts:
        with session_scope(engine) as db:
            store.record_bill_text(db, record=text, now=NOW)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file per run")
    args = parser.parse_args()

    statuses, texts = load_sample()
    parse_times, first_times, again_times = [], [], []
    for run in range(args.runs):
        started = time.perf_counter()
        bills, text_records = parse_all(statuses, texts, args.copies)
        parse_times.append(time.perf_counter() - started)
        with tempfile.TemporaryDirectory() as folder:
            url = args.database_url or f"sqlite:///{folder}/bench-{run}.db"
            upgrade(url)
            started = time.perf_counter()
            store_all(url, bills, text_records)
            first_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            store_all(url, bills, text_records)
            again_times.append(time.perf_counter() - started)
    count = len(bills)
    parse_rate = count / statistics.median(parse_times)
    first_rate = count / statistics.median(first_times)
    again_rate = count / statistics.median(again_times)
    combined = count / (statistics.median(parse_times) + statistics.median(first_times))
    print(
        f"{len(statuses)} sample bills x {args.copies} copies = {count} bills, "
        f"{len(text_records)} text pages; median of {args.runs} runs"
    )
    print(f"  parse only            {parse_rate:9.0f} bills/s")
    print(f"  store, first crawl    {first_rate:9.0f} bills/s (inserts, with text)")
    print(f"  store, re-crawl       {again_rate:9.0f} bills/s (all unchanged)")
    print(f"  parse + store (first) {combined:9.0f} bills/s")
    print(f"  re-crawl / first      {again_rate / first_rate:9.1f}x")


if __name__ == "__main__":
    main()
