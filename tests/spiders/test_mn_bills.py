"""mn_bills on saved responses: fields, URLs built from settings, quirks, bad input."""

from __future__ import annotations

import asyncio
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from lxml import etree
from scrapy import Request
from scrapy.utils.test import get_crawler

from spiders.mn_bills import BACKLOG_PRIORITY, TEXT_PRIORITY, MnBillsSpider, search_url
from spiders.parsing.arguments import parse_bill_list
from spiders.parsing.listing import (
    ListedBill,
    ListingUnreadable,
    parse_results_page,
    parse_search_xml,
)
from spiders.parsing.revisor import BillXmlError, parse_bill_text, parse_bill_xml
from tests.conftest import FILES, file_response
from tests.spiders.replay_crawl import crawl
from tracker import store
from tracker.db import make_engine, session_scope
from tracker.demo.replay import ReplayServer
from tracker.records.bills import BillKey, BillRecord, BillTextRecord
from tracker.rules.sessions import parse_session
from tracker.store import Baseline, KnownBill
from tracker.store.versions import VersionTexts, VersionToRead
from tracker.vocab import BillType, Chamber, StatuteChange

API = "https://api.revisor.mn.gov/bills/v1/94/2025/0/"


def parse_file(name: str, url: str = API + "HF/2136/") -> BillRecord:
    return parse_bill_xml((FILES / name).read_bytes(), url=url)


def parse_text_file(key: BillKey, version_name: str) -> BillTextRecord:
    """The saved text page (HF 409's introduction), read as `key`'s `version_name`."""
    body = (FILES / "mn_bills_text_HF409_0.html").read_bytes()
    return parse_bill_text(body, key=key, version_name=version_name, url="http://x/")


def test_hf2136_fields() -> None:
    bill = parse_file("mn_bills_HF2136.xml")
    assert bill.key == BillKey(94, 0, BillType.HF, 2136)
    assert (bill.year_introduced, bill.year_start, bill.year_end) == (2025, 2025, 2026)
    assert bill.revisor_number == "25-04304"
    assert bill.description.startswith("Grant funding provided for forensic interview")
    assert bill.companion == (BillType.SF, 2551)
    assert [(a.chamber, a.position, a.name, a.legislator_key) for a in bill.authors] == [
        (Chamber.HOUSE, 0, "Johnson, P.", "15636"),
        (Chamber.HOUSE, 1, "Virnig", "15625"),
        (Chamber.HOUSE, 2, "Duran", "15629"),
        (Chamber.HOUSE, 3, "Zeleznikar", "15624"),
    ]
    first, report = bill.actions[0], bill.actions[4]
    assert (first.action_date, first.journal_page, first.committee_id, first.committee_name) == (
        date(2025, 3, 10),
        "641",
        "94003",
        "Children and Families Finance and Policy",
    )
    assert report.text == "Committee report, to adopt and re-refer to"
    assert bill.actions[1].description == "Virnig"
    assert [v.name for v in bill.versions] == ["2025.0-HF2136-0"]
    assert bill.versions[0].label == "Introduction" and bill.versions[0].official
    assert bill.problems == ()


def test_sf1832_lower_case_chamber_tags_roll_calls_blank_dates_and_versions() -> None:
    bill = parse_file("mn_bills_SF1832.xml", API + "SF/1832/")
    house = [a for a in bill.actions if a.chamber is Chamber.HOUSE]
    senate = [a for a in bill.actions if a.chamber is Chamber.SENATE]
    assert (len(house), len(senate)) == (12, 17)
    assert [a.action_number for a in senate][:3] == [1, 2, 3]  # numbering restarts per chamber
    passed = next(a for a in house if a.text == "Bill was passed as amended")
    assert (passed.roll_call, passed.journal_page) == ("115-19", "3477")
    assert senate[2].journal_page == "1798a"
    assert (
        senate[1].journal_page == "" and senate[1].committee_name == "Jobs and Economic Development"
    )
    assert senate[15].action_date is None and senate[16].text == "Laid on table"
    assert house[4].description == "Friday, May 9, 2025"
    assert [a.name for a in bill.authors] == ["Champion", "Pinto"]
    latest = bill.latest_version
    assert latest is not None and latest.name == "2025.0-UES1832-2"
    assert (latest.official, latest.engrossment, latest.label) == (
        False,
        2,
        "2nd Unofficial Engrossment",
    )
    assert latest.html_url.endswith("/SF/1832/versions/ue/2/")


