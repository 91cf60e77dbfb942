"""The bill list and its filters, the bill page, tag decisions and positions with their
audit history, and escaping of hostile text."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from tests.web.conftest import SPECIAL_ED_SLUG, sign_in
from tracker.db import make_engine, session_scope
from tracker.models import AuditEvent, BillTag
from tracker.vocab import Role

BILL = f"/bills/{SPECIAL_ED_SLUG}"
ROW = re.compile(r'<a href="/bills/[^"]+">((?:HF|SF) \d+)</a>')


def listed(client: TestClient, query: str = "") -> list[str]:
    response = client.get(f"/bills?{query}")
    assert response.status_code == 200
    return ROW.findall(response.text)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["HF 2136", "SF 1832", "HF 9001"]),
        ("q=HF+2136", ["HF 2136"]),
        ("q=h.f.+9001", ["HF 9001"]),
        ("q=special+education", ["HF 9001"]),
        ("q=nothing+like+this", []),
        ("q=100%25", []),
        ("stage=in_conference", ["SF 1832"]),
        ("stage=in_committee", ["HF 2136"]),
        ("area=special-education", ["HF 9001"]),
        ("relevant=1", ["HF 9001"]),
        ("changed_since=2030-01-01", []),
        ("stage=not-a-stage", ["HF 2136", "SF 1832", "HF 9001"]),
    ],
)
def test_the_list_filters(client: TestClient, query: str, expected: list[str]) -> None:
    sign_in(client, Role.VIEWER)
    assert listed(client, query) == expected


def test_position_and_priority_filters(client: TestClient) -> None:
    token = sign_in(client, Role.STAFF)
    data = {"position": "oppose", "priority": "high", "csrf_token": token}
    client.post(f"{BILL}/position", data=data)
    assert listed(client, "position=oppose") == ["HF 9001"]
    assert listed(client, "priority=high&position=oppose") == ["HF 9001"]
    assert listed(client, "position=none") == ["HF 2136", "SF 1832"]
    assert listed(client, "priority=low") == []


def test_the_framework_item_filter(client: TestClient, web_db: tuple[str, dict[str, int]]) -> None:
    url, ids = web_db
    with session_scope(make_engine(url)) as db:
        item = db.exec(
            select(BillTag).where(BillTag.bill_id == ids["special_ed"], BillTag.target == "item")
        ).first()
    assert item is not None
    sign_in(client, Role.VIEWER)
    assert "HF 9001" in listed(client, f"item={item.code}")


def test_htmx_filtering_returns_only_the_results(client: TestClient) -> None:
    sign_in(client, Role.VIEWER)
    response = client.get(
        "/bills?stage=in_conference", headers={"HX-Request": "true", "HX-Target": "bill-results"}
    )
    assert response.text.lstrip().startswith('<section id="bill-results"')
    assert "SF 1832" in response.text and "<html" not in response.text


def test_the_bill_page_shows_everything(client: TestClient) -> None:
    sign_in(client, Role.STAFF)
    page = client.get("/bills/94-0-SF-1832").text
    assert "In conference committee" in page
    assert "HF 2440 (not crawled yet)" in page
    assert "bill.php?b=Senate&amp;f=SF1832" in page
    assert "Champion (chief)" in page
    assert "2nd Unofficial Engrossment" in page
    assert page.index("Introduction and first reading") < page.index("Received from Senate")
    assert 'id="hearings"' in page and "<h2>Hearings</h2>" in page
    assert "Statutes affected" in page


def test_an_unknown_bill_is_a_404(client: TestClient) -> None:
    sign_in(client, Role.STAFF)
    assert client.get("/bills/94-0-HF-99999").status_code == 404
    assert client.get("/bills/not-a-bill").status_code == 404


def test_hostile_text_is_escaped(client: TestClient) -> None:
    token = sign_in(client, Role.STAFF)
    client.post(
        f"{BILL}/position",
        data={
            "position": "support",
            "priority": "low",
            "notes": "<script>alert(1)</script>",
            "csrf_token": token,
        },
    )
    for page in (
        client.get(BILL).text,
        client.get("/bills").text,
        client.get("/matrix?all=1").text,
    ):
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert" in page


def test_confirm_reject_and_add_are_in_the_audit_history(client: TestClient) -> None:
    token = sign_in(client, Role.LOBBYIST)
    confirm = {"decision": "confirm", "tag": "area:special-education", "csrf_token": token}
    response = client.post(f"{BILL}/tags", data=confirm, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'id="audit" class="card" hx-swap-oob="true"' in response.text
    client.post(f"{BILL}/tags", data={**confirm, "decision": "reject"})
    client.post(f"{BILL}/tags", data={**confirm, "decision": "add", "tag": "area:facilities"})
    page = client.get(BILL).text
    history = page[page.index('id="audit"') :]
    assert history.count("<strong>tag special-education</strong>") == 2
    assert "<strong>tag facilities</strong>" in history and "lobbyist@example.org" in history
    assert "status: suggested" in history and "status: rejected" in history


def test_audit_rows_hold_before_and_after(
    client: TestClient, web_db: tuple[str, dict[str, int]]
) -> None:
    url, ids = web_db
    token = sign_in(client, Role.STAFF)
    client.post(
        f"{BILL}/tags",
        data={"decision": "reject", "tag": "area:special-education", "csrf_token": token},
    )
    with session_scope(make_engine(url)) as db:
        event = db.exec(select(AuditEvent).where(AuditEvent.bill_id == ids["special_ed"])).one()
        tag = db.exec(
            select(BillTag).where(
                BillTag.bill_id == ids["special_ed"], BillTag.code == "special-education"
            )
        ).one()
    assert event.who == "staff@example.org" and event.subject == "tag special-education"
    assert event.before is not None and event.before["status"] == "suggested"
    assert event.after is not None and event.after["status"] == "rejected"
    assert tag.status == "rejected" and tag.decided_by == "staff@example.org"


def test_an_unknown_tag_is_refused(client: TestClient) -> None:
    token = sign_in(client, Role.STAFF)
    data = {"decision": "add", "tag": "area:astrology", "csrf_token": token}
    assert client.post(f"{BILL}/tags", data=data).status_code == 400
    assert client.post(f"{BILL}/tags", data={**data, "decision": "maybe"}).status_code == 400


def test_a_position_is_saved_and_audited(client: TestClient) -> None:
    token = sign_in(client, Role.STAFF)
    data = {
        "position": "support",
        "priority": "high",
        "notes": "Ask for full funding",
        "talking_points": "Cross-subsidy is $800M",
        "urgent": "true",
        "csrf_token": token,
    }
    response = client.post(f"{BILL}/position", data=data, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Saved." in response.text
    client.post(f"{BILL}/position", data={**data, "position": "monitor", "urgent": "false"})
    page = client.get(BILL).text
    assert 'value="monitor" selected' in page and "Ask for full funding" in page
    history = page[page.index('id="audit"') :]
    assert history.count("<strong>position</strong>") == 2
    assert "position: support" in history and "position: monitor" in history
    assert "urgent: True" in history and "urgent: False" in history
    assert "Urgent" not in client.get("/bills").text.split("HF 9001")[1][:200]


def test_saving_the_same_position_twice_adds_no_history(client: TestClient) -> None:
    token = sign_in(client, Role.STAFF)
    data = {"position": "neutral", "priority": "low", "csrf_token": token}
    client.post(f"{BILL}/position", data=data)
    client.post(f"{BILL}/position", data=data)
    page = client.get(BILL).text
    assert page.count("<strong>position</strong>") == 1


def test_an_invalid_position_is_refused(client: TestClient) -> None:
    token = sign_in(client, Role.STAFF)
    data = {"position": "love", "priority": "high", "csrf_token": token}
    assert client.post(f"{BILL}/position", data=data).status_code == 422


def test_a_viewer_sees_no_forms(client: TestClient) -> None:
    sign_in(client, Role.VIEWER)
    page = client.get(BILL).text
    assert "Save position" not in page and "Add tag" not in page and ">Confirm<" not in page


def test_the_list_pages(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tracker.web.queries.PAGE_SIZE", 2)
    sign_in(client, Role.VIEWER)
    first = client.get("/bills").text
    assert "Page 1 of 2" in first and 'rel="next"' in first
    assert ROW.findall(client.get("/bills?page=2").text) == ["HF 9001"]
    assert ROW.findall(client.get("/bills?page=99").text) == ["HF 9001"]
