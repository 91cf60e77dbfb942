"""The page of what changed between two versions of a bill: version picker, the money first,
sections removed, added and changed with their words marked."""

from __future__ import annotations

import lxml.html
from fastapi.testclient import TestClient

from tests.store.test_versions import NOW, V1, V2, store_bill, text
from tests.web.conftest import sign_in
from tracker import store
from tracker.db import make_engine, session_scope
from tracker.vocab import Role

SLUG = "94-0-HF-4127"


def store_two_versions(url: str, *, both: bool = True) -> None:
    engine = make_engine(url)
    store_bill(engine)
    with session_scope(engine) as db:
        store.record_bill_text(db, record=text("mn_bills_text_HF4127_v1.html", V1), now=NOW)
        if both:
            store.record_bill_text(db, record=text("mn_bills_text_HF4127_v2.html", V2), now=NOW)
    engine.dispose()


def test_the_changes_page_puts_money_first_and_marks_the_words(
    client: TestClient, web_db: tuple[str, dict[str, int]]
) -> None:
    store_two_versions(web_db[0])
    sign_in(client, Role.VIEWER)
    bill_page = client.get(f"/bills/{SLUG}").text
    assert f'href="/bills/{SLUG}/changes"' in bill_page
    response = client.get(f"/bills/{SLUG}/changes")
    assert response.status_code == 200
    page = lxml.html.fromstring(response.text)
    summary = page.get_element_by_id("summary").text_content()
    assert summary.startswith("1st Engrossment: special education aid for FY 2027 from")
    rows = [
        [cell.text_content().strip() for cell in row.xpath("td")]
        for row in page.xpath("//table[@class='money']/tbody/tr")
    ]
    assert ["basic formula allowance", "2027", "$7,551", "$7,602"] in rows
    assert [
        "grants to school districts for paraprofessional training",
        "2027",
        "$4,000,000",
        "removed",
    ] in rows
    sections = page.get_element_by_id("sections")
    headings = [h.text_content() for h in sections.xpath(".//h3")]
    assert "Removed: article 2, section 2, section on Definitions (125A.79, subd. 1)" in headings
    basic = next(
        div
        for div in sections.xpath(".//div[contains(@class,'changed')]")
        if "Basic revenue" in div.text_content()
    )
    assert [d.text_content() for d in basic.xpath(".//del")] == ["$7,551"]
    assert [i.text_content() for i in basic.xpath(".//ins")] == ["$7,602"]
    picker = page.xpath("//form[@class='version-picker']//select[@name='start']/option")
    assert [o.text_content().split(" (")[0] for o in picker] == [
        "1. Introduction",
        "2. 1st Engrossment",
    ]


def test_one_stored_version_says_why_there_is_nothing_to_compare(
    client: TestClient, web_db: tuple[str, dict[str, int]]
) -> None:
    store_two_versions(web_db[0], both=False)
    sign_in(client, Role.VIEWER)
    response = client.get(f"/bills/{SLUG}/changes?start=5&end=9")
    assert response.status_code == 200
    assert "changes need two" in response.text


def test_the_changes_page_needs_a_sign_in_and_a_known_bill(client: TestClient) -> None:
    assert client.get(f"/bills/{SLUG}/changes", follow_redirects=False).status_code == 303
    sign_in(client, Role.VIEWER)
    assert client.get("/bills/94-0-HF-77777/changes").status_code == 404
