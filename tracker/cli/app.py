"""The `tracker` command group; each module of this package adds its commands to it."""

from __future__ import annotations

from typing import Any

import click
from pydantic import ValidationError

from tracker import __version__


class TrackerGroup(click.Group):
    """The command group; a setting that does not parse is one line naming the variable."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ValidationError as error:
            problems = "; ".join(
                f"TRACKER_{'_'.join(str(part) for part in problem['loc']).upper()}: "
                f"{problem['msg']} (got {problem.get('input')!r})"
                for problem in error.errors()
            )
            raise click.ClickException(f"a setting is wrong: {problems}") from None


@click.group(cls=TrackerGroup)
@click.version_option(__version__, prog_name="tracker")
def main() -> None:
    """Minnesota education advocacy tracker: bills, tags, hearings and weekly updates."""
