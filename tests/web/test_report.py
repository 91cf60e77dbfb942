"""The progress page: the report's body, its PDF, adding a goal, and confirming or rejecting
a folded-in finding (editors only; every decision audited)."""

from __future__ import annotations

import lxml.html
from fastapi.testclient import TestClient
from sqlmodel import select

from tests.store.test_progress import store_small_bill_and_omnibus
from tests.store.test_versions import NOW
from tests.web.conftest import sign_in
from tracker.db import make_engine, session_scope
from tracker.models import AuditEvent, BillFolding, PlanGoal
from tracker.store.foldings import detect_foldings
from tracker.store.positions import set_position
from tracker.vocab import FindingStatus, Position, Priority, Role


def prepare(url: str) -> tuple[int, int]:
    engine = make_engine(url)
    small, omnibus = store_small_bill_and_omnibus(engine)
    with session_scope(engine) as db:
        set_position(
            db, bill_id=small, position=Position.SUPPORT, priority=Priority.HIGH, by="s", now=NOW
        )
        detect_foldings(db, now=NOW)
    engine.dispose()
    return small, omnibus


def test_the_progress_page_and_its_pdf(
    client: TestClient, web_db: tuple[str, dict[str, int]]
) -> None:
    prepare(web_db[0])
    sign_in(client, Role.VIEWER)
    page = client.get("/report?quarter=2026Q4")
    assert page.status_code == 200
    document = lxml.html.fromstring(page.text)
    assert document.get_element_by_id("headline").text_content().startswith("AMSD, 2026Q4")
    images = document.xpath("//section[@class='charts']/img/@src")
    assert len(images) == 2 and all(src.startswith("data:image/svg+xml;base64,") for src in images)
    findings = document.xpath("//table[@class='foldings']/tbody/tr")
    assert "HF 9" in findings[0].text_content() and "HF 4127" in findings[0].text_content()
    assert not document.xpath("//form[@action='/report/foldings']"), "a viewer cannot decide"
    pdf = client.get("/report.pdf?quarter=2026Q4")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert pdf.headers["content-type"] == "application/pdf"
    assert client.get("/report?quarter=2026Q9").status_code == 404


def test_staff_add_a_goal_and_decide_a_finding(
    client: TestClient, web_db: tuple[str, dict[str, int]]
) -> None:
    small, omnibus = prepare(web_db[0])
    token = sign_in(client, Role.STAFF)
    goal = {
        "csrf_token": token,
        "item": "amsd-2021/sd-1",
        "text": "Special education aid raised",
        "bills": "HF 9",
        "quarter": "2026Q4",
    }
    response = client.post("/report/goals", data=goal, follow_redirects=False)
    assert response.status_code == 303
    bad = client.post("/report/goals", data={**goal, "item": "nope/x"}, follow_redirects=False)
    assert bad.status_code == 400
    decide = {"csrf_token": token, "bill_id": small, "host_id": omnibus, "decision": "reject"}
    assert client.post("/report/foldings", data=decide, follow_redirects=False).status_code == 303
    without_token = {**decide, "csrf_token": "wrong", "decision": "confirm"}
    assert client.post("/report/foldings", data=without_token).status_code == 403
    engine = make_engine(web_db[0])
    with session_scope(engine) as db:
        [row] = db.exec(select(BillFolding)).all()
        assert row.status == FindingStatus.REJECTED.value and row.decided_by == "staff@example.org"
        assert [g.text for g in db.exec(select(PlanGoal))] == ["Special education aid raised"]
        subjects = [
            e.subject for e in db.exec(select(AuditEvent).where(AuditEvent.bill_id == small))
        ]
        assert "folded into HF 4127" in subjects
    engine.dispose()
    page = client.get("/report?quarter=2026Q4").text
    assert "Special education aid raised" in page and "rejected by staff@example.org" in page
