"""The unsubscribe link of the weekly update: no sign-in, the signed token is the credential;
a GET only asks, a POST (the button, or a mail client's one-click) unsubscribes."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient

from tracker.db import make_engine, session_scope
from tracker.models import Member
from tracker.rules.unsubscribe import unsubscribe_token
from tracker.store.members import add_member

SECRET = "test-secret-" + "x" * 32  # as tests/web/conftest.py signs the app with


def a_member(url: str) -> tuple[int, str]:
    with session_scope(make_engine(url)) as db:
        member = add_member(
            db,
            email="dana@valley.example.org",
            name="Dana",
            organization="Example Valley",
            now=datetime(2026, 3, 1, tzinfo=UTC),
        )
        assert member.id is not None
        return member.id, unsubscribe_token(member.id, member.token_salt, SECRET)


def state(url: str, member_id: int) -> str:
    with session_scope(make_engine(url)) as db:
        member = db.get(Member, member_id)
        assert member is not None
        return member.state


def test_the_link_asks_then_the_button_unsubscribes(
    client: TestClient, web_db: tuple[str, dict[str, int]]
) -> None:
    url, _ = web_db
    member_id, token = a_member(url)
    page = client.get(f"/unsubscribe?token={token}")
    assert page.status_code == 200 and "dana@valley.example.org" in page.text
    assert state(url, member_id) == "active", "opening the link alone unsubscribes nobody"
    done = client.post(f"/unsubscribe?token={token}", data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "will not receive" in done.text
    assert state(url, member_id) == "unsubscribed"


def test_a_forged_token_changes_nothing(
    client: TestClient, web_db: tuple[str, dict[str, int]]
) -> None:
    url, _ = web_db
    member_id, token = a_member(url)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for response in (
        client.get(f"/unsubscribe?token={forged}"),
        client.post(f"/unsubscribe?token={forged}"),
        client.post("/unsubscribe"),
    ):
        assert response.status_code == 400 and "not valid" in response.text
    assert state(url, member_id) == "active"
