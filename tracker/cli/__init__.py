"""The one `tracker` command. Each command body is a few lines calling `tracker.*`."""

from tracker.cli import bills, hearings, tagging, web  # noqa: F401  (each module adds its commands)
from tracker.cli.app import main

__all__ = ["main"]
