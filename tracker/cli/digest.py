"""`tracker digest`: preview one member's weekly update, or send the week's to everyone."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from jobs.digest import send_weekly_digest
from tracker.cli.app import main
from tracker.cli.common import open_db, require_schema
from tracker.config import get_settings
from tracker.digest.build import build_digest
from tracker.digest.load import load_digest_input
from tracker.digest.render import render_digest
from tracker.rules.dates import monday_of
from tracker.store.members import find_member

PREVIEW_SECRET = "preview-only-not-for-sending"
PREVIEW_URL = "https://tracker.example.org"


@main.group()
def digest() -> None:
    """The weekly update each member receives."""


@digest.command("preview")
@click.option("--member", "email", required=True, help="The member's email.")
@click.option("--week", type=click.DateTime(["%Y-%m-%d"]), help="Any day of the week to send.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("digest-preview.html"),
    show_default=True,
    help="Where to write the HTML; the text version is printed.",
)
@click.option("--public-url", default=PREVIEW_URL, show_default=True, help="Base of links.")
def digest_preview(email: str, week: datetime | None, out: Path, public_url: str) -> None:
    """Build and render one member's digest without sending it."""
    monday = monday_of(week.date() if week else get_settings().today())
    try:
        secret = get_settings().check_secret()
    except ValueError:
        secret = PREVIEW_SECRET
    with open_db() as db:
        member = find_member(db, email)
        if member is None:
            raise click.ClickException(f"no member {email}")
        inputs = load_digest_input(db, week_monday=monday, revisor_url=get_settings().revisor_url)
    rendered = render_digest(
        build_digest(inputs, member, monday), public_url=public_url, secret=secret
    )
    out.write_text(rendered.html, encoding="utf-8")
    click.echo(f"Subject: {rendered.subject}\n")
    click.echo(rendered.text)
    click.echo(f"Wrote the HTML to {out}", err=True)


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
    day = week.date() if week else get_settings().today()
    monday = monday_of(day)
    require_schema(get_settings().database_url)
    try:
        report = send_weekly_digest(
            get_settings(),
            now=get_settings().now(),
            week=monday,
            dry_run=dry_run,
            resend_unconfirmed=resend_unconfirmed,
        )
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