def test_quirks_are_tolerated_and_reported() -> None:
    bill = parse_file("mn_bills_quirks.xml", API.replace("2025", "2026") + "HF/9001/")
    assert bill.key == BillKey(94, 0, BillType.HF, 9001) and bill.year_introduced == 2026
    assert bill.authors[0].name == "Pérez-Vega"  # UTF-8, not "PÃ©rez-Vega"
    assert bill.authors[1].legislator_key is None
    assert {a.chamber for a in bill.authors} == {Chamber.HOUSE, Chamber.SENATE}
    assert bill.versions == () and bill.latest_version is None
    effective = next(a for a in bill.actions if a.text == "Effective date")
    assert effective.description == "05/27/226" and effective.action_date is None
    bogus = next(a for a in bill.actions if a.text == "Bogus action")
    assert bogus.action_date is None
    assert bill.problems == ("senate action 5: unreadable date '13/45/2026'",)


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (b"", "malformed"),
        ((FILES / "mn_bills_truncated.xml").read_bytes(), "malformed"),
        (b"<html><body>Service unavailable</body></html>", "invalid"),
        (b"<BILL><SESSION_NUMBER>94</SESSION_NUMBER></BILL>", "invalid"),
        (
            b"<BILL><SESSION_NUMBER>94</SESSION_NUMBER><SESSION_YEAR>2025</SESSION_YEAR>"
            b"<SESSION_TYPE>0</SESSION_TYPE><FILE_TYPE>XX</FILE_TYPE><FILE_NUMBER>1</FILE_NUMBER>"
            b"</BILL>",
            "invalid",
        ),
    ],
)
def test_unreadable_status_responses_raise_a_clear_error(body: bytes, kind: str) -> None:
    with pytest.raises(BillXmlError) as raised:
        parse_bill_xml(body, url="http://127.0.0.1/bills/v1/x/")
    assert raised.value.kind == kind and str(raised.value)


def test_missing_key_fields_fall_back_to_the_status_url() -> None:
    body = (
        b"<BILL><DESCRIPTION>Only a description</DESCRIPTION>"
        b"<AUTHORS><senate><AUTHOR><MEMBER_NAME>Kunesh</MEMBER_NAME></AUTHOR></senate></AUTHORS>"
        b"<ACTIONS><senate><ACTION><ACTION_TEXT>Introduction and first reading</ACTION_TEXT>"
        b"</ACTION></senate></ACTIONS></BILL>"
    )
    bill = parse_bill_xml(body, url=API + "SF/12/")
    assert bill.key == BillKey(94, 0, BillType.SF, 12) and bill.year_introduced == 2025


HF2136_XML = (FILES / "mn_bills_HF2136.xml").read_bytes()


@pytest.mark.parametrize(
    ("xpath", "renamed", "field"),
    [
        # A container every real bill has, renamed or gone: invalid, never "no actions".
        ("/BILL/ACTIONS", "BILL_ACTIONS", "ACTIONS"),
        ("/BILL/AUTHORS", "SPONSORS", "AUTHORS"),
        ("/BILL/ACTIONS/HOUSE", "CHAMBER_H", "ACTIONS/CHAMBER_H"),
        ("//ACTION", "ITEM", "ACTIONS/HOUSE/ITEM"),
        ("//ACTION_TEXT", "TEXT", "ACTION_TEXT"),
        ("//MEMBER_NAME", "NAME", "MEMBER_NAME"),
        ("//DOCUMENT", "DOC", "TEXT_VERSION_LIST/DOC"),
        ("//DOCUMENT_NAME", "NAME", "DOCUMENT_NAME"),
        ("/BILL", "BILL_STATUS", "root"),
    ],
)
def test_a_renamed_container_is_invalid_with_its_field(
    xpath: str, renamed: str, field: str
) -> None:
    root = etree.fromstring(HF2136_XML)
    for element in root.xpath(xpath):
        element.tag = renamed
    with pytest.raises(BillXmlError) as raised:
        parse_bill_xml(etree.tostring(root), url=API + "HF/2136/")
    assert (raised.value.kind, raised.value.field) == ("invalid", field)


