"""mn_hearings on saved responses (House schedule cards, Senate schedule JSON), and one
crawl of the real spider against the local replay server."""

from __future__ import annotations

import asyncio
import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from spiders.mn_hearings import MnHearingsSpider
from spiders.parsing.arguments import parse_window
from spiders.parsing.schedules import (
    ParsedSchedule,
    ScheduleError,
    parse_clock,
    parse_day,
    parse_house_schedule,
    parse_senate_schedule,
)
from tests.conftest import FILES, file_response
from tests.spiders.replay_crawl import crawl
from tracker.demo.replay import ReplayServer
from tracker.records.schedule import AgendaItemRecord, HearingRecord
from tracker.rules.dates import CENTRAL
from tracker.vocab import BillType, Chamber, HearingStatus, MeetingChamber

HOUSE_URL = "https://www.house.mn.gov/Schedules/All"
SENATE_URL = "https://www.senate.mn/api/schedule/upcoming"
HF, SF = BillType.HF, BillType.SF


def central(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=CENTRAL)  # type: ignore[misc]


@pytest.fixture(scope="module")
def house() -> ParsedSchedule:
    html = (FILES / "mn_hearings_house_all.html").read_text(encoding="utf-8")
    return parse_house_schedule(html, url=HOUSE_URL)


@pytest.fixture(scope="module")
def senate() -> ParsedSchedule:
    body = (FILES / "mn_hearings_senate_upcoming.json").read_text(encoding="utf-8")
    return parse_senate_schedule(body, url=SENATE_URL)


def by_key(parsed: ParsedSchedule) -> dict[str, HearingRecord]:
    return {h.source_key: h for h in parsed.hearings}


# -- House -------------------------------------------------------------------------------


def test_house_meetings_and_the_unreadable_card(house: ParsedSchedule) -> None:
    assert [h.source_key for h in house.hearings] == [
        "house:2026-03-05:education-finance",
        "house:2026-03-09:house-floor-session",
        "house:2026-03-10:education-finance",
        "house:2026-03-10:education-policy",
        "house:2026-03-11:education-policy",
        "joint:2026-03-12:education-finance",
        "house:2026-03-12:taxes",
        "house:2026-03-13:ways-and-means",
    ]
    assert house.skipped == [
        f"card 9 at {HOUSE_URL}: no date in '' (Children and Families Finance and Policy)"
    ]


def test_house_hearing_with_every_written_bill_form(house: ParsedSchedule) -> None:
    hearing = by_key(house)["house:2026-03-10:education-finance"]
    agenda = (
        AgendaItemRecord(1, None, None, "I. Call to order"),
        AgendaItemRecord(2, HF, 2, "II. HF 2 (Bennett) Read Act modified."),
        AgendaItemRecord(
            3, HF, 409, "III. H.F. No. 409 (Kresha) School district levy authority modified."
        ),
        AgendaItemRecord(4, HF, 1034, "IV. H. F. 1034 (Youakim) Teacher license fees."),
        AgendaItemRecord(5, HF, 54, "V. HF0054 (Clardy); Student support personnel aid."),
        AgendaItemRecord(
            6,
            HF,
            2925,
            "VI. HF 2925/SF 3281 (Youakim) Special education transportation.",
            ((SF, 3281),),
        ),
        AgendaItemRecord(
            7, HF, 5, "VII. H.F. 5 (Bakeberg) Unemployment insurance for hourly school workers."
        ),
        AgendaItemRecord(
            8,
            None,
            None,
            "Bills may be taken up in any order. Testimony limited to 3 minutes; "
            "handouts due by 5:00 PM the day before.",
        ),
        # From the "Bills Added" links: HF 2 is already on the agenda, HF 12 is not.
        AgendaItemRecord(
            9, HF, 12, "HF12 (Hill) - Paraprofessional training requirements modified."
        ),
    )
    assert (
        hearing
        == HearingRecord(
            source_key="house:2026-03-10:education-finance",
            chamber=MeetingChamber.HOUSE,
            committee="Education Finance",
            starts_at=central(2026, 3, 10, 13, 0),
            listed_by=Chamber.HOUSE,
            url="https://www.house.mn.gov/committees/home/94005",
            committee_id="94005",
            time_tba=False,
            location="Capitol 120",
            chair="Ron Kresha",  # the first co-chair
            gavel="Cheryl Youakim",  # the co-chair who "holds the gavel"
            status=HearingStatus.SCHEDULED,
            notes="\n".join(item.text for item in agenda[:8]),
            agenda=agenda,
        )
    )
    assert hearing.bills == (
        (HF, 2), (HF, 409), (HF, 1034), (HF, 54), (HF, 2925), (SF, 3281), (HF, 5), (HF, 12)
    )  # fmt: skip


