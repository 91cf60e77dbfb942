"""Pages rendered with the one Jinja environment (`tracker.present.templating`), with what
every page needs: the signed-in user and the session's CSRF token."""

from __future__ import annotations

import time
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from tracker.db import session_scope
from tracker.present.templating import environment
from tracker.store.review import review_count
from tracker.web.auth import CSRF_FIELD, csrf_token


def make_templates() -> Jinja2Templates:
    return Jinja2Templates(env=environment())


REVIEW_COUNT_SECONDS = 20.0  # how old the navigation's count may be


def waiting_for_review(request: Request) -> int:
    """The count in the navigation: bills waiting in the review queue. Counting reads every
    tracked bill, so the count is kept up to REVIEW_COUNT_SECONDS, and dropped whenever this
    app changes something (a POST: see app.py) or the review page counts afresh."""
    state = request.app.state
    cached = getattr(state, "review_waiting", None)
    if cached is None or cached[0] < time.monotonic():
        with session_scope(state.engine) as db:
            remember_review_count(request, review_count(db))
    return int(state.review_waiting[1])


def remember_review_count(request: Request, waiting: int) -> None:
    request.app.state.review_waiting = (time.monotonic() + REVIEW_COUNT_SECONDS, waiting)


def forget_review_count(request: Request) -> None:
    request.app.state.review_waiting = None


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status_code: int = 200
) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    user = getattr(request.state, "user", None)
    values = {
        "user": user,
        "review_waiting": waiting_for_review(request) if user else 0,
        "csrf_token": csrf_token(request),
        "csrf_field": CSRF_FIELD,
        "nav": "",
        **(context or {}),
    }
    return templates.TemplateResponse(request, name, values, status_code=status_code)