def test_an_empty_action_block_is_not_a_bill_without_history() -> None:
    body = HF2136_XML.split(b"<ACTIONS>")[0] + b"<ACTIONS><HOUSE></HOUSE></ACTIONS></BILL>"
    with pytest.raises(BillXmlError, match="no ACTION under ACTIONS"):
        parse_bill_xml(body, url=API + "HF/2136/")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b"<SEARCH_RESULTS><BILL_RESULT><FILE_TYPE>HF</FILE_TYPE><FILE_NUMBER>2</FILE_NUMBER>"
         b"<STATUS_URI>api.revisor.mn.gov/bills/v1/94/2025/0/HF/2/</STATUS_URI></BILL_RESULT>"
         b"</SEARCH_RESULTS>", "STATUS_XML_URI"),
        (b"<SEARCH_RESULTS><RESULT><STATUS_XML_URI>api.revisor.mn.gov/bills/v1/94/2025/0/HF/2/"
         b"</STATUS_XML_URI></RESULT></SEARCH_RESULTS>", "result"),
        (b"<RESULTS></RESULTS>", "root"),
    ],
)  # fmt: skip
def test_a_listing_without_status_uris_is_invalid_not_empty(body: bytes, field: str) -> None:
    with pytest.raises(BillXmlError) as raised:
        parse_search_xml(body)
    assert (raised.value.kind, raised.value.field) == ("invalid", field)


def test_search_results() -> None:
    listed = parse_search_xml((FILES / "mn_bills_search_house_1-500.xml").read_bytes())
    assert listed == [
        ListedBill(BillType.HF, 2, "api.revisor.mn.gov/bills/v1/94/2025/0/HF/2/", 2025, 0),
        ListedBill(BillType.HF, 409, "api.revisor.mn.gov/bills/v1/94/2025/0/HF/409/", 2025, 0),
    ]
    assert parse_search_xml((FILES / "mn_bills_search_empty.xml").read_bytes()) == []


def test_search_urls_are_built_from_the_configured_base_url() -> None:
    url = search_url("http://127.0.0.1:8001", parse_session("2025s1"), BillType.SR, 501, 1000)
    assert url.startswith("http://127.0.0.1:8001/bills/status_result.php?body=Senate&search=basic")
    assert "session=1942025" in url and "bill=501-1000" in url and "bill_type=resolution" in url
    assert url.endswith("&format=xml")
    html = search_url("http://x", parse_session("2025-2026"), BillType.HF, 1, 500, xml=False)
    assert "format" not in html and "bill_type=bill" in html


def test_bill_list_argument() -> None:
    assert parse_bill_list("HF5, sf1832,H.F. No. 7") == [
        (BillType.HF, 5),
        (BillType.SF, 1832),
        (BillType.HF, 7),
    ]
    with pytest.raises(ValueError, match="not a bill number"):
        parse_bill_list("HF5,budget")


def test_bill_text_title_statutes_and_clean_text() -> None:
    text = parse_text_file(BillKey(94, 0, BillType.HF, 409), "2025.0-HF409-0")
    assert text.title.startswith("A bill for an act relating to education finance; increasing")
    assert {(s.section, s.subdivision, s.change) for s in text.statutes} == {
        ("126C.10", "2e", StatuteChange.AMENDED),
        ("126C", "", StatuteChange.NEW_CODING),
        ("126C.105", "", StatuteChange.NEW_CODING),
        ("126C.10", "2f", StatuteChange.REPEALED),
    }
    assert "$424" in text.text and "$300" not in text.text  # deleted language is dropped
    assert "new text begin" not in text.text  # screen-reader spans are not text
    assert "“the district’s”" in text.text and "§ 126C.10" in text.text


