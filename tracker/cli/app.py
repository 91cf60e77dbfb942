"""The `tracker` command group; each module of this package adds its commands to it."""

from __future__ import annotations

import click

from tracker import __version__


@click.group()
@click.version_option(__version__, prog_name="tracker")
def main() -> None:
    """Minnesota education advocacy tracker: bills, tags, hearings and weekly updates."""
