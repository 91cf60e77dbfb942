"""The admin's members page and the preview of a member's weekly update, rendered by the
same code as the email."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient

from tests.web.conftest import sign_in
from tracker.db import make_engine, session_scope
from tracker.store.members import add_member
from tracker.vocab import Role


def a_member(url: str) -> int:
    with session_scope(make_engine(url)) as db:
        member = add_member(
            db,
            email="dana@valley.example.org",
            name="Dana <b>Lindqvist</b>",
            organization="Example Valley",
            follows=["special-education"],
            now=datetime(2026, 3, 1, tzinfo=UTC),
        )
        assert member.id is not None
        return member.id


def test_admins_list_members_and_preview_any_week(
    client: TestClient, web_db: tuple[str, dict[str, int]]
) -> None:
    url, _ = web_db
    member_id = a_member(url)
    sign_in(client, Role.ADMIN)
    page = client.get("/admin/members?week=2026-03-11").text
    assert "dana@valley.example.org" in page and "Dana &lt;b&gt;Lindqvist&lt;/b&gt;" in page
    assert f'href="/admin/members/{member_id}/digest?week=2026-03-09"' in page
    preview = client.get(f"/admin/members/{member_id}/digest?week=2026-03-09")
    assert preview.status_code == 200
    assert "week of March 9, 2026" in preview.text and "/unsubscribe?token=" in preview.text
    assert "Dana &lt;b&gt;Lindqvist&lt;/b&gt;" in preview.text, "names are escaped in the email"
    assert "script-src" not in preview.headers["content-security-policy"]
    assert client.get("/admin/members/999/digest").status_code == 404
    assert client.get(f"/admin/members/{member_id}/digest?week=soon").status_code == 404


def test_only_admins_see_members(client: TestClient, web_db: tuple[str, dict[str, int]]) -> None:
    member_id = a_member(web_db[0])
    sign_in(client, Role.STAFF)
    assert client.get("/admin/members").status_code == 403
    assert client.get(f"/admin/members/{member_id}/digest").status_code == 403