def test_text_page_without_a_title_is_an_error() -> None:
    with pytest.raises(ValueError, match="bill_title"):
        parse_bill_text(
            b"<html><body><p>Server busy</p></body></html>",
            key=BillKey(94, 0, BillType.HF, 1),
            version_name="v",
            url="http://x/",
        )


# -- the spider's callbacks -------------------------------------------------------------


def make_spider(**kwargs: str) -> MnBillsSpider:
    crawler = get_crawler(
        MnBillsSpider,
        settings_dict={
            "TRACKER_REVISOR_URL": "http://127.0.0.1:9",
            "TRACKER_REVISOR_API_URL": "http://127.0.0.1:9",
        },
    )
    spider = MnBillsSpider.from_crawler(crawler, **kwargs)
    crawler.spider = spider
    return spider


def test_search_callback_requests_each_bill_and_the_next_range() -> None:
    spider = make_spider(session="2025-2026")
    response = file_response("mn_bills_search_house_1-500.xml", meta={"download_slot": "revisor"})
    out = list(spider.parse_listing_xml(response, bill_type=BillType.HF, first=1))
    assert [r.url for r in out] == [
        "http://127.0.0.1:9/bills/v1/94/2025/0/HF/2/",
        "http://127.0.0.1:9/bills/v1/94/2025/0/HF/409/",
        "http://127.0.0.1:9/bills/status_result.php?body=House&search=basic&session=0942025"
        "&location=House&bill=501-1000&bill_type=bill&rev_number=&submit_bill=GO"
        "&keyword_type=all&keyword=&keyword_field_text=1&titleword=&format=xml",
    ]
    assert all(r.meta["download_slot"] == "revisor" for r in out)
    assert out[-1].priority > out[0].priority  # the listing goes before the bills


def test_an_empty_range_past_the_evidence_ends_the_listing() -> None:
    spider = make_spider()
    empty = file_response("mn_bills_search_empty.xml")
    assert list(spider.parse_listing_xml(empty, bill_type=BillType.SR, first=1)) == []
    assert spider.listing_ended == {BillType.SR: 1}


def test_an_empty_range_below_what_the_store_knows_does_not_end_it() -> None:
    spider = make_spider()
    spider.take_baseline(Baseline(highest={BillType.SF: 1210}))
    empty = file_response("mn_bills_search_empty.xml")
    (following,) = spider.parse_listing_xml(empty, bill_type=BillType.SF, first=501)
    assert "bill=1001-1500" in following.url
    assert list(spider.parse_listing_xml(empty, bill_type=BillType.SF, first=1001)) == []


def test_a_companion_past_the_end_reopens_the_listing() -> None:
    spider = make_spider(session="2025-2026")
    empty = file_response("mn_bills_search_empty.xml")
    list(spider.parse_listing_xml(empty, bill_type=BillType.HF, first=501))
    assert spider.listing_ended == {BillType.HF: 501}
    out = list(spider.parse_status(file_response("mn_bills_SF1832.xml", API + "SF/1832/")))
    # SF 1832 names HF 2440 as its companion: the House listing goes on from 1001.
    reopened = [r for r in out if isinstance(r, Request) and "status_result" in r.url]
    assert len(reopened) == 1 and "bill=1001-1500" in reopened[0].url
    assert BillType.HF not in spider.listing_ended


