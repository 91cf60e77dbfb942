"""Each person's private calendar feed: a calendar app subscribes without signing in; a
wrong, revoked or disabled account's token gets 404. The feed is read back with `ical`, an
iCalendar parser independent of the `icalendar` library that writes it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from ical.calendar_stream import IcsCalendarStream

from tests.store.test_hearings import HOUSE, SENATE, save
from tests.web.conftest import NOW, sign_in, take_side
from tracker.db import make_engine
from tracker.rules.dates import CENTRAL
from tracker.vocab import Position, Priority, Role

FEED = re.compile(r'value="(http[^"]+/calendar/([A-Za-z0-9_-]+)\.ics)"')


@pytest.fixture
def hearings(web_db: tuple[str, dict[str, int]]) -> None:
    url, _ = web_db
    engine = make_engine(url)
    save(engine, HOUSE + SENATE)
    engine.dispose()


@pytest.fixture
def calendar_app(client: TestClient) -> Iterator[TestClient]:
    """What a calendar app is: a client with no session cookie."""
    with TestClient(client.app, base_url="http://testserver") as app:
        yield app


def make_feed(client: TestClient, role: Role = Role.VIEWER) -> tuple[str, str]:
    token = sign_in(client, role)
    response = client.post("/hearings/feed", data={"csrf_token": token})
    assert response.status_code == 200  # followed to the hearings page
    found = FEED.search(response.text)
    assert found, "the hearings page shows the private feed's address"
    return found.group(1), found.group(2)


def test_a_calendar_app_reads_the_private_feed_without_signing_in(
    client: TestClient, calendar_app: TestClient, hearings: None
) -> None:
    _, token = make_feed(client)
    assert len(token) >= 40
    response = calendar_app.get(f"/calendar/{token}.ics")
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = IcsCalendarStream.calendar_from_ics(response.text)
    events = {event.uid: event for event in calendar.events}
    ahead = {r.source_key for r in HOUSE + SENATE if r.starts_at >= NOW - timedelta(days=1)}
    assert ahead and {uid.split("@")[0] for uid in events} == ahead
    finance = events["house:2026-03-10:education-finance@mn-edu-tracker"]
    assert finance.summary == "House: Education Finance"
    record = next(r for r in HOUSE if r.source_key == "house:2026-03-10:education-finance")
    assert finance.dtstart == record.starts_at
    assert finance.dtstart.astimezone(CENTRAL).strftime("%Y-%m-%d %H:%M") == "2026-03-10 13:00"
    assert "Read Act modified" in (finance.description or "")
    canceled = [e for e in events.values() if str(e.status).endswith("CANCELLED")]
    assert canceled, "a canceled hearing is marked CANCELLED"


def test_the_tracked_feed_has_only_hearings_with_tracked_bills(
    client: TestClient,
    calendar_app: TestClient,
    hearings: None,
    web_db: tuple[str, dict[str, int]],
) -> None:
    url, ids = web_db
    take_side(url, ids["sf1832"], Position.SUPPORT, Priority.HIGH)  # heard on March 11
    _, token = make_feed(client)
    every = IcsCalendarStream.calendar_from_ics(calendar_app.get(f"/calendar/{token}.ics").text)
    tracked = IcsCalendarStream.calendar_from_ics(
        calendar_app.get(f"/calendar/{token}.ics?tracked=1").text
    )
    assert 0 < len(tracked.events) < len(every.events)
    assert all("1832" in (e.description or "") for e in tracked.events)


def test_a_wrong_or_revoked_token_is_404(
    client: TestClient, calendar_app: TestClient, hearings: None
) -> None:
    sign_in(client, Role.VIEWER)
    assert "Make my private calendar address" in client.get("/hearings").text
    _, token = make_feed(client)
    assert calendar_app.get(f"/calendar/{token[:-1]}x.ics").status_code == 404
    assert calendar_app.get("/calendar/.ics").status_code == 404
    csrf = sign_in(client, Role.VIEWER)
    page = client.post("/hearings/feed/revoke", data={"csrf_token": csrf})
    assert "Make my private calendar address" in page.text
    assert calendar_app.get(f"/calendar/{token}.ics").status_code == 404


def test_a_new_address_replaces_the_old_one(client: TestClient, calendar_app: TestClient) -> None:
    _, first = make_feed(client)
    _, second = make_feed(client)
    assert first != second
    assert calendar_app.get(f"/calendar/{first}.ics").status_code == 404
    assert calendar_app.get(f"/calendar/{second}.ics").status_code == 200


def test_a_disabled_accounts_feed_is_404(
    client: TestClient, calendar_app: TestClient, web_db: tuple[str, dict[str, int]]
) -> None:
    _, token = make_feed(client, Role.STAFF)
    from tests.web.test_accounts import user_id

    admin = TestClient(client.app, base_url="http://testserver")
    csrf = sign_in(admin, Role.ADMIN)
    staff_id = user_id(web_db[0], "staff@example.org")
    admin.post(f"/admin/users/{staff_id}", data={"role": "staff", "csrf_token": csrf})
    assert calendar_app.get(f"/calendar/{token}.ics").status_code == 404


def test_making_an_address_needs_a_session_and_its_token(
    client: TestClient, calendar_app: TestClient
) -> None:
    response = calendar_app.post("/hearings/feed", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    sign_in(client, Role.VIEWER)
    assert client.post("/hearings/feed", data={"csrf_token": "forged"}).status_code == 403
