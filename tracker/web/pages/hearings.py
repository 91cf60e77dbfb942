"""The week's hearings, with the bills the association tracks, and the calendar feed."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import Response

from tracker.rules.dates import CENTRAL, monday_of
from tracker.web.auth import Db, Now, SignedIn
from tracker.web.queries import calendar_feed, hearings_in_week
from tracker.web.templating import render

router = APIRouter()


@router.get("/hearings")
def hearings(request: Request, db: Db, user: SignedIn, now: Now) -> Response:
    try:
        day = date.fromisoformat(request.query_params.get("week", ""))
    except ValueError:
        day = now.astimezone(CENTRAL).date()
    monday = monday_of(day)
    tracked_only = request.query_params.get("tracked") == "1"
    context = {
        "nav": "hearings",
        "monday": monday,
        "sunday": monday + timedelta(days=6),
        "previous": monday - timedelta(days=7),
        "next": monday + timedelta(days=7),
        "tracked_only": tracked_only,
        "page": hearings_in_week(db, monday, tracked_only=tracked_only),
    }
    return render(request, "web/hearings.html", context)


@router.get("/hearings.ics")
def hearings_feed(request: Request, db: Db, user: SignedIn, now: Now) -> Response:
    tracked_only = request.query_params.get("tracked") == "1"
    return Response(
        calendar_feed(db, now=now, tracked_only=tracked_only),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'inline; filename="hearings.ics"'},
    )
