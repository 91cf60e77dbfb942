"""Thin adapters from items to `tracker.store`, and the crawl-run row with its counts."""

from __future__ import annotations

import logging
import sys
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from scrapy.crawler import Crawler
from sqlalchemy.exc import SQLAlchemyError

from tracker import store
from tracker.db import current_revision, head_revision, make_engine, session_scope
from tracker.records import BillRecord, BillTextRecord
from tracker.rules.dates import CENTRAL
from tracker.vocab import CrawlStatus

logger = logging.getLogger(__name__)

# Spider stats worth keeping in the crawl-run row, under shorter names.
KEPT_STATS = {
    "mn_bills/listed": "bills_listed",
    "mn_bills/malformed_xml": "malformed_xml",
    "mn_bills/invalid_xml": "invalid_xml",
    "mn_bills/field_problems": "field_problems",
    "mn_bills/text_missing": "text_missing",
    "mn_bills/text_unreadable": "text_unreadable",
    "mn_bills/search_failed": "search_failed",
    "downloader/request_count": "requests",
    "retry/count": "retries",
    "retry/max_reached": "retries_exhausted",
    "backoff/count": "backoffs",
    "log_count/ERROR": "errors_logged",
}


class StorePipeline:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.database_url: str = crawler.settings.get("TRACKER_DATABASE_URL")
        self.counts: Counter[str] = Counter()
        self.run_id: int | None = None
        self.engine: Any = None
        self.show_progress = crawler.settings.getbool("TRACKER_PROGRESS")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.engine = make_engine(self.database_url)
        head = head_revision(self.database_url)
        if current_revision(self.engine) != head:
            raise RuntimeError(
                f"the database at {self.engine.url!r} is not at schema {head}: "
                "run `tracker db upgrade` first"
            )
        spider = self.crawler.spider
        with session_scope(self.engine) as db:
            self.run_id = store.start_crawl_run(
                db, spider=spider.name, args=_spider_args(spider), now=datetime.now(UTC)
            )

    def process_item(self, item: Any) -> Any:
        now = datetime.now(UTC)
        kind = type(item).__name__
        try:
            with session_scope(self.engine) as db:
                if isinstance(item, BillRecord):
                    result = store.upsert_bill(db, record=item, now=now)
                    prefix = "bills"
                elif isinstance(item, BillTextRecord):
                    result = store.record_bill_text(db, record=item, now=now)
                    prefix = "texts"
                else:
                    raise TypeError(f"no store adapter for {kind}")
        except SQLAlchemyError:
            logger.exception("Could not store %s %s", kind, getattr(item, "key", ""))
            self.counts["store_errors"] += 1
            return item
        self.counts[f"{prefix}_{result.outcome.value}"] += 1
        if result.reason:
            logger.warning("%s %s: %s", item.key, result.outcome.value, result.reason)
        elif result.changes:
            logger.info("%s %s: %s", item.key, result.outcome.value, "; ".join(result.changes))
        if prefix == "bills":
            self._progress()
        return item

    def _progress(self, *, every: int = 50) -> None:
        seen = sum(self.counts[f"bills_{o}"] for o in ("insert", "update", "noop", "held"))
        if seen % every == 0:
            line = f"  {seen} bills read ({_summary(self.counts)})"
            logger.info(line.strip())
            if self.show_progress:
                print(line, file=sys.stderr, flush=True)

    def close_spider(self) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        counts = dict(self.counts)
        for stat, name in KEPT_STATS.items():
            if stats.get(stat):
                counts[name] = int(stats[stat])
        reason = stats.get("finish_reason", "finished")
        status = CrawlStatus.FINISHED if reason == "finished" else CrawlStatus.FAILED
        with session_scope(self.engine) as db:
            counts["bills_died"] = (
                store.refresh_stages(db, today=datetime.now(CENTRAL).date())
                if status is CrawlStatus.FINISHED
                else 0
            )
            if self.run_id is not None:
                store.finish_crawl_run(
                    db,
                    run_id=self.run_id,
                    counts=counts,
                    now=datetime.now(UTC),
                    status=status,
                    error="" if status is CrawlStatus.FINISHED else str(reason),
                )
        logger.info("Crawl %s %s: %s", self.run_id, status.value, _summary(counts))
        self.engine.dispose()


def _spider_args(spider: Any) -> dict[str, Any]:
    """What the spider was asked to do, as it describes itself."""
    describe = getattr(spider, "crawl_args", None)
    return describe() if callable(describe) else {}


def _summary(counts: dict[str, int] | Counter[str]) -> str:
    return ", ".join(f"{name}={value}" for name, value in sorted(counts.items()) if value)
