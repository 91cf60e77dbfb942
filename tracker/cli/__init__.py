"""The one `tracker` command, one module per command group. Each command body is a few
lines calling `tracker.*` or `jobs.*`."""

from tracker.cli import (  # noqa: F401  (each module adds its commands)
    bills,
    crawl,
    db,
    demo,
    digest,
    hearings,
    jobs,
    members,
    report,
    review,
    tagging,
    web,
)
from tracker.cli.app import main

__all__ = ["main"]