def test_status_callback_yields_the_bill_then_every_version_text_latest_first() -> None:
    spider = make_spider(session="2025-2026")
    assert spider.baseline.versions.read == {}  # without the store pipeline every text is new
    out = list(spider.parse_status(file_response("mn_bills_SF1832.xml", API + "SF/1832/")))
    bill, *texts = (o for o in out if "status_result" not in getattr(o, "url", ""))
    assert isinstance(bill, BillRecord) and len(bill.versions) == 7
    assert all(isinstance(text, Request) for text in texts)
    latest, *older = texts
    assert latest.url == "http://127.0.0.1:9/bills/94/2025/0/SF/1832/versions/ue/2/"
    assert latest.cb_kwargs["version_name"] == "2025.0-UES1832-2"
    assert latest.priority == TEXT_PRIORITY
    assert [t.cb_kwargs["version_name"] for t in older] == [
        v.name for v in bill.versions if v.name != "2025.0-UES1832-2"
    ]
    assert {t.priority for t in older} == {BACKLOG_PRIORITY}
    again = list(spider.parse_status(file_response("mn_bills_SF1832.xml", API + "SF/1832/")))
    assert [o for o in again if isinstance(o, Request)] == [], "never asked twice in a crawl"


def test_stored_texts_are_not_fetched_again_and_new_versions_are() -> None:
    spider = make_spider()
    stored = frozenset({"2025.0-UES1832-2", "2025.0-SF1832-0", "2025.0-SF1832-1"})
    spider.take_baseline(
        Baseline(
            bills={"94-0-SF-1832": KnownBill("", None, None)},
            highest={BillType.HF: 3000},
            versions=VersionTexts({"94-0-SF-1832": stored}, ()),
        )
    )
    out = list(spider.parse_status(file_response("mn_bills_SF1832.xml", API + "SF/1832/")))
    assert isinstance(out[0], BillRecord)
    asked = [r.cb_kwargs["version_name"] for r in out[1:]]
    assert len(asked) == 4 and not stored & set(asked)


def test_versions_whose_page_failed_lately_wait_the_latest_too() -> None:
    spider = make_spider()
    failed = frozenset({"2025.0-UES1832-2", "2025.0-SF1832-0"})
    spider.take_baseline(
        Baseline(
            bills={"94-0-SF-1832": KnownBill("", None, None)},
            highest={BillType.HF: 3000},
            versions=VersionTexts({}, (), waiting={"94-0-SF-1832": failed}),
        )
    )
    out = list(spider.parse_status(file_response("mn_bills_SF1832.xml", API + "SF/1832/")))
    asked = [r.cb_kwargs["version_name"] for r in out[1:]]
    assert len(asked) == 5 and not failed & set(asked)


def test_the_backlog_of_versions_without_text_is_asked_for_up_to_the_limit() -> None:
    crawler = get_crawler(
        MnBillsSpider,
        settings_dict={
            "TRACKER_REVISOR_URL": "http://127.0.0.1:9",
            "TRACKER_REVISOR_API_URL": "http://127.0.0.1:9",
            "TRACKER_CRAWL_TEXT_BACKLOG": 2,
        },
    )
    spider = MnBillsSpider.from_crawler(crawler, session="2025-2026")
    crawler.spider = spider
    www = "https://www.revisor.mn.gov/bills/94/2025/0/HF/"
    backlog = tuple(
        VersionToRead(BillType.HF, n, f"2025.0-HF{n}-0", f"{www}{n}/versions/0/") for n in (5, 7, 9)
    )
    spider.take_baseline(Baseline(versions=VersionTexts({}, backlog)))

    async def requests() -> list[Request]:
        return [request async for request in spider.start()]

    out = asyncio.run(requests())
    texts = [r for r in out if "versions" in r.url]
    assert [r.url for r in texts] == [
        "http://127.0.0.1:9/bills/94/2025/0/HF/5/versions/0/",
        "http://127.0.0.1:9/bills/94/2025/0/HF/7/versions/0/",
    ]
    assert {r.priority for r in texts} == {BACKLOG_PRIORITY}
    assert len(out) == len(texts) + len(BillType), "one listing per bill type first"
    assert crawler.stats.get_value("mn_bills/text_backlog") == 3


