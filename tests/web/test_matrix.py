"""The matrix page, its heat map, exports (CSV, XLSX opened with openpyxl) and the stage
chart; the hearings week and calendar-feed placeholders."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import lxml.html
import openpyxl
from fastapi.testclient import TestClient
from sqlmodel import select

from tests.store.test_hearings import HOUSE, SENATE
from tests.web.conftest import SPECIAL_ED_SLUG, sign_in
from tracker import store
from tracker.db import make_engine, session_scope
from tracker.models import BillTag
from tracker.tagging.catalog import load_catalog
from tracker.vocab import Role, TagStatus, TagTarget


def confirm_item(client: TestClient, token: str, key: str) -> None:
    data = {"decision": "add", "tag": f"item:{key}", "csrf_token": token}
    assert client.post(f"/bills/{SPECIAL_ED_SLUG}/tags", data=data).status_code == 200


def test_the_matrix_shows_tagged_bills_and_counts(client: TestClient) -> None:
    token = sign_in(client, Role.STAFF)
    confirm_item(client, token, "amsd-2021/sd-1")
    page = client.get("/matrix?framework=amsd-2021").text
    assert "Strategic direction" in page and "Process step" not in page
    assert "10 items the plan declares not a bill topic" in page
    assert "Process step" in client.get("/matrix?framework=amsd-2021&items=all").text
    assert "HF 9001" in page and "SF 1832" not in page
    assert 'class="cell confirmed heat-10"' in page
    assert "Bills by stage, per strategic direction" in page and "<svg" in page
    everything = client.get("/matrix?framework=amsd-2021&all=1").text
    assert "SF 1832" in everything


def test_the_heat_map_shades_by_confidence(
    client: TestClient, web_db: tuple[str, dict[str, int]]
) -> None:
    """Every suggested cell's shade is its confidence in tenths; confirmed is the darkest."""
    token = sign_in(client, Role.STAFF)
    confirm_item(client, token, "amsd-2021/sd-1")
    engine = make_engine(web_db[0])
    with session_scope(engine) as db:  # spread the suggestions' confidences over the scale
        suggested = db.exec(
            select(BillTag).where(
                BillTag.target == TagTarget.ITEM.value,
                BillTag.status == TagStatus.SUGGESTED.value,
            )
        ).all()
        for index, tag in enumerate(suggested):
            tag.confidence = (0.07, 0.34, 0.55, 0.91, 0.66, 0.12)[index % 6]
    engine.dispose()
    shades: dict[str, list[tuple[float, int]]] = {"suggested": [], "confirmed": []}
    for framework in load_catalog().frameworks:
        page = client.get(f"/matrix?framework={framework.id}&view=heat&all=1").text
        table = lxml.html.fromstring(page).xpath("//table[contains(@class, 'matrix')]")[0]
        assert table.get("class").split() == ["matrix", "heat"]
        for cell in table.xpath(".//td[contains(@class, 'cell')]"):
            status, *heat = cell.get("class").split()[1:]
            if status in shades:
                (shade,) = heat
                confidence = float(cell.text_content()) if status == "suggested" else 1.0
                shades[status].append((confidence, int(shade.removeprefix("heat-"))))
    assert shades["confirmed"] == [(1.0, 10)]
    assert len({confidence for confidence, _ in shades["suggested"]}) >= 4
    for confidence, shade in shades["suggested"]:
        assert shade == max(1, min(9, round(confidence * 10))), (confidence, shade)
    ranked = sorted(shades["suggested"])
    assert [shade for _, shade in ranked] == sorted(shade for _, shade in ranked)


def test_the_matrix_takes_the_list_filters(client: TestClient) -> None:
    sign_in(client, Role.VIEWER)
    page = client.get("/matrix?framework=amsd-2021&all=1&stage=in_conference").text
    assert "SF 1832" in page and "HF 9001" not in page


def test_an_unknown_framework_is_a_404(client: TestClient) -> None:
    sign_in(client, Role.VIEWER)
    assert client.get("/matrix?framework=nope").status_code == 404


def test_csv_export(client: TestClient) -> None:
    token = sign_in(client, Role.STAFF)
    confirm_item(client, token, "amsd-2021/sd-1")
    response = client.get("/matrix.csv?framework=amsd-2021")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text)))
    header, body = rows[0], rows[1:]
    assert header[:6] == ["Bill", "Description", "Stage", "Last action", "Position", "Priority"]
    column = next(i for i, name in enumerate(header) if name.startswith("sd-1:"))
    assert [row[0] for row in body] == ["HF 9001"]
    assert body[0][column] == "confirmed"
    assert body[0][1].startswith("<script>"), "CSV keeps text as it is (not HTML)"


