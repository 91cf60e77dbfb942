"""Members of the association and a preview of any member's weekly update for any week,
rendered by the same code as the email (admins only)."""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from tracker.digest.build import build_digest
from tracker.digest.load import load_digest_input
from tracker.digest.render import render_digest
from tracker.models import Member
from tracker.rules.dates import CENTRAL, monday_of
from tracker.store.members import list_members
from tracker.web.auth import Admin, Db, Now
from tracker.web.templating import render

router = APIRouter()

# The email's HTML carries inline styles (CSS inlined for mail clients) and nothing else.
PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'"


@router.get("/admin/members")
def members_page(request: Request, db: Db, user: Admin, now: Now, week: str = "") -> Response:
    context = {"nav": "members", "members": list_members(db), "monday": _monday(week, now)}
    return render(request, "web/admin_members.html", context)


@router.get("/admin/members/{member_id}/digest")
def digest_preview(
    request: Request, member_id: int, db: Db, user: Admin, now: Now, week: str = ""
) -> Response:
    member = db.get(Member, member_id)
    if member is None:
        raise HTTPException(status_code=404, detail="No such member.")
    monday = _monday(week, now)
    settings = request.app.state.settings
    inputs = load_digest_input(
        db, week_monday=monday, revisor_url=settings.revisor_url, association=settings.association
    )
    rendered = render_digest(
        build_digest(inputs, member, monday),
        public_url=settings.public_url,
        secret=request.app.state.web.check_secret(),
    )
    return HTMLResponse(rendered.html, headers={"Content-Security-Policy": PREVIEW_POLICY})


def _monday(week: str, now: datetime) -> date:
    """The Monday of the week a `?week=` date falls in (this week when absent)."""
    try:
        day = date.fromisoformat(week) if week else now.astimezone(CENTRAL).date()
    except ValueError as error:
        raise HTTPException(
            status_code=404, detail="The week must be a date: 2026-03-09."
        ) from error
    return monday_of(day)
