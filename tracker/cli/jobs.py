"""Commands on scheduled work: run the scheduler, list its jobs, run one now."""

from __future__ import annotations

import logging
from datetime import datetime

import click

from jobs.registry import JOBS
from jobs.scheduler import configure, next_runs, run_job
from jobs.spider_process import CrawlFailed
from tracker.cli.app import main
from tracker.cli.common import require_schema
from tracker.config import get_settings
from tracker.db import upgrade
from tracker.rules.dates import CENTRAL


@main.command()
def scheduler() -> None:
    """Run the scheduled jobs until stopped (Ctrl-C): crawls, tagging, the weekly update."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    settings = get_settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(message)s")
    upgrade(settings.database_url)
    blocking = BlockingScheduler()
    configure(blocking, settings)
    for spec, when in next_runs(settings, datetime.now(CENTRAL)):
        click.echo(f"{spec.id:<20} next {when:%a %Y-%m-%d %H:%M %Z}  {spec.what}")
    try:
        blocking.start()
    except (KeyboardInterrupt, SystemExit):
        click.echo("Scheduler stopped.")


@main.group()
def jobs() -> None:
    """The scheduled jobs."""


@jobs.command("list")
def jobs_list() -> None:
    """Every job: id, next run (Central time), schedule and what it does."""
    settings = get_settings()
    for spec, when in next_runs(settings, datetime.now(CENTRAL)):
        next_run = f"{when:%a %Y-%m-%d %H:%M}" if when else "never"
        click.echo(f"{spec.id:<20} {next_run:<20} {spec.cron(settings):<22} {spec.what}")


@jobs.command("run")
@click.argument("job_id", type=click.Choice([spec.id for spec in JOBS]))
def jobs_run(job_id: str) -> None:
    """Run one job now, in the foreground (on a database at the newest schema)."""
    require_schema(get_settings().database_url)
    try:
        run_job(job_id, get_settings())
    except CrawlFailed as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{job_id} done.")
