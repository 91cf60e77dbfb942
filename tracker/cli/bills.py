"""Commands on bill status: the schema, crawls, reading bills, the demo."""

from __future__ import annotations

from datetime import UTC, date, datetime

import click

from jobs.spider_process import CrawlFailed, run_spider
from jobs.tag import run_tagging
from tracker import store
from tracker.cli.app import main
from tracker.cli.common import open_db, safe_url, session_ref
from tracker.config import get_settings
from tracker.db import upgrade
from tracker.present.text import bill_line, counts_table, hearings_view, tags_view, timeline
from tracker.records.bills import BillKey, parse_bill_ref
from tracker.rules.dates import CENTRAL
from tracker.rules.sessions import current_session
from tracker.store.frameworks import current_catalog
from tracker.vocab import Stage

# -- db ----------------------------------------------------------------------------------


@main.group()
def db() -> None:
    """The database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Create the database, or upgrade it to the newest schema (TRACKER_DATABASE_URL)."""
    url = get_settings().database_url
    upgrade(url)
    click.echo(f"Database is at the newest schema: {safe_url(url)}")


# -- crawl -------------------------------------------------------------------------------

_session_option = click.option(
    "--session",
    default="",
    help="2025-2026 (regular) or 2025s1 (first special session of 2025); "
    "default: the current biennium.",
)
_bills_option = click.option("--bills", default="", help="Only these bills, e.g. HF5,SF1832.")


@main.group(invoke_without_command=True)
@_session_option
@_bills_option
@click.option("--refetch-text", is_flag=True, help="Read bill text even when the version is known.")
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's INFO log.")
@click.pass_context
def crawl(ctx: click.Context, session: str, bills: str, refetch_text: bool, verbose: bool) -> None:
    """Crawl a source into the database; with no subcommand, crawl bill status (mn_bills)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(
            crawl_bills, session=session, bills=bills, refetch_text=refetch_text, verbose=verbose
        )


@crawl.command("bills")
@_session_option
@_bills_option
@click.option("--refetch-text", is_flag=True, help="Read bill text even when the version is known.")
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's INFO log.")
def crawl_bills(session: str, bills: str, refetch_text: bool, verbose: bool) -> None:
    """Crawl bill status, actions, authors, versions and statutes from the Revisor."""
    ref = session_ref(session)
    args = {"session": ref.arg, "bills": bills, "refetch_text": "yes" if refetch_text else ""}
    click.echo(f"Crawling {ref.name} bills from {get_settings().revisor_api_url} ...", err=True)
    _run_crawl("mn_bills", args, verbose=verbose)
    with open_db() as db:
        click.echo(run_tagging(db, now=datetime.now(UTC)).describe())


@crawl.command("hearings")
@click.option("--start", default="", help="First day (YYYY-MM-DD) of a window; default: upcoming.")
@click.option("--days", default="", help="Days in the window from --start.")
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's INFO log.")
def crawl_hearings(start: str, days: str, verbose: bool) -> None:
    """Crawl the House and Senate hearing schedules (mn_hearings)."""
    settings = get_settings()
    click.echo(
        f"Crawling hearings from {settings.house_url} and {settings.senate_url} ...", err=True
    )
    _run_crawl("mn_hearings", {"start": start, "days": days}, verbose=verbose)


@crawl.command("legislators")
@click.option("--committees", default="", help="Only committees whose name has this word.")
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's INFO log.")
def crawl_legislators(committees: str, verbose: bool) -> None:
    """Crawl House and Senate members and committee rosters (mn_legislators)."""
    settings = get_settings()
    click.echo(
        f"Crawling members from {settings.house_url} and {settings.senate_url} ...", err=True
    )
    _run_crawl("mn_legislators", {"committees": committees}, verbose=verbose)


def _run_crawl(spider: str, args: dict[str, str], *, verbose: bool) -> None:
    upgrade(get_settings().database_url)
    try:
        run_spider(spider, args, verbose=verbose)
    except CrawlFailed as error:
        raise click.ClickException(str(error)) from error
    finally:
        _echo_last_run(spider)


def _echo_last_run(spider: str) -> None:
    with open_db() as db:
        run = store.latest_crawl_run(db, spider=spider)
        if run is not None:
            title = f"Crawl run {run.id} ({spider}): {run.status}"
            click.echo(counts_table(dict(sorted(run.counts.items())), title=title))


# -- bills -------------------------------------------------------------------------------


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


@bills.command("show")
@click.argument("bill")
@_session_option
def bills_show(bill: str, session: str) -> None:
    """A bill's status timeline, companion, authors, versions and statutes, e.g. "HF 5"."""
    settings = get_settings()
    try:
        bill_type, number = parse_bill_ref(bill)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="BILL") from error
    with open_db() as db:
        if session:
            ref = session_ref(session)
            legislature, special = ref.legislature, ref.special_session
        else:
            newest = store.latest_session(db)
            fallback = current_session(date.today())
            legislature = newest.legislature if newest else fallback.legislature
            special = 0
        detail = store.bill_detail(db, BillKey(legislature, special, bill_type, number))
        if detail is None:
            raise click.ClickException(f"{bill_type.value} {number} is not in the database")
        click.echo(timeline(detail, revisor_url=settings.revisor_url))
        click.echo("")
        click.echo(tags_view(detail, current_catalog(db)))
        assert detail.bill.id is not None
        heard = store.hearings_for_bill(db, detail.bill.id)
        click.echo("")
        click.echo(hearings_view(heard, empty="Hearings: none scheduled"))


# -- demo --------------------------------------------------------------------------------


@main.command()
@click.option(
    "--database",
    default="tracker-demo.db",
    show_default=True,
    help="The SQLite file to create afresh.",
)
def demo(database: str) -> None:
    """Crawl the bundled sample from a local replay server into a fresh SQLite file."""
    from tracker.demo import run_demo

    run_demo(database=database, echo=click.echo)
