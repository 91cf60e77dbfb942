"""Commands on hearings: the week's list and the calendar feed."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import click

from tracker import store
from tracker.cli.app import main
from tracker.cli.common import open_db
from tracker.config import get_settings
from tracker.present.calendar import hearings_calendar
from tracker.present.text import hearings_view
from tracker.rules.dates import CENTRAL, week_bounds
from tracker.store.tags import tracked_bill_ids


@main.group()
def hearings() -> None:
    """Committee hearings and floor sessions."""


@hearings.command("list")
@click.option(
    "--week",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Any day of the week to list (Monday to Sunday); default: this week.",
)
@click.option("--committee", default="", help="Committees whose name contains this.")
@click.option("--tracked", is_flag=True, help="Only hearings with a tracked bill on the agenda.")
def hearings_list(week: datetime | None, committee: str, tracked: bool) -> None:
    """The week's hearings with their agendas and any change seen."""
    start, end = week_bounds(week.date() if week else get_settings().today())
    with open_db() as db:
        bill_ids = sorted(tracked_bill_ids(db)) if tracked else None
        views = store.hearings_between(db, start, end, committee=committee, bill_ids=bill_ids)
        click.echo(hearings_view(views, empty=f"No hearings in the week of {start:%Y-%m-%d}."))


@hearings.command("ics")
@click.option("--tracked", is_flag=True, help="Only hearings with a tracked bill on the agenda.")
@click.option("--days", default=60, show_default=True, help="How far ahead, in days.")
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    help="First day of the feed (default: today).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("hearings.ics"),
    show_default=True,
    help="The file to write ('-' for stdout).",
)
def hearings_ics(tracked: bool, days: int, since: datetime | None, out: Path) -> None:
    """Write upcoming hearings as an iCalendar (.ics) file staff can subscribe to."""
    first = since.date() if since else get_settings().today()
    start = datetime.combine(first, time(0), tzinfo=CENTRAL)
    with open_db() as db:
        bill_ids = sorted(tracked_bill_ids(db)) if tracked else None
        views = store.hearings_between(db, start, start + timedelta(days=days), bill_ids=bill_ids)
        name = "Hearings with tracked bills" if tracked else "Minnesota Legislature hearings"
        feed = hearings_calendar(views, name=name, now=get_settings().now())
    if str(out) == "-":
        click.echo(feed.decode("utf-8"), nl=False)
    else:
        out.write_bytes(feed)
        click.echo(f"Wrote {len(views)} hearings to {out}", err=True)