def test_malformed_status_is_retried_once_then_counted() -> None:
    spider = make_spider()
    response = file_response("mn_bills_truncated.xml", API + "SF/1832/")
    retry = list(spider.parse_status(response))
    assert len(retry) == 1 and retry[0].meta["retry_times"] == 1 and retry[0].dont_filter
    again = file_response("mn_bills_truncated.xml", API + "SF/1832/", meta={"retry_times": 1})
    assert list(spider.parse_status(again)) == []
    assert spider.crawler.stats.get_value("mn_bills/malformed_xml") == 1
    assert spider.lost == {"https://api.revisor.mn.gov/bills/v1/94/2025/0/SF/1832/": (
        "malformed status XML: Couldn't find end of Start Tag COMMITTEE_NAME line 27, "
        "line 27, column 277 (<string>, line 27)"
    )}  # fmt: skip


def test_text_callback_yields_a_text_item() -> None:
    spider = make_spider()
    key = BillKey(94, 0, BillType.HF, 409)
    response = file_response("mn_bills_text_HF409_0.html", "http://127.0.0.1:9/x/")
    (item,) = spider.parse_text(response, key=key, version_name="2025.0-HF409-0")
    assert isinstance(item, BillTextRecord) and item.key == key


def test_arguments_and_defaults() -> None:
    spider = make_spider(session="2025s1", bills="SF1")
    assert spider.crawl_args() == {
        "session": "2025s1",
        "bills": ["SF1"],
        "refetch_text": False,
        "mode": "incremental",
    }
    assert make_spider().session_ref.special_session == 0
    assert make_spider(mode="full").crawl_args()["mode"] == "full"
    with pytest.raises(ValueError, match="unknown session"):
        make_spider(session="last year")
    with pytest.raises(ValueError, match="'sometimes' is not a valid CrawlMode"):
        make_spider(mode="sometimes")


# -- the versions already stored, handed in by the store pipeline ---------------------------

HF2136_TEXT = "/bills/94/2025/0/HF/2136/versions/0/"


def serve_hf2136(root: Path) -> Path:
    """HF 2136's status and its one text version, as the replay server serves them."""
    status = root / "api/bills/v1/94/2025/0/HF/2136.xml"
    status.parent.mkdir(parents=True)
    shutil.copy(FILES / "mn_bills_HF2136.xml", status)
    text = root / "www/bills/94/2025/0/HF/2136/versions/0.html"
    text.parent.mkdir(parents=True)
    shutil.copy(FILES / "mn_bills_text_HF409_0.html", text)
    return root


def replay_env(server: ReplayServer, database_url: str) -> dict[str, str]:
    return {
        "TRACKER_DATABASE_URL": database_url,
        "TRACKER_REVISOR_URL": server.url,
        "TRACKER_REVISOR_API_URL": server.url,
    }


def test_the_store_pipeline_hands_over_the_stored_versions_before_the_first_request(
    tmp_path: Path, sqlite_url: str
) -> None:
    text = parse_text_file(BillKey(94, 0, BillType.HF, 2136), "2025.0-HF2136-0")
    now = datetime(2026, 3, 9, tzinfo=UTC)
    with session_scope(make_engine(sqlite_url)) as db:
        store.upsert_bill(db, record=parse_file("mn_bills_HF2136.xml"), now=now)
        store.record_bill_text(db, record=text, now=now)

    with ReplayServer(serve_hf2136(tmp_path / "sample")) as server:
        result = crawl(
            "mn_bills",
            replay_env(server, sqlite_url),
            tmp_path / "items.pickle",
            pipelines=True,
            session="2025-2026",
            bills="HF2136",
        )
        paths = list(server.paths_requested())

    # Scrapy 2.19 opens the item pipelines before it takes start()'s first request.
    assert "status_result.php" in result["first_request"]["url"]
    assert result["first_request"]["text_versions"] == {"94-0-HF-2136": ["2025.0-HF2136-0"]}
    assert "/bills/v1/94/2025/0/HF/2136/" in paths and HF2136_TEXT not in paths
    assert result["stats"]["item_scraped_count"] == 1  # the bill, not its text again


