"""Committee hearings and floor sessions from both chambers' schedules (mn_sources.md §2-§4).

House: the HTML cards of `/Schedules/All` (every upcoming meeting), or of one day's page
`/Schedules/MMDDYYYY` per day when a window is asked for. Senate: the JSON of
`/api/schedule/upcoming`. Joint meetings are listed by both; each side yields them with
chamber JOINT and the same `source_key`, so the store keeps one.

Arguments (optional): `start` (YYYY-MM-DD, default today in Central time) and `days` (from
`start`, default 7): only meetings in that window, the House read day by day.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date, datetime, timedelta
from typing import Any

import scrapy
from scrapy.http import Response

from spiders.parsing.arguments import parse_window
from spiders.parsing.schedules import (
    ParsedSchedule,
    ScheduleError,
    parse_house_schedule,
    parse_senate_schedule,
)
from tracker.records.schedule import HearingRecord
from tracker.rules.dates import CENTRAL

HOUSE_ALL_PATH = "/Schedules/All"
HOUSE_DAY_PATH = "/Schedules/{day:%m%d%Y}"
SENATE_UPCOMING_PATH = "/api/schedule/upcoming"


class MnHearingsSpider(scrapy.Spider):
    name = "mn_hearings"

    def __init__(self, start: str = "", days: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.window: tuple[date, date] | None = parse_window(
            start, days, today=datetime.now(CENTRAL).date()
        )

    def crawl_args(self) -> dict[str, Any]:
        if self.window is None:
            return {}
        first, last = self.window
        return {"start": first.isoformat(), "days": (last - first).days + 1}

    async def start(self) -> AsyncIterator[scrapy.Request]:
        house = self.settings.get("TRACKER_HOUSE_URL").rstrip("/")
        senate = self.settings.get("TRACKER_SENATE_URL").rstrip("/")
        if self.window is None:
            yield scrapy.Request(house + HOUSE_ALL_PATH, callback=self.parse_house)
        else:
            day, last = self.window
            while day <= last:
                url = house + HOUSE_DAY_PATH.format(day=day)
                yield scrapy.Request(url, callback=self.parse_house)
                day += timedelta(days=1)
        yield scrapy.Request(senate + SENATE_UPCOMING_PATH, callback=self.parse_senate)

    def parse_house(self, response: Response) -> Iterator[HearingRecord]:
        yield from self._emit(parse_house_schedule(response.text, url=response.url), "house")

    def parse_senate(self, response: Response) -> Iterator[HearingRecord]:
        try:
            parsed = parse_senate_schedule(response.text, url=response.url)
        except ScheduleError as error:
            self.logger.error("Unreadable Senate schedule at %s: %s", response.url, error)
            self.crawler.stats.inc_value("mn_hearings/senate_unreadable")
            return
        yield from self._emit(parsed, "senate")

    def _emit(self, parsed: ParsedSchedule, site: str) -> Iterator[HearingRecord]:
        stats = self.crawler.stats
        for reason in parsed.skipped:
            self.logger.warning("Skipped a %s schedule entry: %s", site, reason)
            stats.inc_value(f"mn_hearings/{site}_malformed")
        for hearing in parsed.hearings:
            day = hearing.starts_at.date()
            if self.window and not self.window[0] <= day <= self.window[1]:
                continue
            for problem in hearing.problems:
                self.logger.warning("%s: %s", hearing.source_key, problem)
                stats.inc_value("mn_hearings/field_problems")
            stats.inc_value(f"mn_hearings/{site}_hearings")
            yield hearing
