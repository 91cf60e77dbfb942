"""Bill status from the Revisor of Statutes' XML service (mn_sources.md §1.3-§1.5).

1. List a session's bills with the status search, 500 numbers at a time per chamber and
   bill type, until the evidence of how far the numbering goes runs out (`spiders.refresh`).
   An incremental crawl reads the HTML results, whose last-action column tells which bills
   changed; a full one (and the first one, with nothing stored) the XML results.
2. Fetch the status XML of each new or changed bill (every bill in a full pass), re-based
   onto TRACKER_REVISOR_API_URL.
3. Fetch each version's text page once: the latest right after the bill (its official
   title and the statutes it amends, codes anew or repeals), older ones after every status;
   and up to TRACKER_CRAWL_TEXT_BACKLOG listed versions whose text is not stored yet (every
   version's sections are kept, for what changed between versions).

The store pipeline hands the spider what is stored (`take_baseline`) before the first
request; a crawl without it reads every bill and text. Every response is validated
(`spiders.parsing`); invalid ones are counted per field and, past TRACKER_CRAWL_INVALID_SHARE,
stop the crawl (`spiders.guard`). What was listed but not stored is named in the ending.

Arguments: `session` (2025-2026, 2025s1; default the current biennium), `bills` (HF5,SF1832:
only these, always fetched), `mode` (incremental, the default, or full), `refetch_text`
(yes: fetch the latest text even when it is stored).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any
from urllib.parse import urlencode

import scrapy
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import CloseSpider
from scrapy.http import Response
from twisted.python.failure import Failure

from spiders.clock import today
from spiders.ending import SOURCE_CHANGED, CrawlEnding, crawl_ending
from spiders.guard import ResponseGuard
from spiders.parsing.arguments import parse_bill_list
from spiders.parsing.common import rebase
from spiders.parsing.listing import (
    ListedBill,
    ListingUnreadable,
    parse_results_page,
    parse_search_xml,
)
from spiders.parsing.revisor import BillXmlError, parse_bill_text, parse_bill_xml
from spiders.refresh import RANGE_SIZE, next_range_start, reason_to_fetch
from tracker.records.bills import BillKey, BillRecord, TextUnreadRecord
from tracker.rules.sessions import SessionRef, current_session, parse_session
from tracker.store import Baseline
from tracker.vocab import BillType, CrawlMode

SEARCH_PATH = "/bills/status_result.php"
STATUS_PATH = "/bills/v1/{legislature}/{year}/{special}/{type}/{number}/"
REVISOR_SLOT = "revisor"  # www and api are one politeness budget (mn_sources.md §9)
LISTING_PRIORITY, TEXT_PRIORITY = 20, 10  # the listing first; a bill's text right after it
BACKLOG_PRIORITY = -10  # an older version's text after every bill's status


class MnBillsSpider(scrapy.Spider):
    name = "mn_bills"

    def __init__(
        self,
        session: str = "",
        bills: str = "",
        refetch_text: str = "",
        mode: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.session_ref: SessionRef = (
            parse_session(session) if session else current_session(today())
        )
        self.wanted: list[tuple[BillType, int]] = parse_bill_list(bills)
        self.refetch_text = refetch_text.lower() in {"1", "yes", "true"}
        self.mode = CrawlMode(mode or CrawlMode.INCREMENTAL.value)
        self.baseline = Baseline()  # what is stored; set by the store pipeline
        self.seen_highest: dict[BillType, int] = {}
        self.listing_ended: dict[BillType, int] = {}  # the last range asked for, once it ended
        self.pending: dict[str, str] = {}  # slug -> bill, asked for and not read yet
        self.unread: dict[str, str] = {}  # slug -> why its last response could not be read
        self.lost: dict[str, str] = {}  # what was not stored -> why
        self.read = 0
        self.texts_asked: set[tuple[str, str]] = set()  # (slug, version name)
        self.stop_message = ""
        self._guard: ResponseGuard | None = None

    def take_baseline(self, baseline: Baseline) -> None:
        self.baseline = baseline

    def crawl_args(self) -> dict[str, Any]:
        args: dict[str, Any] = {
            "session": self.session_ref.arg,
            "bills": [f"{bill_type.value}{number}" for bill_type, number in self.wanted],
            "refetch_text": self.refetch_text,
            "mode": self.mode.value,
        }
        if self.baseline.resume_since and self.mode is CrawlMode.FULL and not self.wanted:
            args["resume_since"] = self.baseline.resume_since.isoformat()
        return args

    @property
    def dated_listing(self) -> bool:
        """List with last-action dates (HTML) when there is something stored to compare."""
        return self.mode is CrawlMode.INCREMENTAL and bool(self.baseline.bills)

    @property
    def guard(self) -> ResponseGuard:
        if self._guard is None:
            share = self.settings.getfloat("TRACKER_CRAWL_INVALID_SHARE", 0.2)
            self._guard = ResponseGuard(share=share)
        return self._guard

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.wanted:
            for bill_type, number in self.wanted:
                yield self._listing(bill_type, number, last=number)
        else:
            for bill_type in BillType:
                yield self._listing(bill_type, 1, dated=self.dated_listing)
        for request in self._backlog_requests():
            yield request

    # -- the listing ----------------------------------------------------------------

    def _listing(
        self, bill_type: BillType, first: int, *, last: int | None = None, dated: bool = False
    ) -> scrapy.Request:
        end = last if last is not None else first + RANGE_SIZE - 1
        url = search_url(
            self.settings.get("TRACKER_REVISOR_URL"),
            self.session_ref,
            bill_type,
            first,
            end,
            xml=not dated,
        )
        return scrapy.Request(
            url,
            callback=self.parse_listing_html if dated else self.parse_listing_xml,
            errback=self.listing_failed,
            priority=LISTING_PRIORITY,
            meta={"download_slot": REVISOR_SLOT},
            cb_kwargs={"bill_type": bill_type, "first": first, "single": last is not None},
        )

    def parse_listing_html(
        self, response: Response, bill_type: BillType, first: int, single: bool = False
    ) -> Iterator[scrapy.Request]:
        try:
            listed = parse_results_page(response.text)
        except ListingUnreadable as problem:
            self.logger.warning(
                "No last-action dates at %s (%s): listing the range as XML", response.url, problem
            )
            self.crawler.stats.inc_value("mn_bills/listing_undated")
            yield self._listing(bill_type, first, dated=False)
            return
        yield from self._listed(bill_type, first, listed, single=single)

    def parse_listing_xml(
        self, response: Response, bill_type: BillType, first: int, single: bool = False
    ) -> Iterator[scrapy.Request]:
        self.guard.answered("listing")
        try:
            listed = parse_search_xml(response.body)
        except BillXmlError as error:
            self._check(self.guard.invalid("listing", _problem(error), response.url))
            retry = self._retry(response, reason=f"{error.kind} search results")
            if retry is not None:
                yield retry
                return
            self.crawler.stats.inc_value(f"mn_bills/listing_invalid/{error.field}")
            yield from self._range_lost(bill_type, first, single, f"{error.kind} listing: {error}")
            return
        yield from self._listed(bill_type, first, listed, single=single)

    def listing_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        request = failure.request  # type: ignore[attr-defined]
        kwargs, why = request.cb_kwargs, _failure_reason(failure)
        self.crawler.stats.inc_value("mn_bills/search_failed")
        self.guard.answered("listing")
        yield from self._range_lost(kwargs["bill_type"], kwargs["first"], kwargs["single"], why)
        self._check(self.guard.invalid("listing", why, request.url))

    def _range_lost(
        self, bill_type: BillType, first: int, single: bool, why: str
    ) -> Iterator[scrapy.Request]:
        what = f"{bill_type.value} {first}" if single else (
            f"{bill_type.value} {first}-{first + RANGE_SIZE - 1} (listing)"
        )  # fmt: skip
        self.logger.error("Could not list %s: %s", what, why)
        self.lost[what] = why
        if not single:
            yield from self._after_range(bill_type, first, listed_any=False, failed=True)

    def _listed(
        self, bill_type: BillType, first: int, listed: list[ListedBill], *, single: bool
    ) -> Iterator[scrapy.Request]:
        self.crawler.stats.inc_value("mn_bills/listed", len(listed))
        for bill in listed:
            self._note_number(bill.bill_type, bill.number)
            request = self._status_request(bill, asked=single)
            if request is not None:
                yield request
        if not single:
            yield from self._after_range(bill_type, first, listed_any=bool(listed), failed=False)

    def _after_range(
        self, bill_type: BillType, first: int, *, listed_any: bool, failed: bool
    ) -> Iterator[scrapy.Request]:
        evidence = max(self.baseline.highest.get(bill_type, 0), self.seen_highest.get(bill_type, 0))
        following = next_range_start(first, listed_any=listed_any, failed=failed, evidence=evidence)
        if following is None:
            self.listing_ended[bill_type] = first
            return
        yield self._listing(bill_type, following, dated=self.dated_listing)

    def _note_number(self, bill_type: BillType, number: int) -> None:
        self.seen_highest[bill_type] = max(self.seen_highest.get(bill_type, 0), number)

    def _reopen_listing(self, bill_type: BillType, number: int) -> Iterator[scrapy.Request]:
        """Evidence that numbering reaches `number` (a companion): list on past where the
        listing of that bill type ended."""
        self._note_number(bill_type, number)
        ended = self.listing_ended.get(bill_type)
        if ended is not None and number >= ended + RANGE_SIZE and not self.wanted:
            del self.listing_ended[bill_type]
            yield self._listing(bill_type, ended + RANGE_SIZE, dated=self.dated_listing)

    # -- bills ----------------------------------------------------------------------

    def _status_request(self, listed: ListedBill, *, asked: bool) -> scrapy.Request | None:
        ref = self.session_ref
        key = BillKey(ref.legislature, ref.special_session, listed.bill_type, listed.number)
        if key.slug in self.pending:
            return None
        known = self.baseline.bills.get(key.slug)
        reason = "asked for" if asked else reason_to_fetch(
            listed, known, full=self.mode is CrawlMode.FULL,
            resume_since=self.baseline.resume_since,
        )  # fmt: skip
        if not reason:
            self.crawler.stats.inc_value("mn_bills/unchanged")
            return None
        api = self.settings.get("TRACKER_REVISOR_API_URL")
        if listed.status_uri:
            url = rebase(listed.status_uri, api)
        elif known is not None and known.status_xml_url:
            url = rebase(known.status_xml_url, api)
        elif listed.year is not None:
            url = api.rstrip("/") + STATUS_PATH.format(
                legislature=ref.legislature,
                year=listed.year,
                special=ref.special_session,
                type=listed.bill_type.value,
                number=listed.number,
            )
        else:  # a new bill whose row gives no year: ask the XML search for its status URI
            return self._listing(listed.bill_type, listed.number, last=listed.number)
        self.pending[key.slug] = str(key)
        self.crawler.stats.inc_value("mn_bills/requested")
        return scrapy.Request(
            url,
            callback=self.parse_status,
            errback=self.status_failed,
            meta={"download_slot": REVISOR_SLOT},
            cb_kwargs={"slug": key.slug},
        )

    def parse_status(self, response: Response, slug: str = "") -> Iterator[Any]:
        stats = self.crawler.stats
        started = time.thread_time()
        self.guard.answered("bill status")
        try:
            bill = parse_bill_xml(response.body, url=response.url)
        except BillXmlError as error:
            # Every unreadable response counts for the guard, retried or not: a retry waits
            # behind the requests already queued, and a layout change shows at once.
            why = f"{error.kind} status XML: {error}"
            self.unread[slug] = why
            if error.kind == "invalid":
                stats.inc_value(f"mn_bills/invalid/{error.field}")
            self._check(self.guard.invalid("bill status", _problem(error), response.url))
            retry = self._retry(response, reason=f"{error.kind} bill XML", max_retry_times=1)
            if retry is not None:
                yield retry
                return
            self.logger.error("Skipped %s bill XML at %s: %s", error.kind, response.url, error)
            stats.inc_value(f"mn_bills/{error.kind}_xml")
            self.lost[self.pending.pop(slug, slug or response.url)] = why
            return
        stats.inc_value("mn_bills/parse_cpu_ms", 1000 * (time.thread_time() - started))
        self.pending.pop(slug or bill.key.slug, None)
        self.read += 1
        for problem in bill.problems:
            self.logger.warning("%s: %s", bill.key, problem)
            stats.inc_value("mn_bills/field_problems")
        if bill.companion:
            yield from self._reopen_listing(*bill.companion)
        yield bill
        yield from self._text_requests(bill)

    def status_failed(self, failure: Failure) -> None:
        """A status request that failed after its retries (HTTP error, no answer)."""
        request = failure.request  # type: ignore[attr-defined]
        why = _failure_reason(failure)
        slug = request.cb_kwargs.get("slug", "")
        self.lost[self.pending.pop(slug, slug or request.url)] = why
        self.guard.answered("bill status")
        self._check(self.guard.invalid("bill status", why, request.url))

    def _text_requests(self, bill: BillRecord) -> Iterator[scrapy.Request]:
        """Each listed version whose text is not stored yet: the latest right after the bill,
        older ones after every status."""
        latest = bill.latest_version
        read = self.baseline.versions.read.get(bill.key.slug, frozenset())
        waiting = self.baseline.versions.waiting.get(bill.key.slug, frozenset())
        for version in sorted(bill.versions, key=lambda v: v is not latest):
            refetch = self.refetch_text and version is latest
            if not version.html_url or (version.name in read and not refetch):
                continue
            if version.name in waiting:
                continue  # its page failed lately: asked again after a week
            priority = TEXT_PRIORITY if version is latest else BACKLOG_PRIORITY
            request = self._text_request(bill.key, version.name, version.html_url, priority)
            if request is not None:
                yield request

    def _backlog_requests(self) -> Iterator[scrapy.Request]:
        """Versions the store lists without their text (posted before the crawl that reads
        every version, or not readable then), oldest first, a few hundred a crawl: a session's
        backfill spreads over the scheduled crawls."""
        limit = self.settings.getint("TRACKER_CRAWL_TEXT_BACKLOG", 300)
        wanted = set(self.wanted)
        ref = self.session_ref
        asked = 0
        for version in self.baseline.versions.backlog:
            if asked >= limit:
                break
            if wanted and (version.bill_type, version.number) not in wanted:
                continue
            key = BillKey(ref.legislature, ref.special_session, version.bill_type, version.number)
            request = self._text_request(key, version.name, version.html_url, BACKLOG_PRIORITY)
            if request is not None:
                asked += 1
                yield request
        self.crawler.stats.set_value("mn_bills/text_backlog", len(self.baseline.versions.backlog))

    def _text_request(
        self, key: BillKey, version_name: str, url: str, priority: int
    ) -> scrapy.Request | None:
        if (key.slug, version_name) in self.texts_asked:
            return None  # never twice in a crawl
        self.texts_asked.add((key.slug, version_name))
        return scrapy.Request(
            rebase(url, self.settings.get("TRACKER_REVISOR_URL")),
            callback=self.parse_text,
            errback=self.text_failed,
            priority=priority,
            meta={"download_slot": REVISOR_SLOT},
            cb_kwargs={"key": key, "version_name": version_name},
        )

    def parse_text(self, response: Response, key: BillKey, version_name: str) -> Iterator[Any]:
        try:
            yield parse_bill_text(
                response.body, key=key, version_name=version_name, url=response.url
            )
        except ValueError as error:
            self.logger.error("Unreadable text of %s at %s: %s", key, response.url, error)
            self.crawler.stats.inc_value("mn_bills/text_unreadable")
            yield TextUnreadRecord(key, version_name, f"unreadable: {error}")

    def text_failed(self, failure: Failure) -> Iterator[TextUnreadRecord]:
        request = failure.request  # type: ignore[attr-defined]
        self.logger.warning("No text for %s: %s", request.url, failure.getErrorMessage())
        self.crawler.stats.inc_value("mn_bills/text_missing")
        yield TextUnreadRecord(
            request.cb_kwargs["key"], request.cb_kwargs["version_name"], _failure_reason(failure)
        )

    # -- endings --------------------------------------------------------------------

    def _retry(
        self, response: Response, *, reason: str, max_retry_times: int | None = None
    ) -> scrapy.Request | None:
        """Ask again for a response that came back 200 but unreadable (cut off, garbled)."""
        retry = get_retry_request(
            response.request, spider=self, reason=reason, max_retry_times=max_retry_times
        )
        if retry is not None:
            retry.meta.pop("download_latency", None)
        return retry

    def _check(self, stop_message: str) -> None:
        if stop_message and not self.stop_message:  # responses already in flight still count
            self.stop_message = stop_message
            self.logger.error("Stopping: %s", stop_message)
            raise CloseSpider(SOURCE_CHANGED)

    def ending(self, reason: str, *, store_lost: Mapping[str, str] | None = None) -> CrawlEnding:
        """How this crawl ended: bills asked for and never read are lost too."""
        not_read = {
            label: self.unread.get(slug, "not read before the crawl ended")
            for slug, label in self.pending.items()
        }
        lost = {**self.lost, **not_read, **(store_lost or {})}
        return crawl_ending(reason, lost=lost, read=self.read, stop_message=self.stop_message)


def _problem(error: BillXmlError) -> str:
    """What made a response unreadable, as the guard counts it."""
    if error.kind == "malformed":
        return "XML cut off or not well-formed"
    if error.field == "root":
        return "another document (wrong root element)"
    return f"{error.field} missing or renamed"


def _failure_reason(failure: Failure) -> str:
    response = getattr(failure.value, "response", None)
    if response is not None:
        return f"HTTP {response.status}"
    return failure.getErrorMessage() or type(failure.value).__name__


# -- URLs -----------------------------------------------------------------------------


def search_url(
    base: str,
    session: SessionRef,
    bill_type: BillType,
    first: int,
    last: int,
    *,
    xml: bool = True,
) -> str:
    """The status search for one bill type and number range (`xml`: its XML form)."""
    body = bill_type.chamber.label
    query = {
        "body": body,
        "search": "basic",
        "session": session.search_code,
        "location": body,
        "bill": f"{first}-{last}",
        "bill_type": bill_type.search_type,
        "rev_number": "",
        "submit_bill": "GO",
        "keyword_type": "all",
        "keyword": "",
        "keyword_field_text": "1",
        "titleword": "",
    }
    if xml:
        query["format"] = "xml"
    return f"{base.rstrip('/')}{SEARCH_PATH}?{urlencode(query)}"