def test_times_are_central_on_both_sides_of_the_dst_switch(house: ParsedSchedule) -> None:
    before = by_key(house)["house:2026-03-05:education-finance"]
    after = by_key(house)["house:2026-03-10:education-finance"]
    assert before.starts_at.utcoffset() == timedelta(hours=-6)  # CST
    assert after.starts_at.utcoffset() == timedelta(hours=-5)  # CDT since 2026-03-08
    assert after.starts_at.isoformat() == "2026-03-10T13:00:00-05:00"
    assert before.chair == "Ron Kresha"


def test_house_floor_session_canceled_time_changed_and_tba(house: ParsedSchedule) -> None:
    hearings = by_key(house)
    floor = hearings["house:2026-03-09:house-floor-session"]
    assert (floor.committee, floor.committee_id, floor.location, floor.url) == (
        "House Floor Session",
        "",
        "House Chamber",
        HOUSE_URL,
    )
    canceled = hearings["house:2026-03-11:education-policy"]
    assert (canceled.status, canceled.chair, canceled.bills) == (
        HearingStatus.CANCELED,
        "Peggy Bennett",
        (),
    )
    taxes = hearings["house:2026-03-12:taxes"]
    assert taxes.status is HearingStatus.TIME_CHANGED and taxes.bills == ((HF, 12),)
    tba = hearings["house:2026-03-13:ways-and-means"]
    assert tba.time_tba and tba.starts_at == central(2026, 3, 13, 0, 0)


def test_an_agenda_without_bills(house: ParsedSchedule) -> None:
    hearing = by_key(house)["house:2026-03-10:education-policy"]
    assert hearing.agenda == (
        AgendaItemRecord(
            1, None, None, "I. Overview of the Department of Education's literacy report"
        ),
        AgendaItemRecord(2, None, None, "II. Public testimony"),
    )
    assert hearing.bills == () and hearing.chair == "Peggy Bennett"  # first co-chair


def card(committee: str, when: str, body: str = "", *, joint: bool = False) -> str:
    header = "bg-joint" if joint else "bg-house"
    return (
        f"<div class='card my-2 d-print-block'><div class='card-header {header}'>"
        f"<h3><a class='text-white' href='/committees/home/94040'><b>{committee}</b></a></h3>"
        f"<span class='text-white'>{when}</span></div><div class='card-body'>{body}</div></div>"
    )


def house_page(*cards: str) -> ParsedSchedule:
    html = f"<html><body><h1>Currently Posted Meetings</h1>{''.join(cards)}</body></html>"
    return parse_house_schedule(html, url=HOUSE_URL)


HIGHER_ED = "Higher Education Finance and Policy"


def test_a_committee_meeting_twice_a_day_is_two_hearings() -> None:
    # Higher Education Finance and Policy met at 1:00 PM and 6:00 PM on March 18, 2025.
    evening = card(HIGHER_ED, "6:00 PM Tuesday, March 18, 2025")
    afternoon = card(HIGHER_ED, "1:00 PM Tuesday, March 18, 2025")
    parsed = house_page(evening, afternoon)
    assert [(h.source_key, h.starts_at.hour) for h in parsed.hearings] == [
        ("house:2025-03-18:higher-education-finance-and-policy:2", 18),
        ("house:2025-03-18:higher-education-finance-and-policy", 13),
    ]
    # The afternoon meeting moved to 2:30: the same two keys, the time changed.
    moved = house_page(afternoon.replace("1:00 PM", "2:30 PM"), evening)
    assert {h.source_key: h.starts_at.hour for h in moved.hearings} == {
        "house:2025-03-18:higher-education-finance-and-policy": 14,
        "house:2025-03-18:higher-education-finance-and-policy:2": 18,
    }


