"""`tracker demo`: the offline main job."""

from __future__ import annotations

import click

from tracker.cli.app import main


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
