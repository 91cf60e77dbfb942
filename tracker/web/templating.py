"""Pages rendered with the one Jinja environment (`tracker.present.templating`), with what
every page needs: the signed-in user and the session's CSRF token."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from tracker.present.templating import environment
from tracker.web.auth import CSRF_FIELD, csrf_token


def make_templates() -> Jinja2Templates:
    return Jinja2Templates(env=environment())


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status_code: int = 200
) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    user = getattr(request.state, "user", None)
    values = {
        "user": user,
        "csrf_token": csrf_token(request),
        "csrf_field": CSRF_FIELD,
        "nav": "",
        **(context or {}),
    }
    return templates.TemplateResponse(request, name, values, status_code=status_code)
