"""The review queue in the web app: what waits, the count in the navigation, and clearing
a bill: confirm or reject its suggestions, set a position, mark it reviewed; audited."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlmodel import select

from tests.web.conftest import sign_in
from tracker.db import make_engine, session_scope
from tracker.models import AuditEvent, BillPosition, BillTag
from tracker.vocab import Role

COUNT = re.compile(r'<span class="count" aria-label="(\d+) waiting">')


def waiting(client: TestClient) -> int:
    found = COUNT.search(client.get("/bills").text)
    return int(found.group(1)) if found else 0


def rows(url: str, model, bill_id: int):  # type: ignore[no-untyped-def]
    with session_scope(make_engine(url)) as db:
        return list(db.exec(select(model).where(model.bill_id == bill_id)))


def test_the_queue_lists_new_tracked_bills_with_their_suggestions(client, web_db) -> None:  # type: ignore[no-untyped-def]
    _, ids = web_db
    sign_in(client, Role.VIEWER)
    page = client.get("/review")
    assert page.status_code == 200
    special_ed = ids["special_ed"]
    assert f'id="bill-{special_ed}"' in page.text
    assert "Special education and the cross-subsidy" in page.text and "suggested" in page.text
    assert "&lt;script&gt;" in page.text and "<script>alert" not in page.text
    assert waiting(client) == page.text.count('class="review-entry"') >= 1
    assert "Mark reviewed" not in page.text, "a viewer reads the queue but cannot clear it"


def test_a_lobbyist_clears_a_bill(client, web_db) -> None:  # type: ignore[no-untyped-def]
    url, ids = web_db
    bill = ids["special_ed"]
    token = sign_in(client, Role.LOBBYIST)
    before = waiting(client)
    suggested = [t for t in rows(url, BillTag, bill) if t.status == "suggested"]
    assert suggested

    response = client.post(
        f"/review/{bill}/tags",
        data={"decision": "confirm", "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == f"/review#bill-{bill}"
    assert {t.status for t in rows(url, BillTag, bill)} == {"confirmed"}

    client.post(
        f"/review/{bill}/position",
        data={"position": "support", "priority": "high", "csrf_token": token},
    )
    [position] = rows(url, BillPosition, bill)
    assert (position.position, position.priority, position.updated_by) == (
        "support",
        "high",
        "lobbyist@example.org",
    )

    client.post(f"/review/{bill}/done", data={"csrf_token": token})
    assert f'id="bill-{bill}"' not in client.get("/review").text
    assert waiting(client) == before - 1
    subjects = [e.subject for e in rows(url, AuditEvent, bill)]
    assert subjects.count("reviewed") == 1 and "position" in subjects
    assert sum(s.startswith("tag ") for s in subjects) == len(suggested)


def test_one_suggestion_rejected_alone(client, web_db) -> None:  # type: ignore[no-untyped-def]
    url, ids = web_db
    bill = ids["special_ed"]
    token = sign_in(client, Role.STAFF)
    data = {"decision": "reject", "tag": "area:special-education", "csrf_token": token}
    client.post(f"/review/{bill}/tags", data=data)
    statuses = {t.code: t.status for t in rows(url, BillTag, bill)}
    assert statuses["special-education"] == "rejected"
    assert "suggested" in statuses.values(), "the other suggestions are left as they were"
    bad = client.post(f"/review/{bill}/tags", data={**data, "tag": "area:no-such-area"})
    assert bad.status_code == 400


def test_a_viewer_cannot_clear_and_a_forged_form_is_refused(client, web_db) -> None:  # type: ignore[no-untyped-def]
    _, ids = web_db
    bill = ids["special_ed"]
    token = sign_in(client, Role.VIEWER)
    assert client.post(f"/review/{bill}/done", data={"csrf_token": token}).status_code == 403
    sign_in(client, Role.STAFF)
    assert client.post(f"/review/{bill}/done", data={"csrf_token": "forged"}).status_code == 403
    assert (
        client.post(
            "/review/999999/done", data={"csrf_token": sign_in(client, Role.STAFF)}
        ).status_code
        == 404
    )
