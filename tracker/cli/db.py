"""`tracker db`: the database schema."""

from __future__ import annotations

import click

from tracker.cli.app import main
from tracker.cli.common import safe_url
from tracker.config import get_settings
from tracker.db import upgrade


@main.group()
def db() -> None:
    """The database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Create the database, or upgrade it to the newest schema (TRACKER_DATABASE_URL)."""
    url = get_settings().database_url
    upgrade(url)
    click.echo(f"Database is at the newest schema: {safe_url(url)}")
