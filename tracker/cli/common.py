"""Helpers the command modules share: the database, sessions and bill numbers as typed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from tracker import store
from tracker.config import get_settings
from tracker.db import current_revision, head_revision, make_engine, session_scope, upgrade
from tracker.records.bills import BillKey
from tracker.rules.bill_refs import parse_bill_ref
from tracker.rules.sessions import SessionRef, current_session, parse_session

session_option = click.option(
    "--session",
    default="",
    help="2025-2026 (regular) or 2025s1 (first special session of 2025); "
    "default: the current biennium.",
)


def session_ref(text: str) -> SessionRef:
    if not text:
        return current_session(get_settings().today())
    try:
        return parse_session(text)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--session") from error


def find_bill_key(db: Session, bill: str, session: str = "") -> BillKey:
    """'HF 5' in `session`, or in the newest regular session stored (else the current one)."""
    try:
        bill_type, number = parse_bill_ref(bill)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="BILL") from error
    if session:
        ref = session_ref(session)
        return BillKey(ref.legislature, ref.special_session, bill_type, number)
    newest = store.latest_session(db)
    legislature = newest.legislature if newest else session_ref("").legislature
    return BillKey(legislature, 0, bill_type, number)


def safe_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def require_schema(url: str) -> None:
    """Refuse in one line that names `tracker db upgrade` a database that is missing, has no
    tables or another schema; a SQLite file that does not exist is not created."""
    shown = safe_url(url)
    parsed = make_url(url)
    path = parsed.database or ""
    sqlite_file = parsed.get_backend_name() == "sqlite" and path not in ("", ":memory:")
    if sqlite_file and not Path(path).exists():
        raise click.ClickException(
            f"no database at {shown}: run `tracker db upgrade` to create it "
            "(or set TRACKER_DATABASE_URL to the one you meant)"
        )
    engine = make_engine(url)
    try:
        revision = current_revision(engine)
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise click.ClickException(f"cannot open the database at {shown}: {reason}") from None
    finally:
        engine.dispose()
    head = head_revision(url)
    if revision is None:
        raise click.ClickException(
            f"the database at {shown} has no tables yet: run `tracker db upgrade` to create them"
        )
    if revision != head:
        raise click.ClickException(
            f"the database at {shown} is at schema {revision}, not {head}: run `tracker db upgrade`"
        )


@contextmanager
def open_db(*, upgrade_first: bool = False) -> Iterator[Session]:
    """A session on TRACKER_DATABASE_URL, committed on success; the schema upgraded if asked,
    else checked first (`require_schema`)."""
    url = get_settings().database_url
    if upgrade_first:
        upgrade(url)
    else:
        require_schema(url)
    engine = make_engine(url)
    try:
        with session_scope(engine) as db:
            yield db
    finally:
        engine.dispose()
