"""`tracker review`: the bills waiting for someone to look at them, most urgent first."""

from __future__ import annotations

import textwrap

import click

from tracker.cli.app import main
from tracker.cli.common import open_db
from tracker.config import get_settings
from tracker.present.text import review_lines
from tracker.store.review import review_queue


@main.group()
def review() -> None:
    """The review queue: tracked bills that are new or changed since someone looked."""


@review.command("list")
@click.option("--limit", type=int, default=None, help="At most this many bills.")
def review_list(limit: int | None) -> None:
    """Bills waiting for review: what changed, stage, position, a hearing soon, suggestions."""
    settings = get_settings()
    with open_db() as db:
        entries, waiting = review_queue(db, now=settings.now(), limit=limit)
        for line in review_lines(entries):
            click.echo(line)
    click.echo(
        textwrap.shorten(
            f"{waiting} bills wait for review" + (" (review them at /review)" if waiting else ""),
            88,
        ),
        err=True,
    )
