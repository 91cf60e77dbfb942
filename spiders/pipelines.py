"""Thin adapters from items to `tracker.store`, and the crawl-run row with its counts."""

from __future__ import annotations

import logging
import sys
from collections import Counter, defaultdict
from datetime import UTC, date, datetime
from typing import Any

from scrapy.crawler import Crawler
from sqlalchemy.exc import SQLAlchemyError

from tracker import store
from tracker.config import get_settings
from tracker.db import current_revision, head_revision, make_engine, session_scope
from tracker.records.bills import BillRecord, BillTextRecord
from tracker.records.schedule import CommitteeRecord, HearingRecord, LegislatorRecord
from tracker.rules.dates import CENTRAL
from tracker.rules.sessions import current_session
from tracker.vocab import Chamber, CrawlStatus

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
    "mn_hearings/house_malformed": "house_malformed",
    "mn_hearings/senate_malformed": "senate_malformed",
    "mn_hearings/senate_unreadable": "senate_unreadable",
    "mn_hearings/field_problems": "field_problems",
    "mn_legislators/house_malformed": "house_malformed",
    "mn_legislators/senate_malformed": "senate_malformed",
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
        # Per listing chamber: hearing keys seen and their local days, for `mark_vanished`.
        self.hearings_seen: dict[Chamber, dict[str, date]] = defaultdict(dict)

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
            _tell_known_versions(db, spider)

    def process_item(self, item: Any) -> Any:
        now = get_settings().now()  # TRACKER_AS_OF: stages are judged as of that day
        kind = type(item).__name__
        try:
            with session_scope(self.engine) as db:
                if isinstance(item, BillRecord):
                    result = store.upsert_bill(db, record=item, now=now)
                    prefix = "bills"
                elif isinstance(item, BillTextRecord):
                    result = store.record_bill_text(db, record=item, now=now)
                    prefix = "texts"
                elif isinstance(item, HearingRecord):
                    result = store.upsert_hearing(db, record=item, now=now)
                    prefix = "hearings"
                    day = item.starts_at.astimezone(CENTRAL).date()
                    self.hearings_seen[item.listed_by][item.source_key] = day
                elif isinstance(item, LegislatorRecord):
                    result = store.upsert_legislator(db, record=item, now=now)
                    prefix = "legislators"
                elif isinstance(item, CommitteeRecord):
                    legislature = current_session(now.astimezone(CENTRAL).date()).legislature
                    result = store.upsert_committee_roster(
                        db, record=item, legislature=legislature, now=now
                    )
                    prefix = "committees"
                else:
                    raise TypeError(f"no store adapter for {kind}")
        except SQLAlchemyError:
            logger.exception("Could not store %s %s", kind, getattr(item, "key", ""))
            self.counts["store_errors"] += 1
            return item
        self.counts[f"{prefix}_{result.outcome.value}"] += 1
        if result.reason:
            logger.warning("%s %s: %s", _name(item), result.outcome.value, result.reason)
        elif result.changes:
            logger.info("%s %s: %s", _name(item), result.outcome.value, "; ".join(result.changes))
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
            if status is CrawlStatus.FINISHED:
                self._finish(db, counts)
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

    def _finish(self, db: Any, counts: dict[str, int]) -> None:
        """What a complete crawl alone can tell: bills that died, hearings that vanished."""
        if self.crawler.spider.name == "mn_bills":
            counts["bills_died"] = store.refresh_stages(db, today=get_settings().today())
        every_key = {key for seen in self.hearings_seen.values() for key in seen}
        for chamber, seen in self.hearings_seen.items():
            counts[f"hearings_vanished_{chamber.value}"] = store.mark_vanished(
                db,
                listed_by=chamber,
                seen=every_key,  # a joint meeting still listed by the other chamber stays
                window=(min(seen.values()), max(seen.values())),
                now=datetime.now(UTC),
            )


def _name(item: Any) -> str:
    return str(getattr(item, "key", None) or getattr(item, "source_key", None) or item)


def _tell_known_versions(db: Any, spider: Any) -> None:
    """Hand a spider that skips stored bill texts (mn_bills) the versions stored for its
    session, so that it opens no database. Scrapy opens the pipelines before it takes the
    first request from the spider's start()."""
    if not hasattr(spider, "known_versions"):
        return
    spider.known_versions = store.known_text_versions(
        db,
        legislature=spider.session_ref.legislature,
        special_session=spider.session_ref.special_session,
    )


def _spider_args(spider: Any) -> dict[str, Any]:
    """What the spider was asked to do, as it describes itself."""
    describe = getattr(spider, "crawl_args", None)
    return describe() if callable(describe) else {}


def _summary(counts: dict[str, int] | Counter[str]) -> str:
    return ", ".join(f"{name}={value}" for name, value in sorted(counts.items()) if value)
