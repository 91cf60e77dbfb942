"""Thin adapters from items to `tracker.store`, and the crawl-run row: started when the
crawl opens (after marking runs of the same spider that were killed), finished with how the
crawl ended (`spiders.ending`), its counts and what it lost. The run is finished on the
`spider_closed` signal, the first moment the crawl's finish reason is known (pipelines close
before it). The ending's exit code is left in the stats (`tracker/exit_code`) for
`scrapy crawl` to exit with.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from spiders.clock import now
from spiders.ending import CrawlEnding, crawl_ending
from tracker import store
from tracker.db import current_revision, head_revision, make_engine, session_scope
from tracker.records.bills import BillRecord, BillTextRecord, TextUnreadRecord
from tracker.records.schedule import CommitteeRecord, HearingRecord, LegislatorRecord
from tracker.rules.dates import CENTRAL
from tracker.rules.sessions import current_session
from tracker.vocab import Chamber, CrawlStatus

logger = logging.getLogger(__name__)

# Spider stats worth keeping in the crawl-run row, under shorter names; stats under a
# prefix keep the rest of their name ("mn_bills/invalid/ACTIONS" -> "invalid/ACTIONS").
KEPT_STATS = {
    "mn_bills/listed": "bills_listed",
    "mn_bills/requested": "bills_requested",
    "mn_bills/unchanged": "bills_unchanged",
    "mn_bills/listing_undated": "listing_undated",
    "mn_bills/parse_cpu_ms": "parse_cpu_ms",
    "mn_bills/malformed_xml": "malformed_xml",
    "mn_bills/invalid_xml": "invalid_xml",
    "mn_bills/field_problems": "field_problems",
    "mn_bills/text_missing": "text_missing",
    "mn_bills/text_unreadable": "text_unreadable",
    "mn_bills/search_failed": "search_failed",
    "mn_hearings/house_malformed": "house_malformed",
    "mn_hearings/senate_malformed": "senate_malformed",
    "mn_hearings/senate_unreadable": "senate_unreadable",
    "mn_hearings/house_invalid": "house_invalid",
    "mn_hearings/field_problems": "field_problems",
    "mn_legislators/house_malformed": "house_malformed",
    "mn_legislators/senate_malformed": "senate_malformed",
    "downloader/request_count": "requests",
    "retry/count": "retries",
    "retry/max_reached": "retries_exhausted",
    "backoff/count": "backoffs",
    "log_count/ERROR": "errors_logged",
}
KEPT_PREFIXES = {"mn_bills/invalid/": "invalid/", "mn_bills/listing_invalid/": "listing_invalid/"}
# A thinner response seen again is applied at the end of a crawl only if few bills came back
# thinner in it: at most THIN_FEW, or THIN_SHARE of the bills read. A layout change that
# drops part of every record makes many thinner at once, crawl after crawl.
THIN_FEW, THIN_SHARE = 2, 0.05
MAX_CONFIRMABLE = 500
# Items are stored in batches: one transaction for up to BATCH_ITEMS items or BATCH_SECONDS.
# A crawl killed mid-batch loses that batch's writes, and its bills are read again next time
# (a bill counts as read only once stored).
BATCH_ITEMS, BATCH_SECONDS = 200, 2.0
_PREFIXES: dict[type, str] = {
    BillRecord: "bills",
    BillTextRecord: "texts",
    TextUnreadRecord: "texts_unread",
    HearingRecord: "hearings",
    LegislatorRecord: "legislators",
    CommitteeRecord: "committees",
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
        self.store_lost: dict[str, str] = {}
        self.confirmable: list[BillRecord] = []  # thinner responses seen again
        self.batch_db: Session | None = None  # the open transaction, and what it holds
        self.batch: list[Any] = []
        self.batch_started = 0.0
        # CPU time spent storing, per kind of item (what the work costs, whatever else the
        # machine is doing).
        self.store_cpu_ms: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        engine = make_engine(self.database_url)
        head = head_revision(self.database_url)
        if current_revision(engine) != head:
            engine.dispose()
            raise RuntimeError(
                f"the database at {engine.url!r} is not at schema {head}: "
                "run `tracker db upgrade` first"
            )
        self.engine = engine
        spider = self.crawler.spider
        with session_scope(self.engine) as db:
            for run_id in store.mark_interrupted(db, spider=spider.name, now=now()):
                logger.warning("Crawl run %s was left running: marked interrupted", run_id)
            _hand_over_baseline(db, spider)
            args = _spider_args(spider)
            self.run_id = store.start_crawl_run(
                db,
                spider=spider.name,
                args=args,
                now=now(),
                mode=str(args.get("mode", "")),
                pid=os.getpid(),
                host=socket.gethostname(),
            )

    def process_item(self, item: Any) -> Any:
        """Store an item in the open batch (one transaction for up to BATCH_ITEMS items or
        BATCH_SECONDS); a store error rolls the batch back and stores its items one by one,
        so that only the item at fault is lost."""
        started, cpu = time.perf_counter(), time.thread_time()
        if self.batch_db is None:
            self.batch_db, self.batch_started = (
                Session(self.engine, expire_on_commit=False),
                started,
            )
        try:
            outcome = self._store(self.batch_db, item)
        except SQLAlchemyError:
            self._roll_back_batch()
            outcome = self._store_alone(item)
        else:
            self.batch.append(item)
        if outcome is not None:
            self._count(item, outcome)
        if len(self.batch) >= BATCH_ITEMS or started - self.batch_started >= BATCH_SECONDS:
            self._commit_batch()
        self.store_cpu_ms[_PREFIXES.get(type(item), "items")] += 1000 * (time.thread_time() - cpu)
        return item

    def _store(self, db: Session, item: Any) -> tuple[str, store.UpsertResult]:
        at = now()
        if isinstance(item, BillRecord):
            return "bills", store.upsert_bill(db, record=item, now=at)
        if isinstance(item, BillTextRecord):
            return "texts", store.record_bill_text(db, record=item, now=at)
        if isinstance(item, TextUnreadRecord):
            return "texts_unread", store.note_text_unread(db, record=item, now=at)
        if isinstance(item, HearingRecord):
            return "hearings", store.upsert_hearing(db, record=item, now=at)
        if isinstance(item, LegislatorRecord):
            return "legislators", store.upsert_legislator(db, record=item, now=at)
        if isinstance(item, CommitteeRecord):
            legislature = current_session(at.astimezone(CENTRAL).date()).legislature
            result = store.upsert_committee_roster(db, record=item, legislature=legislature, now=at)
            return "committees", result
        raise TypeError(f"no store adapter for {type(item).__name__}")

    def _store_alone(self, item: Any) -> tuple[str, store.UpsertResult] | None:
        try:
            with session_scope(self.engine) as db:
                return self._store(db, item)
        except SQLAlchemyError as error:
            logger.exception("Could not store %s %s", type(item).__name__, _name(item))
            self.counts["store_errors"] += 1
            self.store_lost[_name(item)] = f"not stored: {type(error).__name__}"
            return None

    def _roll_back_batch(self) -> None:
        """Undo the open batch and store what it held again, each item in its own
        transaction (their counts stand: the same writes give the same outcomes)."""
        assert self.batch_db is not None
        self.batch_db.rollback()
        self.batch_db.close()
        self.batch_db, held, self.batch = None, self.batch, []
        for item in held:
            self._store_alone(item)

    def _commit_batch(self) -> None:
        if self.batch_db is None:
            return
        try:
            self.batch_db.commit()
        except SQLAlchemyError:
            self._roll_back_batch()
        else:
            self.batch_db.close()
            self.batch_db, self.batch = None, []

    def _count(self, item: Any, outcome: tuple[str, store.UpsertResult]) -> None:
        prefix, result = outcome
        self.counts[f"{prefix}_{result.outcome.value}"] += 1
        if isinstance(item, HearingRecord):
            day = item.starts_at.astimezone(CENTRAL).date()
            self.hearings_seen[item.listed_by][item.source_key] = day
        confirmable = isinstance(item, BillRecord) and result.confirmable
        if confirmable and len(self.confirmable) < MAX_CONFIRMABLE:
            self.confirmable.append(item)
        if result.reason:
            logger.warning("%s %s: %s", _name(item), result.outcome.value, result.reason)
        elif result.changes:
            logger.info("%s %s: %s", _name(item), result.outcome.value, "; ".join(result.changes))
        if prefix == "bills":
            self._progress()

    def _progress(self, *, every: int = 50) -> None:
        seen = sum(self.counts[f"bills_{o}"] for o in ("insert", "update", "noop", "held"))
        if seen % every == 0:
            line = f"  {seen} bills read ({_summary(self.counts)})"
            logger.info(line.strip())
            if self.show_progress:
                print(line, file=sys.stderr, flush=True)

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.engine is None or self.run_id is None:  # it never opened (no database)
            return
        self._commit_batch()
        stats = self.crawler.stats
        with session_scope(self.engine) as db:
            if reason == "finished":
                self._apply_confirmed_thin(db)
            ending = self._ending(reason)
            counts = self._counts(stats.get_stats(), ending)
            if ending.status in (CrawlStatus.FINISHED, CrawlStatus.FINISHED_WITH_LOSSES):
                self._finish(db, counts)
            if self.run_id is not None:
                store.finish_crawl_run(
                    db,
                    run_id=self.run_id,
                    counts=counts,
                    now=now(),
                    status=ending.status,
                    error="" if ending.status is CrawlStatus.FINISHED else ending.summary,
                    lost=list(ending.lost),
                )
        stats.set_value("tracker/status", ending.status.value)
        stats.set_value("tracker/exit_code", ending.exit_code)
        log = logger.info if ending.status is CrawlStatus.FINISHED else logger.error
        log("Crawl %s %s: %s (%s)", self.run_id, ending.status.value, ending.summary,
            _summary(counts))  # fmt: skip
        self.engine.dispose()

    def _ending(self, reason: str) -> CrawlEnding:
        spider = self.crawler.spider
        if hasattr(spider, "ending"):
            ending: CrawlEnding = spider.ending(reason, store_lost=self.store_lost)
            return ending
        stored = sum(v for k, v in self.counts.items() if k != "store_errors")
        return crawl_ending(reason, lost=self.store_lost, read=stored)

    def _counts(self, stats: dict[str, Any], ending: CrawlEnding) -> dict[str, int]:
        counts = dict(self.counts)
        counts.update({f"{kind}_store_cpu_ms": round(ms) for kind, ms in self.store_cpu_ms.items()})
        for stat, value in stats.items():
            name = KEPT_STATS.get(stat) or next(
                (
                    short + stat[len(p) :]
                    for p, short in KEPT_PREFIXES.items()
                    if stat.startswith(p)
                ),
                None,
            )
            if name and value:
                counts[name] = counts.get(name, 0) + int(value)
        if ending.lost_count:
            counts["lost"] = ending.lost_count
        return counts

    def _apply_confirmed_thin(self, db: Any) -> None:
        """Apply the thinner responses seen again, unless too many came back thinner."""
        held = self.counts["bills_held"]
        read = sum(self.counts[f"bills_{o}"] for o in ("insert", "update", "noop", "held"))
        if not self.confirmable:
            return
        if held > max(THIN_FEW, THIN_SHARE * read):
            logger.warning(
                "%d of %d bills came back thinner: none applied (a layout change looks so)",
                held,
                read,
            )
            return
        for record in self.confirmable:
            result = store.upsert_bill(db, record=record, now=now(), apply_thin=True)
            self.counts["bills_thinner_applied"] += result.outcome.value == "update"
            logger.warning("%s: applied a thinner response seen twice (%s)", record.key,
                           "; ".join(result.changes))  # fmt: skip

    def _finish(self, db: Any, counts: dict[str, int]) -> None:
        """What a crawl that ran to its end can tell: bills that died, hearings that
        vanished (only for a chamber whose every schedule page could be read)."""
        if self.crawler.spider.name == "mn_bills":
            counts["bills_died"] = store.refresh_stages(db, today=now().astimezone(CENTRAL).date())
        unread: set[Chamber] = getattr(self.crawler.spider, "unread_chambers", set())
        every_key = {key for seen in self.hearings_seen.values() for key in seen}
        for chamber, seen in self.hearings_seen.items():
            if chamber in unread:
                continue
            counts[f"hearings_vanished_{chamber.value}"] = store.mark_vanished(
                db,
                listed_by=chamber,
                seen=every_key,  # a joint meeting still listed by the other chamber stays
                window=(min(seen.values()), max(seen.values())),
                now=now(),
            )


def _name(item: Any) -> str:
    return str(getattr(item, "key", None) or getattr(item, "source_key", None) or item)


def _hand_over_baseline(db: Any, spider: Any) -> None:
    """Hand a spider that reads only what changed (mn_bills) what the store holds of its
    session, so that it opens no database. Scrapy opens the pipelines before it takes the
    first request from the spider's start()."""
    if not hasattr(spider, "take_baseline"):
        return
    ref = spider.session_ref
    spider.take_baseline(
        store.crawl_baseline(
            db,
            legislature=ref.legislature,
            special_session=ref.special_session,
            session_arg=ref.arg,
            now=now(),
        )
    )


def _spider_args(spider: Any) -> dict[str, Any]:
    """What the spider was asked to do, as it describes itself."""
    describe = getattr(spider, "crawl_args", None)
    return describe() if callable(describe) else {}


def _summary(counts: dict[str, int] | Counter[str]) -> str:
    return ", ".join(f"{name}={value}" for name, value in sorted(counts.items()) if value)
