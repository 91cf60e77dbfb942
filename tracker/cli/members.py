"""Commands on members, the weekly digest, and (for scripts) the association's positions."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import TextIO

import click

from tracker import store
from tracker.cli.app import main
from tracker.cli.bills import bills
from tracker.cli.common import open_db
from tracker.config import get_settings
from tracker.digest.build import build_digest
from tracker.digest.load import load_digest_input
from tracker.digest.render import render_digest
from tracker.records.bills import BillKey, parse_bill_ref
from tracker.rules.dates import CENTRAL, monday_of
from tracker.rules.sessions import current_session
from tracker.store.members import (
    MemberError,
    add_member,
    find_member,
    import_members_csv,
    list_members,
    remove_member,
)
from tracker.store.positions import set_position
from tracker.vocab import Position, Priority

PREVIEW_SECRET = "preview-only-not-for-sending"
PREVIEW_URL = "https://tracker.example.org"

# -- members -------------------------------------------------------------------------------


@main.group()
def members() -> None:
    """People at member districts who receive the weekly update."""


@members.command("import")
@click.argument("csv_file", type=click.File("r", encoding="utf-8-sig"))
def members_import(csv_file: TextIO) -> None:
    """Import members from a CSV file (email, name, organization, role, follows, districts,
    cadence). Every row is checked first: one bad row and nothing is imported."""
    with open_db(upgrade_first=True) as db:
        report = import_members_csv(db, csv_file, now=datetime.now(UTC))
    if report.problems:
        for problem in report.problems:
            click.echo(f"line {problem.line}: {problem.reason}", err=True)
        raise click.ClickException(f"{len(report.problems)} bad row(s); nothing was imported")
    click.echo(f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged")


@members.command("list")
def members_list() -> None:
    """Members with their district, state, cadence and what they follow."""
    with open_db() as db:
        rows = list_members(db)
        for m in rows:
            follows = ", ".join(m.follows) or "everything"
            districts = ", ".join(m.districts) or "no district"
            click.echo(
                f"{m.email}  {m.name} ({m.organization}, {m.role})  {m.state}, {m.cadence}  "
                f"[{districts}]  follows: {follows}"
            )
        click.echo(f"{len(rows)} members", err=True)


@members.command("add")
@click.argument("email")
@click.option("--name", required=True)
@click.option("--organization", required=True, help="The member's school district.")
@click.option("--role", default="", help="superintendent, board member, business official ...")
@click.option("--follows", multiple=True, help="An issue area, framework item or framework.")
@click.option("--district", "districts", multiple=True, help="A House district, e.g. 49A.")
@click.option("--cadence", type=click.Choice(["weekly", "weekly+urgent"]), default="weekly")
def members_add(
    email: str,
    name: str,
    organization: str,
    role: str,
    follows: tuple[str, ...],
    districts: tuple[str, ...],
    cadence: str,
) -> None:
    """Add a member, or update the one with this email."""
    with open_db(upgrade_first=True) as db:
        try:
            member = add_member(
                db,
                email=email,
                name=name,
                organization=organization,
                role=role,
                follows=follows,
                districts=districts,
                cadence=cadence,
                now=datetime.now(UTC),
            )
        except MemberError as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"Member {member.email} saved")


@members.command("remove")
@click.argument("email")
def members_remove(email: str) -> None:
    """Remove a member and their delivery records."""
    with open_db() as db:
        if not remove_member(db, email=email):
            raise click.ClickException(f"no member {email}")
    click.echo(f"Removed {email}")


# -- digest --------------------------------------------------------------------------------


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
    monday = monday_of(week.date() if week else datetime.now(CENTRAL).date())
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


# -- bills position ------------------------------------------------------------------------


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
    try:
        bill_type, number = parse_bill_ref(bill)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="BILL") from error
    with open_db() as db:
        newest = store.latest_session(db)
        legislature = newest.legislature if newest else current_session(date.today()).legislature
        row = store.find_bill(db, BillKey(legislature, 0, bill_type, number))
        if row is None or row.id is None:
            raise click.ClickException(f"{bill_type.value} {number} is not in the database")
        event = set_position(
            db,
            bill_id=row.id,
            position=Position(position),
            priority=Priority(priority),
            notes=notes,
            talking_points=talking_points,
            urgent=urgent,
            by=by,
            now=datetime.now(UTC),
        )
    click.echo(f"{bill_type.value} {number}: {position}" + ("" if event else " (unchanged)"))
