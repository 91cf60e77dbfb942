"""`tracker crawl`: run a spider in a process of its own, print the crawl's counts and what
it lost, and exit with how it ended (0 finished, 3 finished with losses, 4 interrupted,
1 failed)."""

from __future__ import annotations

import click

from jobs.spider_process import CrawlFailed, CrawlOutcome, run_spider
from jobs.tag import run_tagging
from tracker import store
from tracker.cli.app import main
from tracker.cli.common import open_db, session_option, session_ref
from tracker.config import get_settings
from tracker.db import upgrade
from tracker.present.text import counts_table, tagging_view
from tracker.vocab import CrawlMode, CrawlStatus

_bills_option = click.option("--bills", default="", help="Only these bills, e.g. HF5,SF1832.")
_full_option = click.option(
    "--full",
    is_flag=True,
    help="Read every listed bill's status, not only new and changed bills (a full pass "
    "cut short goes on where it stopped).",
)
_refetch_option = click.option(
    "--refetch-text", is_flag=True, help="Read bill text even when the version is known."
)
_verbose_option = click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's INFO log.")


@main.group(invoke_without_command=True)
@session_option
@_bills_option
@_full_option
@_refetch_option
@_verbose_option
@click.pass_context
def crawl(
    ctx: click.Context, session: str, bills: str, full: bool, refetch_text: bool, verbose: bool
) -> None:
    """Crawl a source into the database; with no subcommand, crawl bill status (mn_bills).

    Exits 0 when the crawl finished, 3 when it finished with losses (named in the output),
    4 when it was interrupted, 1 when it failed."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(
            crawl_bills,
            session=session,
            bills=bills,
            full=full,
            refetch_text=refetch_text,
            verbose=verbose,
        )


@crawl.command("bills")
@session_option
@_bills_option
@_full_option
@_refetch_option
@_verbose_option
def crawl_bills(session: str, bills: str, full: bool, refetch_text: bool, verbose: bool) -> None:
    """Crawl bill status, actions, authors, versions and statutes from the Revisor: the new
    and changed bills (by the status search's last-action dates), or every bill (--full)."""
    ref = session_ref(session)
    mode = CrawlMode.FULL if full else CrawlMode.INCREMENTAL
    args = {
        "session": ref.arg,
        "bills": bills,
        "mode": mode.value,
        "refetch_text": "yes" if refetch_text else "",
    }
    click.echo(
        f"Crawling {ref.name} bills ({mode.value}) from {get_settings().revisor_api_url} ...",
        err=True,
    )
    outcome = _run_crawl("mn_bills", args, verbose=verbose)
    with open_db() as db:
        click.echo(tagging_view(run_tagging(db, now=get_settings().now())))
    _exit_with(outcome)


@crawl.command("hearings")
@click.option("--start", default="", help="First day (YYYY-MM-DD) of a window; default: upcoming.")
@click.option("--days", default="", help="Days in the window from --start.")
@_verbose_option
def crawl_hearings(start: str, days: str, verbose: bool) -> None:
    """Crawl the House and Senate hearing schedules (mn_hearings)."""
    settings = get_settings()
    click.echo(
        f"Crawling hearings from {settings.house_url} and {settings.senate_url} ...", err=True
    )
    _exit_with(_run_crawl("mn_hearings", {"start": start, "days": days}, verbose=verbose))


@crawl.command("legislators")
@click.option("--committees", default="", help="Only committees whose name has this word.")
@_verbose_option
def crawl_legislators(committees: str, verbose: bool) -> None:
    """Crawl House and Senate members and committee rosters (mn_legislators)."""
    settings = get_settings()
    click.echo(
        f"Crawling members from {settings.house_url} and {settings.senate_url} ...", err=True
    )
    _exit_with(_run_crawl("mn_legislators", {"committees": committees}, verbose=verbose))


def _run_crawl(spider: str, args: dict[str, str], *, verbose: bool) -> CrawlOutcome:
    upgrade(get_settings().database_url)
    try:
        return run_spider(spider, args, verbose=verbose)
    except CrawlFailed as failed:
        return failed.outcome
    finally:
        _echo_last_run(spider)


def _echo_last_run(spider: str) -> None:
    with open_db() as db:
        run = store.latest_crawl_run(db, spider=spider)
        if run is not None:
            title = f"Crawl run {run.id} ({spider}): {run.status}"
            click.echo(counts_table(dict(sorted(run.counts.items())), title=title))
            if run.error:
                click.echo(run.error)
            for entry in run.lost:
                click.echo(f"  not stored: {entry}")


def _exit_with(outcome: CrawlOutcome) -> None:
    if outcome.status is not CrawlStatus.FINISHED:
        click.echo(f"Crawl {outcome}", err=True)
        raise SystemExit(outcome.status.exit_code)
