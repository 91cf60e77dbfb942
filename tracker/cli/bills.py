"""`tracker bills`: read the bills in the database, and set the association's position."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from tracker import store
from tracker.cli.app import main
from tracker.cli.common import find_bill_key, open_db, session_option
from tracker.config import get_settings
from tracker.present.changes import details, summary
from tracker.present.text import bill_line, hearings_view, tags_view, timeline
from tracker.rules.dates import CENTRAL
from tracker.store.frameworks import current_catalog
from tracker.store.positions import set_position
from tracker.store.versions import changes_between, versions_read
from tracker.vocab import Position, Priority, Stage


@main.group()
def bills() -> None:
    """Read the bills in the database."""


@bills.command("list")
@click.option(
    "--stage",
    type=click.Choice([s.value for s in Stage]),
    help="Bills at this stage (dead bills match the stage they reached too).",
)
@click.option(
    "--changed-since",
    type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M"]),
    help="Bills whose record changed since this day or time (Central).",
)
@click.option("--limit", type=int, default=None, help="At most this many bills.")
def bills_list(stage: str | None, changed_since: datetime | None, limit: int | None) -> None:
    """List bills: number, stage, last action date, description."""
    since = changed_since.replace(tzinfo=CENTRAL).astimezone(UTC) if changed_since else None
    with open_db() as db:
        rows = store.list_bills(db, stage=stage, changed_since=since, limit=limit)
        for bill in rows:
            click.echo(bill_line(bill))
        click.echo(f"{len(rows)} bills", err=True)
        if not rows and not (stage or since) and not store.list_bills(db, limit=1):
            click.echo(
                "No bills yet: `tracker crawl` fetches them from the Revisor "
                "(or `tracker demo` builds a sample database).",
                err=True,
            )


@bills.command("show")
@click.argument("bill")
@session_option
def bills_show(bill: str, session: str) -> None:
    """A bill's status timeline, companion, authors, versions and statutes, e.g. "HF 5"."""
    settings = get_settings()
    with open_db() as db:
        key = find_bill_key(db, bill, session)
        detail = store.bill_detail(db, key)
        if detail is None:
            raise click.ClickException(f"{key} is not in the database")
        click.echo(timeline(detail, revisor_url=settings.revisor_url))
        click.echo("")
        click.echo(tags_view(detail, current_catalog(db)))
        assert detail.bill.id is not None
        heard = store.hearings_for_bill(db, detail.bill.id)
        click.echo("")
        click.echo(hearings_view(heard, empty="Hearings: none scheduled"))


@bills.command("position")
@click.argument("bill")
@click.argument("position", type=click.Choice([p.value for p in Position]))
@click.option("--priority", type=click.Choice([p.value for p in Priority]), default="none")
@click.option("--notes", default="")
@click.option("--talking-points", default="", help="One point a line.")
@click.option("--urgent", is_flag=True, help="Mark it for an urgent action alert.")
@click.option("--by", default="cli", show_default=True, help="Who set it (the audit trail).")
def bills_position(
    bill: str, position: str, priority: str, notes: str, talking_points: str, urgent: bool, by: str
) -> None:
    """Set the association's position on a bill of the current session, e.g. "HF 5" support."""
    with open_db() as db:
        key = find_bill_key(db, bill)
        row = store.find_bill(db, key)
        if row is None or row.id is None:
            raise click.ClickException(f"{key} is not in the database")
        event = set_position(
            db,
            bill_id=row.id,
            position=Position(position),
            priority=Priority(priority),
            notes=notes,
            talking_points=talking_points,
            urgent=urgent,
            by=by,
            now=get_settings().now(),
        )
    click.echo(f"{key}: {position}" + ("" if event else " (unchanged)"))


@bills.command("changes")
@click.argument("bill")
@session_option
@click.option("--from", "first", type=int, help="The earlier version, by number (1 = the first).")
@click.option("--to", "last", type=int, help="The later version, by number; default: the newest.")
def bills_changes(bill: str, session: str, first: int | None, last: int | None) -> None:
    """What changed between two versions of a bill, money first, e.g. "HF 4127" --from 1 --to 2."""
    with open_db() as db:
        key = find_bill_key(db, bill, session)
        row = store.find_bill(db, key)
        if row is None or row.id is None:
            raise click.ClickException(f"{key} is not in the database")
        read = versions_read(db, row.id)
        for number, version in enumerate(read, start=1):
            click.echo(f"{number}. {version.label or version.name}", err=True)
        if len(read) < 2:
            raise click.ClickException(
                f"{key} has {len(read)} version with its text stored; changes need two"
            )
        last = last or len(read)
        first = first or last - 1
        if not 1 <= first < last <= len(read):
            raise click.BadParameter(
                f"versions are numbered 1 to {len(read)}; --from must come before --to",
                param_hint="--from/--to",
            )
        before, after = read[first - 1], read[last - 1]
        changes = changes_between(db, row, before=before, after=after)
    click.echo(f"{key}: {before.label or before.name} -> {after.label or after.name}")
    click.echo(summary(changes, version=after.label or after.name))
    click.echo("")
    click.echo(details(changes))
