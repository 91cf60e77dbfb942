"""Sign-in, sessions, roles, CSRF and the login rate limit, through HTTP."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, SPECIAL_ED_SLUG, Clock, csrf_of, sign_in
from tracker.config import Settings, WebSettings
from tracker.vocab import Role
from tracker.web.app import create_app

PAGES = [
    "/bills",
    f"/bills/{SPECIAL_ED_SLUG}",
    "/matrix",
    "/matrix?view=heat",
    "/matrix.csv",
    "/matrix.xlsx",
    "/hearings",
    "/hearings.ics",
    "/admin/users",
    "/admin/members",
]
ADMIN_PAGES = ("/admin/users", "/admin/members")
CHANGES = [
    (f"/bills/{SPECIAL_ED_SLUG}/tags", {"decision": "confirm", "tag": "area:special-education"}),
    (
        f"/bills/{SPECIAL_ED_SLUG}/position",
        {"position": "support", "priority": "high", "notes": "n"},
    ),
    ("/admin/users", {"email": "new@example.org", "password": "long enough", "role": "staff"}),
]


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=%2F")


def test_an_htmx_request_without_a_session_is_told_where_to_sign_in(client: TestClient) -> None:
    response = client.get("/bills", headers={"HX-Request": "true"}, follow_redirects=False)
    assert response.status_code == 401 and response.headers["HX-Redirect"].startswith("/login")


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/login", 200),
        ("/unsubscribe", 400),  # public, but a link without a valid token is refused
        ("/static/app.css", 200),
        ("/static/htmx.min.js", 200),
    ],
)
def test_public_paths_need_no_session(client: TestClient, path: str, status: int) -> None:
    assert client.get(path, follow_redirects=False).status_code == status


def test_login_then_back_where_you_were_going(client: TestClient) -> None:
    token = csrf_of(client)
    response = client.post(
        "/login",
        data={
            "email": "STAFF@example.org ",
            "password": PASSWORD,
            "csrf_token": token,
            "next": "/matrix",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/matrix"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


def test_login_never_redirects_to_another_site(client: TestClient) -> None:
    token = csrf_of(client)
    data = {"email": "staff@example.org", "password": PASSWORD, "csrf_token": token}
    response = client.post(
        "/login", data={**data, "next": "//evil.example/"}, follow_redirects=False
    )
    assert response.headers["location"] == "/bills"


def test_a_wrong_password_is_refused(client: TestClient) -> None:
    token = csrf_of(client)
    data = {"email": "staff@example.org", "password": "nope", "csrf_token": token}
    response = client.post("/login", data=data)
    assert response.status_code == 401 and "Wrong email or password" in response.text
    assert client.get("/bills", follow_redirects=False).status_code == 303


def test_login_without_the_csrf_token_is_refused(client: TestClient) -> None:
    client.get("/login")
    response = client.post("/login", data={"email": "staff@example.org", "password": PASSWORD})
    assert response.status_code == 403 and "security token" in response.text


def test_five_failures_lock_the_account_for_15_minutes(client: TestClient, clock: Clock) -> None:
    token = csrf_of(client)
    bad = {"email": "staff@example.org", "password": "wrong", "csrf_token": token}
    for _ in range(5):
        assert client.post("/login", data=bad).status_code == 401
    good = {**bad, "password": PASSWORD}
    refused = client.post("/login", data=good)
    assert refused.status_code == 429
    assert "Too many failed sign-ins" in refused.text and refused.headers["Retry-After"] == "900"
    clock.advance(minutes=16)
    assert client.post("/login", data=good, follow_redirects=False).status_code == 303


def test_failures_from_one_address_lock_out_other_emails_too(client: TestClient) -> None:
    token = csrf_of(client)
    for n in range(5):
        data = {"email": f"guess{n}@example.org", "password": "x", "csrf_token": token}
        client.post("/login", data=data)
    good = {"email": "admin@example.org", "password": PASSWORD, "csrf_token": token}
    assert client.post("/login", data=good).status_code == 429


def test_logout_ends_the_session(client: TestClient) -> None:
    token = sign_in(client, Role.STAFF)
    assert (
        client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code
        == 303
    )
    assert client.get("/bills", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("path", [p for p in PAGES if p not in ADMIN_PAGES])
def test_every_role_reads_every_page(client: TestClient, role: Role, path: str) -> None:
    sign_in(client, role)
    assert client.get(path).status_code == 200


@pytest.mark.parametrize(("path", "data"), CHANGES)
def test_a_viewer_cannot_change_anything(
    client: TestClient, path: str, data: dict[str, str]
) -> None:
    token = sign_in(client, Role.VIEWER)
    response = client.post(path, data={**data, "csrf_token": token}, follow_redirects=False)
    assert response.status_code == 403


@pytest.mark.parametrize(("path", "data"), CHANGES)
def test_a_change_without_the_csrf_token_is_refused(
    client: TestClient, path: str, data: dict[str, str]
) -> None:
    sign_in(client, Role.ADMIN)
    assert client.post(path, data=data).status_code == 403
    assert client.post(path, data={**data, "csrf_token": "forged"}).status_code == 403


def test_the_csrf_token_also_works_as_the_htmx_header(client: TestClient) -> None:
    token = sign_in(client, Role.STAFF)
    path, data = CHANGES[0]
    response = client.post(path, data=data, headers={"X-CSRF-Token": token, "HX-Request": "1"})
    assert response.status_code == 200 and 'id="tags"' in response.text


@pytest.mark.parametrize("role", [Role.STAFF, Role.LOBBYIST, Role.VIEWER])
def test_only_an_admin_sees_the_users_page(client: TestClient, role: Role) -> None:
    sign_in(client, role)
    assert client.get("/admin/users").status_code == 403


def test_an_admin_adds_a_user_who_can_then_sign_in(client: TestClient) -> None:
    token = sign_in(client, Role.ADMIN)
    data = {"email": "new@example.org", "password": "long enough", "role": "lobbyist"}
    response = client.post("/admin/users", data={**data, "csrf_token": token})
    assert response.status_code == 200 and "new@example.org" in response.text
    again = client.post("/admin/users", data={**data, "csrf_token": token})
    assert again.status_code == 400 and "already has an account" in again.text
    client.post("/logout", data={"csrf_token": token})
    token = csrf_of(client)
    login = {"email": "new@example.org", "password": "long enough", "csrf_token": token}
    assert client.post("/login", data=login, follow_redirects=False).status_code == 303


def test_pages_carry_security_headers(client: TestClient) -> None:
    headers = client.get("/login").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("secret", ["", "change-me", "short"])
def test_the_app_refuses_a_placeholder_secret(sqlite_url: str, secret: str) -> None:
    with pytest.raises(ValueError, match="TRACKER_SECRET_KEY"):
        create_app(Settings(database_url=sqlite_url), WebSettings(secret_key=secret))
