"""Committee hearings and floor sessions from both chambers' schedules (mn_sources.md §2-§4).

House: the HTML cards of `/Schedules/All` (every upcoming meeting), or of one day's page
`/Schedules/MMDDYYYY` per day when a window is asked for. Senate: the JSON of
`/api/schedule/upcoming`. Joint meetings are listed by both; each side yields them with
chamber JOINT and the same `source_key`, so the store keeps one.

Arguments (optional): `start` (YYYY-MM-DD, default today in Central time) and `days` (from
`start`, default 7): only meetings in that window, the House read day by day.

A page or JSON that no longer reads as a schedule is counted, named in the crawl's ending as
a loss, and keeps its chamber's meetings from being marked vanished (`unread_chambers`);
so does every entry skipped as unreadable.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from datetime import date, timedelta
from typing import Any

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from spiders.clock import today
from spiders.ending import CrawlEnding, crawl_ending
from spiders.parsing.arguments import parse_window
from spiders.parsing.schedules import (
    ParsedSchedule,
    ScheduleError,
    parse_house_schedule,
    parse_senate_schedule,
)
from tracker.records.schedule import HearingRecord
from tracker.vocab import Chamber

HOUSE_ALL_PATH = "/Schedules/All"
HOUSE_DAY_PATH = "/Schedules/{day:%m%d%Y}"
SENATE_UPCOMING_PATH = "/api/schedule/upcoming"


class MnHearingsSpider(scrapy.Spider):
    name = "mn_hearings"

    def __init__(self, start: str = "", days: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.window: tuple[date, date] | None = parse_window(start, days, today=today())
        self.lost: dict[str, str] = {}  # a page or an entry not stored -> why
        self.unread_chambers: set[Chamber] = set()
        self.read = 0

    def crawl_args(self) -> dict[str, Any]:
        if self.window is None:
            return {}
        first, last = self.window
        return {"start": first.isoformat(), "days": (last - first).days + 1}

    async def start(self) -> AsyncIterator[scrapy.Request]:
        house = self.settings.get("TRACKER_HOUSE_URL").rstrip("/")
        senate = self.settings.get("TRACKER_SENATE_URL").rstrip("/")
        if self.window is None:
            yield self._request(house + HOUSE_ALL_PATH, self.parse_house)
        else:
            day, last = self.window
            while day <= last:
                yield self._request(house + HOUSE_DAY_PATH.format(day=day), self.parse_house)
                day += timedelta(days=1)
        yield self._request(senate + SENATE_UPCOMING_PATH, self.parse_senate)

    def _request(self, url: str, callback: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, errback=self.page_failed)

    def parse_house(self, response: Response) -> Iterator[HearingRecord]:
        parsed = parse_house_schedule(response.text, url=response.url)
        if parsed.missing:
            self.crawler.stats.inc_value("mn_hearings/house_invalid")
            self._page_lost(Chamber.HOUSE, response.url, f"no {parsed.missing}")
            return
        yield from self._emit(parsed, "house")

    def parse_senate(self, response: Response) -> Iterator[HearingRecord]:
        try:
            parsed = parse_senate_schedule(response.text, url=response.url)
        except ScheduleError as error:
            self.crawler.stats.inc_value("mn_hearings/senate_unreadable")
            self._page_lost(Chamber.SENATE, response.url, f"unreadable: {error}")
            return
        yield from self._emit(parsed, "senate")

    def page_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        chamber = Chamber.SENATE if request.callback == self.parse_senate else Chamber.HOUSE
        response = getattr(failure.value, "response", None)
        why = f"HTTP {response.status}" if response is not None else failure.getErrorMessage()
        self._page_lost(chamber, request.url, why)

    def _page_lost(self, chamber: Chamber, url: str, why: str) -> None:
        self.logger.error("%s schedule at %s: %s", chamber.label, url, why)
        self.lost[f"{chamber.label} schedule {url}"] = why
        self.unread_chambers.add(chamber)

    def ending(self, reason: str, *, store_lost: Mapping[str, str] | None = None) -> CrawlEnding:
        return crawl_ending(reason, lost={**self.lost, **(store_lost or {})}, read=self.read)

    def _emit(self, parsed: ParsedSchedule, site: str) -> Iterator[HearingRecord]:
        stats = self.crawler.stats
        for reason in parsed.skipped:
            self.logger.warning("Skipped a %s schedule entry: %s", site, reason)
            stats.inc_value(f"mn_hearings/{site}_malformed")
            self.lost[reason] = "unreadable entry"
        for hearing in parsed.hearings:
            day = hearing.starts_at.date()
            if self.window and not self.window[0] <= day <= self.window[1]:
                continue
            for problem in hearing.problems:
                self.logger.warning("%s: %s", hearing.source_key, problem)
                stats.inc_value("mn_hearings/field_problems")
            stats.inc_value(f"mn_hearings/{site}_hearings")
            self.read += 1
            yield hearing
