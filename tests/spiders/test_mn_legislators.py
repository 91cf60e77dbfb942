"""mn_legislators on saved responses (House member and committee pages, Senate members
JSON and committee pages), and one crawl of the real spider against replay servers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.utils.test import get_crawler

from spiders.mn_legislators import MnLegislatorsSpider
from spiders.parsing.legislators import (
    MemberError,
    complete_from_profile,
    last_name_of,
    parse_house_committee_list,
    parse_house_committee_members,
    parse_house_member_list,
    parse_senate_committee_list,
    parse_senate_committee_page,
    parse_senate_member_list,
    split_name,
)
from tests.conftest import FILES, file_response
from tests.spiders.replay_crawl import crawl
from tracker.demo.replay import ReplayServer
from tracker.records.schedule import CommitteeRecord, CommitteeSeat, LegislatorRecord
from tracker.vocab import Chamber, SeatRole

HOUSE = "https://www.house.mn.gov"
SENATE = "https://www.senate.mn"
OFFICE = "100 Rev. Dr. Martin Luther King Jr. Blvd."


def read(name: str) -> str:
    return (FILES / name).read_text(encoding="utf-8")


def test_house_member_list() -> None:
    members, skipped = parse_house_member_list(
        read("mn_legislators_house_list.html"), url=HOUSE + "/members/list"
    )
    assert members[0] == LegislatorRecord(
        chamber=Chamber.HOUSE,
        legislator_key="15001",
        name="Peggy Bennett",
        last_name="Bennett",
        district="23A",
        party="R",
        url=HOUSE + "/members/profile/15001",
        email="rep.peggy.bennett@house.mn.gov",
        phone="651-296-0001",
        office=f"401 State Office Building, {OFFICE}",
    )
    assert [(m.name, m.last_name, m.district, m.party) for m in members[1:]] == [
        ("Dana Examplesen", "Examplesen", "49A", "DFL"),
        ("Josiah Hill", "Hill", "33B", "DFL"),
        ("María Isa Pérez-Vega", "Pérez-Vega", "65A", "DFL"),  # accents kept
        ("Quinn Placeholder Jr.", "Placeholder", "5A", "R"),  # "05A" loses its zero
    ]
    assert members[1].url == HOUSE + "/members/profile/15902"  # relative link made absolute
    assert (members[2].email, members[2].phone) == ("", "")  # the profile page will say
    assert skipped == [
        f"member 6 at {HOUSE}/members/list: no 'Name (district, party)' in 'Vacant seat'"
    ]


def test_a_profile_fills_what_the_list_left_out() -> None:
    members, _ = parse_house_member_list(
        read("mn_legislators_house_list.html"), url=HOUSE + "/members/list"
    )
    hill = complete_from_profile(members[2], read("mn_legislators_house_profile_15003.html"))
    assert (hill.email, hill.phone, hill.office) == (
        "rep.josiah.hill@house.mn.gov",
        "651-296-0003",
        f"517 State Office Building, {OFFICE}",
    )
    empty = complete_from_profile(members[2], "<html><body>Not found</body></html>")
    assert empty.problems == ("no email on the list or the profile",)


def test_house_committees_and_seats() -> None:
    assert parse_house_committee_list(
        read("mn_legislators_house_committees.html"), url=HOUSE + "/committees"
    ) == [
        ("Education Finance", HOUSE + "/Committees/members/94005"),
        ("Education Policy", HOUSE + "/Committees/members/94006"),
        ("Ways and Means", HOUSE + "/Committees/members/94024"),
    ]
    committee = parse_house_committee_members(
        read("mn_legislators_house_committee_94006.html"),
        name="Education Policy",
        url=HOUSE + "/Committees/members/94006",
    )
    assert committee == CommitteeRecord(
        chamber=Chamber.HOUSE,
        source_id="94006",
        name="Education Policy",
        url=HOUSE + "/Committees/members/94006",
        memberships=(
            CommitteeSeat("15001", "Peggy Bennett", SeatRole.CHAIR),
            CommitteeSeat("15002", "Sydney Jordan", SeatRole.CHAIR),
            CommitteeSeat("15007", "Patricia Mueller", SeatRole.VICE_CHAIR),
            CommitteeSeat("15003", "Josiah Hill", SeatRole.VICE_CHAIR),
            CommitteeSeat("15004", "María Isa Pérez-Vega", SeatRole.MEMBER),
            CommitteeSeat("15902", "Dana Examplesen", SeatRole.RANKING_MINORITY),
        ),
    )
    assert committee.problems == ("seat 7 of Education Policy: no name",)


def test_senate_members() -> None:
    members, skipped = parse_senate_member_list(
        read("mn_legislators_senate_members.json"), profile_base=SENATE
    )
    assert members[2] == LegislatorRecord(
        chamber=Chamber.SENATE,
        legislator_key="1230",
        name="Erin K. Maye Quade",
        last_name="Maye Quade",  # the site's own sortable last name
        district="56",
        party="DFL",
        url=SENATE + "/members/member_bio.html?mem_id=1230",
        email="sen.erin.mayequade@senate.mn",
        phone="651-296-0103",
        office="Minnesota Senate Bldg., Room 2403",
    )
    assert [(m.legislator_key, m.name, m.district) for m in members] == [
        ("1256", "Mary K. Kunesh", "39"),
        ("1205", "Steve A. Cwodzinski", "48"),
        ("1230", "Erin K. Maye Quade", "56"),
        ("1240", "Julia E. Coleman", "47"),
        ("1291", "Renée Examplar", "3"),  # "03"
    ]
    assert len(skipped) == 2 and skipped[1] == "member 7: a member is a str, not an object"
    with pytest.raises(MemberError, match="no 'members' list"):
        parse_senate_member_list('{"people": []}', profile_base=SENATE)


def test_senate_committees_and_seats() -> None:
    assert parse_senate_committee_list(
        read("mn_legislators_senate_committees.html"), url=SENATE + "/committees"
    ) == [
        ("Education Finance", SENATE + "/committees/committee_bio.html?cmte_id=3119&ls=94"),
        ("Education Policy", SENATE + "/committees/committee_bio.html?cmte_id=3120&ls=94"),
        ("Finance", SENATE + "/committees/committee_bio.html?cmte_id=1007&ls=94"),
    ]
    url = SENATE + "/committees/committee_bio.html?cmte_id=3120&ls=94"
    committee = parse_senate_committee_page(
        read("mn_legislators_senate_committee_3120.html"), name="Education Policy", url=url
    )
    assert (committee.source_id, committee.memberships) == (
        "3120",
        (
            CommitteeSeat("1205", "Steve A. Cwodzinski", SeatRole.CHAIR),
            CommitteeSeat("1230", "Erin K. Maye Quade", SeatRole.VICE_CHAIR),
            CommitteeSeat("1240", "Julia E. Coleman", SeatRole.RANKING_MINORITY),
            CommitteeSeat("1291", "Renée Examplar", SeatRole.MEMBER),
        ),
    )
    assert len(committee.problems) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chair:", SeatRole.CHAIR),
        ("Co-Chair", SeatRole.CHAIR),
        ("Committee Chair", SeatRole.CHAIR),
        ("Vice Chair:", SeatRole.VICE_CHAIR),
        ("Co-Vice Chair", SeatRole.VICE_CHAIR),
        ("Ranking Minority Member:", SeatRole.RANKING_MINORITY),
        ("Republican Lead", SeatRole.RANKING_MINORITY),
        ("DFL Lead", SeatRole.RANKING_MINORITY),
        ("", SeatRole.MEMBER),
    ],
)
def test_seat_roles(text: str, expected: SeatRole) -> None:
    assert SeatRole.from_text(text) is expected


def test_names() -> None:
    assert split_name("Rep. Cheryl Youakim (46B, DFL)") == ("Cheryl Youakim", "46B", "DFL")
    assert split_name("Dana Examplesen (49A, DFL)")[1] == "49A"
    with pytest.raises(MemberError):
        split_name("Vacant seat")
    assert last_name_of("John Doe III") == "Doe" and last_name_of("") == ""


# -- the spider's callbacks ---------------------------------------------------------------


def make_spider(**kwargs: str) -> MnLegislatorsSpider:
    crawler = get_crawler(
        MnLegislatorsSpider,
        settings_dict={
            "TRACKER_HOUSE_URL": "http://127.0.0.1:9",
            "TRACKER_SENATE_URL": "http://127.0.0.1:8",
        },
    )
    spider = MnLegislatorsSpider.from_crawler(crawler, **kwargs)
    crawler.spider = spider
    return spider


def test_members_callback_asks_for_a_profile_only_when_needed() -> None:
    spider = make_spider()
    response = file_response("mn_legislators_house_list.html", HOUSE + "/members/list")
    out = list(spider.parse_house_members(response))
    requests = [o for o in out if isinstance(o, Request)]
    assert [r.url for r in requests] == ["http://127.0.0.1:9/members/profile/15003"]
    assert sum(isinstance(o, LegislatorRecord) for o in out) == 4
    assert spider.crawler.stats.get_value("mn_legislators/house_member_malformed") == 1


def test_committee_filter_and_urls_on_the_base_url() -> None:
    spider = make_spider(committees="education")
    response = file_response("mn_legislators_senate_committees.html", SENATE + "/committees")
    assert [r.url for r in spider.parse_senate_committees(response)] == [
        "http://127.0.0.1:8/committees/committee_bio.html?cmte_id=3119&ls=94",
        "http://127.0.0.1:8/committees/committee_bio.html?cmte_id=3120&ls=94",
    ]
    assert spider.crawl_args() == {"committees": ["education"]}
    assert len(list(make_spider().parse_senate_committees(response))) == 3


# -- end to end ------------------------------------------------------------------------------


def place(root: Path, target: str, fixture: str) -> None:
    path = root / target
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(FILES / fixture, path)


def test_the_spider_crawls_members_and_committees(tmp_path: Path) -> None:
    house_root, senate_root = tmp_path / "h", tmp_path / "s"
    place(house_root, "house/members/list.html", "mn_legislators_house_list.html")
    place(house_root, "house/members/profile/15003.html", "mn_legislators_house_profile_15003.html")
    place(house_root, "house/committees.html", "mn_legislators_house_committees.html")
    place(
        house_root,
        "house/Committees/members/94006.html",
        "mn_legislators_house_committee_94006.html",
    )
    place(senate_root, "senate/api/members.json", "mn_legislators_senate_members.json")
    place(senate_root, "senate/committees.html", "mn_legislators_senate_committees.html")
    place(
        senate_root,
        "senate/committees/committee_bio.html@cmte_id=3120&ls=94.html",
        "mn_legislators_senate_committee_3120.html",
    )
    with ReplayServer(house_root) as house_site, ReplayServer(senate_root) as senate:
        result = crawl(
            "mn_legislators",
            {"TRACKER_HOUSE_URL": house_site.url, "TRACKER_SENATE_URL": senate.url},
            tmp_path / "items.pickle",
            committees="education",
        )
        house_paths = set(house_site.paths_requested())
    # Ways and Means is not an education committee; 94005 is not served (a 404, skipped).
    assert "/Committees/members/94024" not in house_paths
    assert "/Committees/members/94005" in house_paths
    items = result["items"]
    members = [i for i in items if isinstance(i, LegislatorRecord)]
    committees = {(c.chamber, c.source_id): c for c in items if isinstance(c, CommitteeRecord)}
    assert len(members) == 5 + 5
    hill = next(m for m in members if m.legislator_key == "15003")
    assert hill.email == "rep.josiah.hill@house.mn.gov"  # from the profile page
    assert set(committees) == {(Chamber.HOUSE, "94006"), (Chamber.SENATE, "3120")}
    assert committees[(Chamber.SENATE, "3120")].memberships[0].role is SeatRole.CHAIR
    assert result["stats"]["finish_reason"] == "finished"
