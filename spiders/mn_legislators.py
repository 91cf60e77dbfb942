"""Members and committees of both chambers (mn_sources.md §2, §3; Open States' MN people
and committee scrapers for the page structure).

House: the member list `/members/list` (a profile page `/members/profile/{id}` only for
members the list gives no email or phone for), the committee list `/committees` and each
committee's `/Committees/members/{id}`. Senate: the members JSON `/api/members`, the
committee list `/committees` and each `committee_bio.html?cmte_id=...&ls=...`.

Argument (optional): `committees`, comma-separated words; only committees whose name
contains one of them are read (e.g. `committees=education`). Members are always all read.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from spiders.parsing.common import rebase
from spiders.parsing.legislators import (
    MemberError,
    complete_from_profile,
    parse_house_committee_list,
    parse_house_committee_members,
    parse_house_member_list,
    parse_senate_committee_list,
    parse_senate_committee_page,
    parse_senate_member_list,
)
from tracker.records.schedule import CommitteeRecord, LegislatorRecord

HOUSE_MEMBERS_PATH = "/members/list"
HOUSE_COMMITTEES_PATH = "/committees"
SENATE_MEMBERS_PATH = "/api/members"
SENATE_COMMITTEES_PATH = "/committees"


class MnLegislatorsSpider(scrapy.Spider):
    name = "mn_legislators"

    def __init__(self, committees: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.committee_words = [w.strip().lower() for w in committees.split(",") if w.strip()]

    def crawl_args(self) -> dict[str, Any]:
        return {"committees": self.committee_words}

    async def start(self) -> AsyncIterator[scrapy.Request]:
        house, senate = self._base("house"), self._base("senate")
        yield scrapy.Request(house + HOUSE_MEMBERS_PATH, callback=self.parse_house_members)
        yield scrapy.Request(house + HOUSE_COMMITTEES_PATH, callback=self.parse_house_committees)
        yield scrapy.Request(senate + SENATE_MEMBERS_PATH, callback=self.parse_senate_members)
        yield scrapy.Request(senate + SENATE_COMMITTEES_PATH, callback=self.parse_senate_committees)

    def _base(self, site: str) -> str:
        return str(self.settings.get(f"TRACKER_{site.upper()}_URL")).rstrip("/")

    def _skipped(self, what: str, reasons: list[str]) -> None:
        for reason in reasons:
            self.logger.warning("Skipped a %s entry: %s", what, reason)
            self.crawler.stats.inc_value(f"mn_legislators/{what}_malformed")

    def wanted(self, committee_name: str) -> bool:
        name = committee_name.lower()
        return not self.committee_words or any(w in name for w in self.committee_words)

    def _committee_requests(
        self, found: list[tuple[str, str]], site: str, callback: Callable[..., Any]
    ) -> Iterator[scrapy.Request]:
        """A request for the page of each committee asked for, on the configured base URL."""
        for name, url in found:
            if self.wanted(name):
                yield scrapy.Request(
                    rebase(url, self._base(site)), callback=callback, cb_kwargs={"name": name}
                )

    # -- House ---------------------------------------------------------------------

    def parse_house_members(self, response: Response) -> Iterator[Any]:
        members, skipped = parse_house_member_list(response.text, url=response.url)
        self._skipped("house_member", skipped)
        for member in members:
            if member.email and member.phone:
                yield member
                continue
            # The list left something out: the profile page says it.
            yield scrapy.Request(
                rebase(member.url, self._base("house")),
                callback=self.parse_house_profile,
                cb_kwargs={"member": member},
            )

    def parse_house_profile(self, response: Response, member: LegislatorRecord) -> Iterator[Any]:
        yield complete_from_profile(member, response.text)

    def parse_house_committees(self, response: Response) -> Iterator[scrapy.Request]:
        found = parse_house_committee_list(response.text, url=response.url)
        yield from self._committee_requests(found, "house", self.parse_house_committee)

    def parse_house_committee(self, response: Response, name: str) -> Iterator[CommitteeRecord]:
        committee = parse_house_committee_members(response.text, name=name, url=response.url)
        self._skipped("house_seat", list(committee.problems))
        yield committee

    # -- Senate --------------------------------------------------------------------

    def parse_senate_members(self, response: Response) -> Iterator[LegislatorRecord]:
        try:
            members, skipped = parse_senate_member_list(
                response.text, profile_base=self._base("senate")
            )
        except MemberError as error:
            self.logger.error("Unreadable Senate members at %s: %s", response.url, error)
            self.crawler.stats.inc_value("mn_legislators/senate_members_unreadable")
            return
        self._skipped("senate_member", skipped)
        yield from members

    def parse_senate_committees(self, response: Response) -> Iterator[scrapy.Request]:
        found = parse_senate_committee_list(response.text, url=response.url)
        yield from self._committee_requests(found, "senate", self.parse_senate_committee)

    def parse_senate_committee(self, response: Response, name: str) -> Iterator[CommitteeRecord]:
        committee = parse_senate_committee_page(response.text, name=name, url=response.url)
        self._skipped("senate_seat", list(committee.problems))
        yield committee