def test_two_floor_sessions_on_one_day() -> None:
    floor = (
        "<div class='card my-2 d-print-block'><div class='card-header bg-house'>"
        "<h3>Floor Session</h3><span class='text-white'>{} Thursday, May 19, 2016</span></div>"
        "<div class='card-body'><b>Location:</b> House Chamber</div></div>"
    )
    parsed = house_page(floor.format("9:00 AM"), floor.format("1:00 PM"))
    assert [h.source_key for h in parsed.hearings] == [
        "house:2016-05-19:house-floor-session",
        "house:2016-05-19:house-floor-session:2",
    ]


def test_a_joint_meeting_has_one_key_whatever_the_order_of_its_committees() -> None:
    one = house_page(card("Education Policy and Education Finance", "8:30 AM March 12, 2026",
                          joint=True))  # fmt: skip
    event = {
        "committee": {"committee_name": "Joint Education Finance and Education Policy"},
        "hearing_start": "2026-03-12 08:30:00",
    }
    other = parse_senate_schedule(json.dumps({"events": [event]}), url=SENATE_URL)
    assert (
        one.hearings[0].source_key
        == other.hearings[0].source_key
        == ("joint:2026-03-12:education-finance-education-policy")
    )


def test_twelve_am_on_the_house_list_is_a_time_to_be_announced() -> None:
    # "(12:00 AM) 3/3/2026 Children and Families Finance and Policy" on /Schedules/All.
    (hearing,) = house_page(card("Children and Families Finance and Policy",
                                 "12:00 AM Tuesday, March 3, 2026")).hearings  # fmt: skip
    assert hearing.time_tba and hearing.starts_at == central(2026, 3, 3, 0, 0)


@pytest.mark.parametrize(
    ("agenda", "gavel"),
    [
        ("<b>Agenda:</b><div>Senator Dibble holds the gavel.<br>S.F. 3045</div>", "Dibble"),
        ("<b>Agenda:</b><div>The Senate has the gavel<br>HF 5</div>", "Senate"),
        ("<b>Agenda:</b><div>Senate has the gavel.</div>", "Senate"),
        ("<b>Chair:</b> Rep. Ron Kresha<br><b>Agenda:</b><div>HF 5</div>", ""),
    ],
)
def test_who_holds_the_gavel_is_kept_apart_from_the_chair(agenda: str, gavel: str) -> None:
    body = "<b>Chair:</b> Rep. Ron Kresha<br>" + agenda
    (hearing,) = house_page(card("Conference Committee on S.F. 3045", "10:00 AM May 8, 2026",
                                 body)).hearings  # fmt: skip
    assert (hearing.chair, hearing.gavel) == ("Ron Kresha", gavel)


@pytest.mark.parametrize(
    ("html", "missing"),
    [
        # The cards' markup changed: the summary list still shows the meetings.
        ((FILES / "mn_hearings_house_all.html").read_text(encoding="utf-8")
         .replace("d-print-block", "print-card"), "meeting cards (the page shows meetings: 7"),
        ("<html><body><div class='meeting'><b>Location:</b> Capitol 120</div></body></html>",
         "meeting cards (the page shows meetings: 1"),
        ("", "the page (empty)"),
        ("<html><body><h1>Currently Posted Meetings</h1><p>No meetings.</p></body></html>", ""),
    ],
)  # fmt: skip
def test_a_page_that_shows_meetings_but_no_cards_is_missing_them(html: str, missing: str) -> None:
    parsed = parse_house_schedule(html, url=HOUSE_URL)
    assert parsed.hearings == [] and parsed.missing.startswith(missing)
    assert bool(parsed.missing) is bool(missing)


def test_a_card_without_a_date_uses_the_page_date() -> None:
    html = (
        "<html><body><h2>Tuesday, March 10, 2026</h2>"
        "<div class='card my-2 d-print-block'><div class='card-header bg-house'>"
        "<h3><a class='text-white' href='/committees/home/94006'><b>Education Policy</b></a></h3>"
        "<span class='text-white'>3:00 PM</span></div></div></body></html>"
    )
    (hearing,) = parse_house_schedule(
        html, url="https://www.house.mn.gov/Schedules/03102026"
    ).hearings
    assert hearing.starts_at == central(2026, 3, 10, 15, 0)
    assert hearing.url == "https://www.house.mn.gov/committees/home/94006"


# -- Senate ------------------------------------------------------------------------------