def test_xlsx_export(client: TestClient) -> None:
    token = sign_in(client, Role.STAFF)
    confirm_item(client, token, "amsd-2021/sd-1")
    response = client.get("/matrix.xlsx?framework=amsd-2021&all=1")
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    assert sheet is not None and sheet.title == "amsd-2021"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Bill" and len(rows) == 4
    bills = {row[0]: row for row in rows[1:]}
    column = next(i for i, name in enumerate(rows[0]) if str(name).startswith("sd-1:"))
    assert bills["HF 9001"][column] == "confirmed"


def test_the_hearings_week_and_its_feed_link(client: TestClient) -> None:
    sign_in(client, Role.VIEWER)
    page = client.get("/hearings?week=2026-03-12").text
    assert "week of Mar 9, 2026" in page and 'href="/hearings.ics"' in page
    assert "No hearings this week." in page
    feed = client.get("/hearings.ics")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert feed.text.startswith("BEGIN:VCALENDAR")


def test_the_week_shows_agendas_with_tracked_bills_linked(
    client: TestClient, web_db: tuple[str, dict[str, int]]
) -> None:
    url, _ = web_db
    with session_scope(make_engine(url)) as db:
        for record in HOUSE + SENATE:  # SF 1832 is on the Senate Education Policy agenda
            store.upsert_hearing(db, record=record, now=datetime(2026, 3, 1, tzinfo=UTC))
    sign_in(client, Role.VIEWER)
    page = client.get("/hearings?week=2026-03-09").text
    assert "Senate: Education Policy" in page and "Agenda changed" in page
    assert 'href="/bills/94-0-SF-1832"' in page, "a stored bill on the agenda links to its page"
    assert "Canceled" in page
    tracked = client.get("/hearings?week=2026-03-09&tracked=1").text
    assert tracked.count('class="hearing') <= page.count('class="hearing')
    bill_page = client.get("/bills/94-0-SF-1832").text
    assert "Senate: Education Policy" in bill_page.split('id="hearings"')[1]


def test_matrix_columns_read_as_short_labels_under_the_plan_s_headings(client: TestClient) -> None:
    sign_in(client, Role.VIEWER)
    page = lxml.html.fromstring(client.get("/matrix?framework=mnp20&all=1").text)
    groups = [th.text_content().strip() for th in page.xpath("//th[@class='group']")]
    assert groups == ["Advocacy", "Equity", "Data-proven practice"]
    headers = {
        th.xpath("string(.//a)").strip(): th.get("title")
        for th in page.xpath("//th[contains(@class, 'item')]")
    }
    assert headers["Longitudinal data (SLEDS, ECLDS)"].startswith("data-2: Developing, tracking")
    amsd = lxml.html.fromstring(client.get("/matrix?framework=amsd-2021&all=1").text)
    (broad,) = amsd.xpath("//th[contains(@class, 'broad')]")
    assert broad.xpath("string(.//a)") == "Funding and policies for local districts"
    assert "served by a third of the issue areas" in amsd.text_content()


def test_the_bill_page_groups_item_tags_and_decides_an_area_with_its_items(
    client: TestClient,
) -> None:
    token = sign_in(client, Role.STAFF)
    page = lxml.html.fromstring(client.get(f"/bills/{SPECIAL_ED_SLUG}").text)
    titles = [s.text_content() for s in page.xpath("//section[@id='tags']//summary")]
    assert titles and all("(" in t for t in titles)
    assert any(t.startswith("Minnesota P-20 Education Partnership") for t in titles)
    assert page.xpath("//button[@value='confirm-with-items']")
    data = {
        "decision": "reject-with-items",
        "tag": "area:special-education",
        "csrf_token": token,
    }
    response = client.post(
        f"/bills/{SPECIAL_ED_SLUG}/tags", data=data, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    with session_scope(make_engine(client.app.state.settings.database_url)) as db:  # type: ignore[attr-defined]
        rows = db.exec(select(BillTag).where(BillTag.status == TagStatus.REJECTED.value)).all()
    rejected = {row.code for row in rows}
    assert "special-education" in rejected and len(rejected) > 1
    wrong = {**data, "tag": "item:amsd-2021/sd-1"}
    assert client.post(f"/bills/{SPECIAL_ED_SLUG}/tags", data=wrong).status_code == 400
