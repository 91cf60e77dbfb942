"""Bill status from the Revisor of Statutes' XML service (mn_sources.md §1.3-§1.5).

1. List a session's bills with the status search (`status_result.php ... &format=xml`),
   500 numbers at a time per chamber and bill type, until ranges come back empty.
2. Fetch each bill's status XML (`STATUS_XML_URI`, re-based onto TRACKER_REVISOR_API_URL).
3. Fetch the latest text version's HTML when it is not the one already stored, for the
   official title and the statutes the bill amends, codes anew or repeals. The store
   pipeline tells the spider which versions are stored (`known_versions`) when it opens;
   a crawl without that pipeline fetches every latest text.

Arguments: `session` (2025-2026, 2025s1; default the current biennium), `bills`
(HF5,SF1832: only these), `refetch_text` (yes: fetch text even when unchanged),
`empty_ranges` (consecutive empty ranges that end a listing; default 2).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date
from typing import Any
from urllib.parse import urlencode

import scrapy
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.http import Response
from twisted.python.failure import Failure

from spiders.parsing.arguments import parse_bill_list
from spiders.parsing.common import rebase
from spiders.parsing.revisor import (
    BillXmlError,
    parse_bill_text,
    parse_bill_xml,
    parse_search_results,
)
from tracker.records.bills import BillKey
from tracker.rules.sessions import SessionRef, current_session, parse_session
from tracker.vocab import BillType, Chamber

SEARCH_PATH = "/bills/status_result.php"
RANGE_SIZE = 500  # the status search returns at most 500 results (Open States)
EMPTY_RANGES_TO_STOP = 2  # consecutive empty ranges that end a listing (tolerates one gap)
SEARCH_TYPES = ("bill", "resolution", "concurrent")
REVISOR_SLOT = "revisor"  # www and api are one politeness budget (mn_sources.md §9)


class MnBillsSpider(scrapy.Spider):
    name = "mn_bills"

    def __init__(
        self,
        session: str = "",
        bills: str = "",
        refetch_text: str = "",
        empty_ranges: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.session_ref: SessionRef = (
            parse_session(session) if session else current_session(date.today())
        )
        self.wanted: list[tuple[BillType, int]] = parse_bill_list(bills)
        self.refetch_text = refetch_text.lower() in {"1", "yes", "true"}
        self.empty_ranges_to_stop = int(empty_ranges or EMPTY_RANGES_TO_STOP)
        # bill slug -> the text version stored; set by the store pipeline before start().
        self.known_versions: dict[str, str] = {}

    def crawl_args(self) -> dict[str, Any]:
        return {
            "session": self.session_ref.arg,
            "bills": [f"{bill_type.value}{number}" for bill_type, number in self.wanted],
            "refetch_text": self.refetch_text,
        }

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.wanted:
            for bill_type, number in self.wanted:
                yield self._search(bill_type.chamber, bill_type.search_type, number, number)
            return
        for chamber in Chamber:
            for search_type in SEARCH_TYPES:
                yield self._search(chamber, search_type, 1, RANGE_SIZE)

    # -- requests -----------------------------------------------------------------

    def _search(
        self, chamber: Chamber, search_type: str, first: int, last: int, empty_before: int = 0
    ) -> scrapy.Request:
        url = search_url(
            self.settings.get("TRACKER_REVISOR_URL"),
            self.session_ref,
            chamber,
            search_type,
            first,
            last,
        )
        return scrapy.Request(
            url,
            callback=self.parse_search,
            meta={"download_slot": REVISOR_SLOT},
            cb_kwargs={
                "chamber": chamber,
                "search_type": search_type,
                "first": first,
                "empty_before": empty_before,
            },
        )

    # -- callbacks ----------------------------------------------------------------

    def parse_search(
        self,
        response: Response,
        chamber: Chamber,
        search_type: str,
        first: int,
        empty_before: int = 0,
    ) -> Iterator[scrapy.Request]:
        try:
            status_uris = parse_search_results(response.body)
        except BillXmlError as error:
            retry = self._retry(response, reason="malformed search")
            if retry is not None:
                yield retry
                return
            self.logger.error("Unreadable search results at %s: %s", response.url, error)
            self.crawler.stats.inc_value("mn_bills/search_failed")
            status_uris = None
        api_url = self.settings.get("TRACKER_REVISOR_API_URL")
        for uri in status_uris or []:
            yield scrapy.Request(
                rebase(uri, api_url),
                callback=self.parse_status,
                meta={"download_slot": REVISOR_SLOT},
            )
        self.crawler.stats.inc_value("mn_bills/listed", len(status_uris or []))
        empty = empty_before + 1 if status_uris == [] else 0
        if not self.wanted and empty < self.empty_ranges_to_stop:
            yield self._search(
                chamber, search_type, first + RANGE_SIZE, first + 2 * RANGE_SIZE - 1, empty
            )

    def parse_status(self, response: Response) -> Iterator[Any]:
        stats = self.crawler.stats
        try:
            bill = parse_bill_xml(response.body, url=response.url)
        except BillXmlError as error:
            retry = self._retry(response, reason=f"{error.kind} bill XML", max_retry_times=1)
            if retry is not None:
                yield retry
                return
            self.logger.error("Skipped %s bill XML at %s: %s", error.kind, response.url, error)
            stats.inc_value(f"mn_bills/{error.kind}_xml")
            return
        for problem in bill.problems:
            self.logger.warning("%s: %s", bill.key, problem)
            stats.inc_value("mn_bills/field_problems")
        yield bill
        latest = bill.latest_version
        if latest is None:
            return
        if self.refetch_text or self.known_versions.get(bill.key.slug) != latest.name:
            yield scrapy.Request(
                rebase(latest.html_url, self.settings.get("TRACKER_REVISOR_URL")),
                callback=self.parse_text,
                errback=self.text_failed,
                meta={"download_slot": REVISOR_SLOT},
                cb_kwargs={"key": bill.key, "version_name": latest.name},
            )

    def parse_text(self, response: Response, key: BillKey, version_name: str) -> Iterator[Any]:
        try:
            yield parse_bill_text(
                response.body, key=key, version_name=version_name, url=response.url
            )
        except ValueError as error:
            self.logger.error("Unreadable text of %s at %s: %s", key, response.url, error)
            self.crawler.stats.inc_value("mn_bills/text_unreadable")

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

    def text_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        self.logger.warning("No text for %s: %s", request.url, failure.getErrorMessage())
        self.crawler.stats.inc_value("mn_bills/text_missing")


# -- URLs -----------------------------------------------------------------------------


def search_url(
    base: str, session: SessionRef, chamber: Chamber, search_type: str, first: int, last: int
) -> str:
    body = chamber.label
    query = urlencode(
        {
            "body": body,
            "search": "basic",
            "session": session.search_code,
            "location": body,
            "bill": f"{first}-{last}",
            "bill_type": search_type,
            "rev_number": "",
            "submit_bill": "GO",
            "keyword_type": "all",
            "keyword": "",
            "keyword_field_text": "1",
            "titleword": "",
            "format": "xml",
        }
    )
    return f"{base.rstrip('/')}{SEARCH_PATH}?{query}"