def test_senate_hearing_fields(senate: ParsedSchedule) -> None:
    assert by_key(senate)["senate:s_19901"] == HearingRecord(
        source_key="senate:s_19901",
        chamber=MeetingChamber.SENATE,
        committee="Education Finance",
        starts_at=central(2026, 3, 10, 8, 30),
        listed_by=Chamber.SENATE,
        url="https://www.leg.mn.gov/cal?d1=03%2F10%2F2026&mtgid=s_19901&type=single",
        committee_id="3119",
        location="1150 Minnesota Senate Bldg.",
        chair="Mary K. Kunesh",
        status=HearingStatus.SCHEDULED,
        notes="",
        agenda=(
            AgendaItemRecord(
                1, SF, 1197, "S.F. 1197 Kunesh Suicide prevention curriculum appropriation"
            ),
            AgendaItemRecord(
                2, SF, 8, "S.F. 8/H.F. 2 Maye Quade Read Act modifications", ((HF, 2),)
            ),
            AgendaItemRecord(
                3, None, None, "Overview of the Governor's E-12 budget recommendations"
            ),
        ),
    )


def test_senate_statuses_floor_tba_and_skipped_entries(senate: ParsedSchedule) -> None:
    hearings = by_key(senate)
    policy = hearings["senate:s_19915"]
    assert policy.status is HearingStatus.AGENDA_CHANGED
    assert policy.bills == ((SF, 1832), (SF, 2483)) and policy.agenda[1].text == ""
    taxes = hearings["senate:2026-03-11:taxes"]
    assert (taxes.status, taxes.committee_id, taxes.url) == (
        HearingStatus.CANCELED,
        "3128",
        "https://www.senate.mn/committees/committee_bio.html?cmte_id=3128&ls=94",
    )
    floor = hearings["senate:2026-03-12:senate-floor-session"]
    assert (floor.committee, floor.location, floor.url) == (
        "Senate Floor Session",
        "Senate Chamber Capitol",
        SENATE_URL,
    )
    tba = hearings["senate:2026-03-13:education-finance"]
    assert tba.time_tba and tba.status is HearingStatus.RESCHEDULED
    assert senate.skipped == [
        f"event 7 at {SENATE_URL}: unreadable hearing_start '' (Higher Education)",
        f"event 8 at {SENATE_URL}: an event is a str, not an object",
    ]


def test_a_joint_meeting_gets_one_key_from_both_chambers(
    house: ParsedSchedule, senate: ParsedSchedule
) -> None:
    key = "joint:2026-03-12:education-finance"
    from_house, from_senate = by_key(house)[key], by_key(senate)[key]
    assert from_house.chamber is from_senate.chamber is MeetingChamber.JOINT
    assert (from_house.listed_by, from_senate.listed_by) == (Chamber.HOUSE, Chamber.SENATE)
    assert from_house.starts_at == from_senate.starts_at == central(2026, 3, 12, 8, 30)


@pytest.mark.parametrize("body", ["", "[1, 2]", '{"events": "none"}', "<html>Server busy</html>"])
def test_an_unreadable_senate_schedule_is_an_error(body: str) -> None:
    with pytest.raises(ScheduleError):
        parse_senate_schedule(body, url=SENATE_URL)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1:00 PM Tuesday, March 10, 2026", (13, 0)),
        ("8:15 a.m.", (8, 15)),
        ("12:30 PM", (12, 30)),
        ("12:00 AM", (0, 0)),
        ("10 AM", (10, 0)),
        ("Noon", (12, 0)),
        ("TBA Friday, March 13, 2026", None),
        ("13:75 PM", None),
    ],
)
def test_parse_clock(text: str, expected: tuple[int, int] | None) -> None:
    assert parse_clock(text) == expected


def test_parse_day() -> None:
    assert parse_day("1:00 PM Tuesday, March 10, 2026") == date(2026, 3, 10)
    assert parse_day("(1:00 PM) 3/25/2025") == date(2025, 3, 25)
    assert parse_day("2026-03-13") == date(2026, 3, 13)
    assert parse_day("February 30, 2026") is None and parse_day("soon") is None


# -- the spider ----------------------------------------------------------------------------


def make_spider(**kwargs: str) -> MnHearingsSpider:
    crawler = get_crawler(
        MnHearingsSpider,
        settings_dict={
            "TRACKER_HOUSE_URL": "http://127.0.0.1:9/h",
            "TRACKER_SENATE_URL": "http://127.0.0.1:9/s/",
        },
    )
    spider = MnHearingsSpider.from_crawler(crawler, **kwargs)
    crawler.spider = spider
    return spider


