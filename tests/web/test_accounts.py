"""Admins manage accounts in the web app: change a role, disable an account, reset a
password; every change audited, and the last active admin cannot lock everyone out."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from tests.web.conftest import PASSWORD, SPECIAL_ED_SLUG, csrf_of, sign_in
from tracker.db import make_engine, session_scope
from tracker.models import AuditEvent, User
from tracker.store.users import find_user
from tracker.vocab import Role


@pytest.fixture
def other(client: TestClient) -> Iterator[TestClient]:
    """A second browser on the same app, with its own cookies."""
    with TestClient(client.app, base_url="http://testserver") as second:
        yield second


def user_id(url: str, email: str) -> int:
    with session_scope(make_engine(url)) as db:
        user = find_user(db, email)
        assert user is not None and user.id is not None
        return user.id


def audit(url: str, email: str) -> list[AuditEvent]:
    with session_scope(make_engine(url)) as db:
        query = select(AuditEvent).where(AuditEvent.subject == f"user {email}")
        return list(db.exec(query.order_by(AuditEvent.id)))


def position(client: TestClient, token: str) -> int:
    data = {"position": "support", "priority": "high", "csrf_token": token}
    response = client.post(f"/bills/{SPECIAL_ED_SLUG}/position", data=data, follow_redirects=False)
    return response.status_code


def test_an_admin_makes_a_lobbyist_a_viewer(client, other, web_db) -> None:  # type: ignore[no-untyped-def]
    url, _ = web_db
    lobbyist = sign_in(other, Role.LOBBYIST)
    assert position(other, lobbyist) == 303
    token = sign_in(client, Role.ADMIN)
    target = user_id(url, "lobbyist@example.org")
    response = client.post(
        f"/admin/users/{target}", data={"role": "viewer", "active": "true", "csrf_token": token}
    )
    assert response.status_code == 200 and "Saved lobbyist@example.org." in response.text
    assert position(other, lobbyist) == 403, "the open session has the new role at once"
    [_created, changed] = audit(url, "lobbyist@example.org")
    assert (changed.who, changed.before, changed.after) == (
        "admin@example.org",
        {"role": "lobbyist", "active": True},
        {"role": "viewer", "active": True},
    )


def test_a_disabled_account_is_signed_out_and_cannot_sign_in(client, other, web_db) -> None:  # type: ignore[no-untyped-def]
    url, _ = web_db
    sign_in(other, Role.STAFF)
    token = sign_in(client, Role.ADMIN)
    target = user_id(url, "staff@example.org")
    response = client.post(f"/admin/users/{target}", data={"role": "staff", "csrf_token": token})
    assert response.status_code == 200
    bounced = other.get("/bills", follow_redirects=False)
    assert bounced.status_code == 303 and bounced.headers["location"].startswith("/login")
    login = {"email": "staff@example.org", "password": PASSWORD, "csrf_token": csrf_of(other)}
    assert other.post("/login", data=login).status_code == 401


def test_an_admin_resets_a_password(client, other, web_db) -> None:  # type: ignore[no-untyped-def]
    url, _ = web_db
    token = sign_in(client, Role.ADMIN)
    target = user_id(url, "viewer@example.org")
    short = client.post(
        f"/admin/users/{target}/password", data={"password": "short", "csrf_token": token}
    )
    assert short.status_code == 400 and "at least 8 characters" in short.text
    response = client.post(
        f"/admin/users/{target}/password", data={"password": "a new long one", "csrf_token": token}
    )
    assert response.status_code == 200 and "The new password is set" in response.text
    old = {"email": "viewer@example.org", "password": PASSWORD, "csrf_token": csrf_of(other)}
    assert other.post("/login", data=old).status_code == 401
    new = {**old, "password": "a new long one", "csrf_token": csrf_of(other)}
    assert other.post("/login", data=new, follow_redirects=False).status_code == 303
    events = audit(url, "viewer@example.org")
    assert events[-1].after == {"password": "reset"}
    assert "a new long one" not in str([(e.before, e.after) for e in events])


def test_the_last_active_admin_cannot_demote_or_disable_themselves(client, web_db) -> None:  # type: ignore[no-untyped-def]
    url, _ = web_db
    token = sign_in(client, Role.ADMIN)
    me = user_id(url, "admin@example.org")
    for data in ({"role": "staff", "active": "true"}, {"role": "admin"}):
        response = client.post(f"/admin/users/{me}", data={**data, "csrf_token": token})
        assert response.status_code == 400
        assert "the only active administrator" in response.text
    with session_scope(make_engine(url)) as db:
        admin = db.exec(select(User).where(User.email == "admin@example.org")).one()
        assert (admin.role, admin.active) == ("admin", True)
    assert client.get("/admin/users").status_code == 200


@pytest.mark.parametrize("role", [Role.STAFF, Role.LOBBYIST, Role.VIEWER])
def test_only_an_admin_changes_accounts(client, web_db, role: Role) -> None:  # type: ignore[no-untyped-def]
    url, _ = web_db
    token = sign_in(client, role)
    target = user_id(url, "admin@example.org")
    data = {"role": "viewer", "active": "true", "csrf_token": token}
    assert client.post(f"/admin/users/{target}", data=data).status_code == 403
    reset = {"password": "taken over!", "csrf_token": token}
    assert client.post(f"/admin/users/{target}/password", data=reset).status_code == 403


def test_an_unknown_account_is_404_and_a_missing_token_403(client) -> None:  # type: ignore[no-untyped-def]
    token = sign_in(client, Role.ADMIN)
    data = {"role": "viewer", "active": "true"}
    assert client.post("/admin/users/9999", data={**data, "csrf_token": token}).status_code == 404
    assert client.post("/admin/users/1", data=data).status_code == 403
