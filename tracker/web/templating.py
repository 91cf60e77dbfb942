"""The web app's one Jinja environment: autoescape on, undefined names are errors, and every
filter registered here."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from tracker.config import repo_root
from tracker.models import Bill
from tracker.rules.dates import CENTRAL
from tracker.rules.hearing_changes import when
from tracker.store.bills import bill_key
from tracker.vocab import HearingStatus, Position, Priority, Role, Stage
from tracker.web.auth import csrf_token


def templates_dir() -> Path:
    """`templates/` beside the `tracker` package: the repository root, or site-packages."""
    return repo_root() / "templates"


def day(value: date | None) -> str:
    return value.strftime("%b %-d, %Y") if value else "—"


def local_time(value: datetime | None) -> str:
    return value.astimezone(CENTRAL).strftime("%b %-d, %Y %-I:%M %p") if value else "—"


def bill_url(bill: Bill) -> str:
    return f"/bills/{bill_key(bill).slug}"


def stage_label(value: str) -> str:
    try:
        return Stage(value).label
    except ValueError:
        return value


def make_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"], default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        day=day,
        local_time=local_time,
        bill_url=bill_url,
        bill_key=lambda bill: str(bill_key(bill)),
        stage_label=stage_label,
        position_label=lambda value: Position(value).label,
        priority_label=lambda value: Priority(value).label,
        percent=lambda value: f"{value * 100:.0f}%",
        hearing_time=when,
    )
    env.globals.update(
        Stage=Stage,
        HearingStatus=HearingStatus,
        Position=Position,
        Priority=Priority,
        Role=Role,
        csrf_field="csrf_token",
    )
    return env


def make_templates() -> Jinja2Templates:
    return Jinja2Templates(env=make_environment())


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status_code: int = 200
) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    user = getattr(request.state, "user", None)
    values = {"user": user, "csrf_token": csrf_token(request), "nav": "", **(context or {})}
    return templates.TemplateResponse(request, name, values, status_code=status_code)
