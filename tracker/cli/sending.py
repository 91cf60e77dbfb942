"""`tracker digest send`: the week's update to every active member, exactly once."""

from __future__ import annotations

from datetime import datetime

import click

from jobs.digest import send_weekly_digest
from tracker.cli.members import digest
from tracker.rules.dates import CENTRAL, monday_of


@digest.command("send")
@click.option(
    "--week",
    type=click.DateTime(["%Y-%m-%d"]),
    help="A day of the week to send (its Monday's digest); default: this week.",
)
@click.option("--dry-run", is_flag=True, help="Build and render every digest; send nothing.")
@click.option(
    "--resend-unconfirmed",
    is_flag=True,
    help="Also send digests a crashed run left unconfirmed (may make a second copy).",
)
def digest_send(week: datetime | None, dry_run: bool, resend_unconfirmed: bool) -> None:
    """Send the weekly update through TRACKER_EMAIL_BACKEND; a re-run sends only the rest."""
    day = week.date() if week else datetime.now(CENTRAL).date()
    monday = monday_of(day)
    try:
        report = send_weekly_digest(monday, dry_run=dry_run, resend_unconfirmed=resend_unconfirmed)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    verb = "Would send" if dry_run else "Sent"
    count = report.members if dry_run else len(report.sent)
    click.echo(f"{verb} {count} digests for the week of {monday:%B %-d, %Y}.")
    if report.already_sent:
        click.echo(f"{report.already_sent} had been sent before; not sent again.")
    if report.empty_weeks:
        click.echo(f"{report.empty_weeks} members had a quiet week: they get a short note.")
    for address, reason in report.rejected:
        click.echo(f"rejected, marked bounced: {address}: {reason}", err=True)
    for address, reason in report.failed:
        click.echo(f"failed, will be sent on the next run: {address}: {reason}", err=True)
    for address in report.unconfirmed:
        click.echo(
            f"unconfirmed (a run crashed while sending): {address}; "
            "check the provider, then use --resend-unconfirmed if it was not delivered",
            err=True,
        )
    if report.failed or report.unconfirmed:
        raise SystemExit(1)
