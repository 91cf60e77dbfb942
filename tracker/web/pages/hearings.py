"""The week's hearings, with the bills the association tracks, and the calendar feeds: the
signed-in download, and each person's private feed URL for calendar apps (no sign-in)."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from tracker.rules.dates import CENTRAL, monday_of
from tracker.store import calendar_tokens
from tracker.web.auth import Csrf, Db, Now, SignedIn
from tracker.web.queries import calendar_feed, hearings_in_week
from tracker.web.templating import render

router = APIRouter()


def _feed(request: Request, db: Db, now: Now) -> Response:
    tracked_only = request.query_params.get("tracked") == "1"
    return Response(
        calendar_feed(db, now=now, tracked_only=tracked_only),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'inline; filename="hearings.ics"'},
    )


@router.get("/hearings")
def hearings(request: Request, db: Db, user: SignedIn, now: Now) -> Response:
    try:
        day = date.fromisoformat(request.query_params.get("week", ""))
    except ValueError:
        day = now.astimezone(CENTRAL).date()
    monday = monday_of(day)
    tracked_only = request.query_params.get("tracked") == "1"
    assert user.id is not None
    token = calendar_tokens.active_token(db, user_id=user.id)
    public = request.app.state.settings.public_url.rstrip("/")
    context = {
        "nav": "hearings",
        "monday": monday,
        "sunday": monday + timedelta(days=6),
        "previous": monday - timedelta(days=7),
        "next": monday + timedelta(days=7),
        "tracked_only": tracked_only,
        "page": hearings_in_week(db, monday, tracked_only=tracked_only),
        "feed_url": f"{public}/calendar/{token.token}.ics" if token else "",
    }
    return render(request, "web/hearings.html", context)


@router.get("/hearings.ics")
def hearings_feed(request: Request, db: Db, user: SignedIn, now: Now) -> Response:
    return _feed(request, db, now)


@router.get("/calendar/{token}.ics")
def private_feed(request: Request, token: str, db: Db, now: Now) -> Response:
    """A person's private feed: no session, the token is the credential; a wrong or revoked
    token, or a disabled account's, is 404 (nothing says whether the token ever existed)."""
    if calendar_tokens.user_for_token(db, token) is None:
        raise HTTPException(status_code=404, detail="No such calendar.")
    response = _feed(request, db, now)
    response.headers["Cache-Control"] = "private, max-age=900"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@router.post("/hearings/feed")
def create_feed(user: SignedIn, db: Db, now: Now, _csrf: Csrf) -> Response:
    """A new private feed URL for the signed-in person (the old one stops working)."""
    assert user.id is not None
    calendar_tokens.create_token(db, user_id=user.id, by=user.email, now=now)
    return RedirectResponse("/hearings#calendar", status_code=303)


@router.post("/hearings/feed/revoke")
def revoke_feed(user: SignedIn, db: Db, now: Now, _csrf: Csrf) -> Response:
    assert user.id is not None
    calendar_tokens.revoke_tokens(db, user_id=user.id, by=user.email, now=now)
    return RedirectResponse("/hearings#calendar", status_code=303)
