"""The one Jinja environment, for the web pages and the emails alike: autoescape on for HTML
(not for the emails' .txt twins), undefined names are errors, and every filter and global
registered here, once. Templates live in `templates/` (`web/`, `digest/`)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from tracker.config import repo_root
from tracker.models import Bill
from tracker.present.labels import day, local_time, long_day, short_day, stage_label
from tracker.present.text import action_line
from tracker.rules.hearing_changes import when
from tracker.store.bills import bill_key
from tracker.vocab import HearingStatus, Position, Priority, Role, Stage


def templates_dir() -> Path:
    """`templates/` beside the `tracker` package: the repository root, or site-packages."""
    return repo_root() / "templates"


def bill_url(bill: Bill) -> str:
    return f"/bills/{bill_key(bill).slug}"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=jinja2.select_autoescape(
            ["html", "xml", "svg"], default_for_string=True, default=False
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        day=day,
        long_day=long_day,
        short_day=short_day,
        local_time=local_time,
        stage_label=stage_label,
        bill_url=bill_url,
        bill_key=lambda bill: str(bill_key(bill)),
        position_label=lambda value: Position(value).label,
        priority_label=lambda value: Priority(value).label,
        percent=lambda value: f"{value * 100:.0f}%",
        hearing_time=when,
        action_line=lambda action: action_line(action, journal=False),
    )
    env.globals.update(
        Stage=Stage, HearingStatus=HearingStatus, Position=Position, Priority=Priority, Role=Role
    )
    return env
