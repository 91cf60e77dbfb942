"""`tracker serve` runs the web app; `tracker users ...` manages who can sign in."""

from __future__ import annotations

import sys

import click

from tracker.cli.app import main
from tracker.cli.common import open_db, require_schema
from tracker.config import get_settings
from tracker.vocab import Role


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
def serve(host: str, port: int) -> None:
    """Run the web app (needs TRACKER_SECRET_KEY) on the configured database."""
    import uvicorn

    from tracker.web.app import create_app

    require_schema(get_settings().database_url)
    try:
        app = create_app(get_settings())
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    uvicorn.run(app, host=host, port=port, proxy_headers=False)


@main.group()
def users() -> None:
    """Accounts of the web app."""


@users.command("add")
@click.argument("email")
@click.option(
    "--role",
    type=click.Choice([role.value for role in Role]),
    required=True,
    help="What they may do.",
)
@click.option("--name", default="", help="Their name, as shown in the app and the history.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def users_add(email: str, role: str, name: str, password_stdin: bool) -> None:
    """Add an account; the password is asked for twice (or read from stdin)."""
    from tracker.store.users import create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        with open_db(upgrade_first=True) as db:
            user = create_user(
                db,
                email=email,
                password=password,
                role=Role(role),
                name=name,
                now=get_settings().now(),
            )
            click.echo(f"Added {user.email} ({user.role}).")
    except ValueError as error:
        raise click.ClickException(str(error)) from error


@users.command("list")
def users_list() -> None:
    """Print every account: email, role, active, last sign-in."""
    from tracker.store.users import list_users

    with open_db() as db:
        for user in list_users(db):
            last = (
                user.last_login_at.isoformat(timespec="minutes") if user.last_login_at else "never"
            )
            state = "active" if user.active else "disabled"
            click.echo(
                f"{user.email:<36} {user.role:<9} {state:<8} last sign-in {last}  {user.name}"
            )
