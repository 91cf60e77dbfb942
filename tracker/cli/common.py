"""Helpers the command modules share."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import click
from sqlmodel import Session

from tracker.config import get_settings
from tracker.db import make_engine, session_scope, upgrade
from tracker.rules.dates import CENTRAL
from tracker.rules.sessions import SessionRef, current_session, parse_session


def session_ref(text: str) -> SessionRef:
    if not text:
        return current_session(datetime.now(CENTRAL).date())
    try:
        return parse_session(text)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--session") from error


def safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@contextmanager
def open_db(*, upgrade_first: bool = False) -> Iterator[Session]:
    """A session on TRACKER_DATABASE_URL, committed on success; the schema upgraded if asked."""
    url = get_settings().database_url
    if upgrade_first:
        upgrade(url)
    engine = make_engine(url)
    try:
        with session_scope(engine) as db:
            yield db
    finally:
        engine.dispose()
