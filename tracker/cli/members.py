"""`tracker members`: the people at member districts who receive the weekly update."""

from __future__ import annotations

from typing import TextIO

import click

from tracker.cli.app import main
from tracker.cli.common import open_db
from tracker.config import get_settings
from tracker.store.members import (
    MemberError,
    add_member,
    import_members_csv,
    list_members,
    remove_member,
)


@main.group()
def members() -> None:
    """People at member districts who receive the weekly update."""


@members.command("import")
@click.argument("csv_file", type=click.File("r", encoding="utf-8-sig"))
def members_import(csv_file: TextIO) -> None:
    """Import members from a CSV file (email, name, organization, role, follows, districts,
    cadence). Every row is checked first: one bad row and nothing is imported."""
    with open_db(upgrade_first=True) as db:
        report = import_members_csv(db, csv_file, now=get_settings().now())
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
@click.option(
    "--quarterly-summary", is_flag=True, help="The quarter's progress in the next weekly update."
)
def members_add(
    email: str,
    name: str,
    organization: str,
    role: str,
    follows: tuple[str, ...],
    districts: tuple[str, ...],
    cadence: str,
    quarterly_summary: bool,
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
                quarterly_summary=quarterly_summary,
                now=get_settings().now(),
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