def test_without_the_store_pipeline_every_text_is_fetched(tmp_path: Path) -> None:
    nowhere = tmp_path / "no database" / "tracker.db"
    with ReplayServer(serve_hf2136(tmp_path / "sample")) as server:
        result = crawl(
            "mn_bills",
            replay_env(server, f"sqlite:///{nowhere}"),
            tmp_path / "items.pickle",
            session="2025-2026",
            bills="HF2136",
        )
        paths = list(server.paths_requested())
    assert result["first_request"]["text_versions"] == {}
    assert HF2136_TEXT in paths
    texts = [item for item in result["items"] if isinstance(item, BillTextRecord)]
    assert [t.version_name for t in texts] == ["2025.0-HF2136-0"]
    assert result["stats"]["finish_reason"] == "finished"
    assert not nowhere.parent.exists()  # the spider opened no database of its own


# -- the HTML results: which bills changed ----------------------------------------------


def test_html_results_give_each_bill_its_last_action_date_and_year() -> None:
    html = (FILES / "mn_bills_search_house_1-500.html").read_text(encoding="utf-8")
    listed = parse_results_page(html)
    assert [(b.bill_type, b.number, b.year, b.special_session) for b in listed] == [
        (BillType.HF, 2, 2025, 0),
        (BillType.HF, 409, 2025, 0),
        (BillType.HF, 471, 2026, 0),
    ]
    assert [b.last_action_on for b in listed] == [date(2025, 3, 10), date(2025, 4, 24), None]
    assert all(b.status_uri == "" for b in listed)


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html><body><p>No bills found.</p></body></html>",  # no results table
        "<html><body><table class='table'><tbody><tr><td>1</td><td>HF 2</td><td></td>"
        "<td>03/10/2025</td></tr></tbody></table></body></html>",  # no bill link
        "<html><body><table class='table'><tbody><tr><td>1</td><td><a href='x'>HF0002</a></td>"
        "<td></td><td>sometime</td></tr></tbody></table></body></html>",  # no date
    ],
)
def test_unreadable_html_results_are_not_an_empty_range(html: str) -> None:
    with pytest.raises(ListingUnreadable):
        parse_results_page(html)


def test_an_undated_listing_is_asked_again_as_xml() -> None:
    spider = make_spider(session="2025-2026")
    page = file_response("mn_hearings_house_all.html", "http://127.0.0.1:9/bills/status_result.php")
    (again,) = spider.parse_listing_html(page, bill_type=BillType.HF, first=501)
    assert again.url.endswith("&format=xml") and "bill=501-1000" in again.url
    assert spider.crawler.stats.get_value("mn_bills/listing_undated") == 1


def test_incremental_listing_fetches_only_what_changed() -> None:
    spider = make_spider(session="2025-2026")
    read = datetime(2025, 4, 1, 18, tzinfo=UTC)
    spider.take_baseline(
        Baseline(
            bills={
                "94-0-HF-2": KnownBill(API + "HF/2/", date(2025, 3, 10), read),
                "94-0-HF-409": KnownBill(API + "HF/409/", date(2025, 3, 20), read),
            },
            highest={BillType.HF: 409},
        )
    )
    page = file_response("mn_bills_search_house_1-500.html", "http://127.0.0.1:9/x")
    out = list(spider.parse_listing_html(page, bill_type=BillType.HF, first=1))
    assert [r.url for r in out] == [
        "http://127.0.0.1:9/bills/v1/94/2025/0/HF/409/",  # a new action since it was read
        "http://127.0.0.1:9/bills/v1/94/2026/0/HF/471/",  # new: its link gives the year
        out[-1].url,  # and the next range
    ]
    assert "bill=501-1000" in out[-1].url and "format" not in out[-1].url
    assert spider.crawler.stats.get_value("mn_bills/unchanged") == 1  # HF 2