async def _collect(spider: MnHearingsSpider) -> list[str]:
    return [request.url async for request in spider.start()]


def test_start_urls_come_from_the_base_url_settings() -> None:
    assert asyncio.run(_collect(make_spider())) == [
        "http://127.0.0.1:9/h/Schedules/All",
        "http://127.0.0.1:9/s/api/schedule/upcoming",
    ]
    window = make_spider(start="2026-03-09", days="3")
    assert window.crawl_args() == {"start": "2026-03-09", "days": 3}
    assert asyncio.run(_collect(window)) == [
        "http://127.0.0.1:9/h/Schedules/03092026",
        "http://127.0.0.1:9/h/Schedules/03102026",
        "http://127.0.0.1:9/h/Schedules/03112026",
        "http://127.0.0.1:9/s/api/schedule/upcoming",
    ]


def test_parse_window() -> None:
    today = date(2026, 3, 9)
    assert parse_window("", "", today=today) is None
    assert parse_window("", "5", today=today) == (today, date(2026, 3, 13))
    assert parse_window("2026-03-10", "", today=today) == (date(2026, 3, 10), date(2026, 3, 16))
    with pytest.raises(ValueError, match="days must be"):
        parse_window("", "90", today=today)


def test_callbacks_count_malformed_entries_and_filter_the_window() -> None:
    spider = make_spider(start="2026-03-10", days="1")
    house = list(spider.parse_house(file_response("mn_hearings_house_all.html", HOUSE_URL)))
    assert {h.starts_at.date() for h in house} == {date(2026, 3, 10)} and len(house) == 2
    senate = list(
        spider.parse_senate(file_response("mn_hearings_senate_upcoming.json", SENATE_URL))
    )
    assert [h.source_key for h in senate] == ["senate:s_19901"]
    stats = spider.crawler.stats
    assert stats.get_value("mn_hearings/house_malformed") == 1
    assert stats.get_value("mn_hearings/senate_malformed") == 2
    assert stats.get_value("mn_hearings/house_hearings") == 2


def test_an_unreadable_senate_response_is_counted() -> None:
    spider = make_spider()
    broken = file_response("mn_hearings_house_all.html", SENATE_URL)  # HTML, not JSON
    assert list(spider.parse_senate(broken)) == []
    assert spider.crawler.stats.get_value("mn_hearings/senate_unreadable") == 1


# -- end to end ------------------------------------------------------------------------------


def test_the_spider_crawls_both_schedules_from_the_replay_server(tmp_path: Path) -> None:
    house_root, senate_root = tmp_path / "h", tmp_path / "s"
    (house_root / "house/Schedules").mkdir(parents=True)
    (senate_root / "senate/api/schedule").mkdir(parents=True)
    shutil.copy(FILES / "mn_hearings_house_all.html", house_root / "house/Schedules/All.html")
    shutil.copy(
        FILES / "mn_hearings_senate_upcoming.json",
        senate_root / "senate/api/schedule/upcoming.json",
    )
    # One server per site: both sites answer some of the same paths (/committees).
    with ReplayServer(house_root) as house_site, ReplayServer(senate_root) as senate_site:
        result = crawl(
            "mn_hearings",
            {"TRACKER_HOUSE_URL": house_site.url, "TRACKER_SENATE_URL": senate_site.url},
            tmp_path / "items.pickle",
        )
        assert list(house_site.paths_requested()) == ["/robots.txt", "/Schedules/All"]
        assert list(senate_site.paths_requested()) == ["/robots.txt", "/api/schedule/upcoming"]
    items: list[HearingRecord] = result["items"]
    assert all(isinstance(item, HearingRecord) for item in items)
    assert len(items) == 8 + 6
    keys = [item.source_key for item in items]
    assert keys.count("joint:2026-03-12:education-finance") == 2
    assert len(set(keys)) == 13  # the joint meeting once, the store keeps one
    assert all(item.starts_at.tzinfo == CENTRAL for item in items)
    stats = result["stats"]
    assert (stats["mn_hearings/house_malformed"], stats["mn_hearings/senate_malformed"]) == (1, 2)
    assert stats["item_scraped_count"] == 14 and stats["finish_reason"] == "finished"
