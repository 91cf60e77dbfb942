"""The one `tracker` command. Each command body is a few lines calling `tracker.*`."""

from tracker.cli import (  # noqa: F401  (each module adds its commands)
    bills,
    hearings,
    jobs,
    members,
    sending,
    tagging,
    web,
)
from tracker.cli.app import main

__all__ = ["main"]
