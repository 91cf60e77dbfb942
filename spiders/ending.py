"""How a crawl ended, from Scrapy's finish reason and what the spider lost.

finished: it ran to the end and lost nothing. finished_with_losses: it ran to the end, but
bills it listed (or ranges it could not list, or schedule entries) were not stored; each is
named with its reason. failed: the source changed shape (the spider stopped early), or
nothing it tried to read could be read. interrupted: its time ran out or it was stopped; the
next crawl goes on from there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tracker.vocab import CrawlStatus

SOURCE_CHANGED = "source_changed"  # the finish reason of a crawl its guard stopped
# Its time ran out, it was stopped (SIGTERM), a server asked to wait longer than allowed.
INTERRUPTED_REASONS = frozenset({"closespider_timeout", "shutdown", "retry_after"})
NAMED_LOSSES = 50  # at most this many losses are named in a run; all are counted


@dataclass(frozen=True)
class CrawlEnding:
    status: CrawlStatus
    summary: str
    lost: tuple[str, ...] = ()  # the first NAMED_LOSSES, "HF 45: HTTP 500"
    lost_count: int = 0

    @property
    def exit_code(self) -> int:
        return self.status.exit_code


def crawl_ending(
    reason: str, *, lost: Mapping[str, str], read: int, stop_message: str = ""
) -> CrawlEnding:
    """`lost`: what was not stored -> why; `read`: what was read and kept (or found current)."""
    named = tuple(f"{what}: {why}" for what, why in list(lost.items())[:NAMED_LOSSES])
    losses = _losses(named, len(lost))

    def end(status: CrawlStatus, summary: str) -> CrawlEnding:
        return CrawlEnding(status, summary, named, len(lost))

    if reason == SOURCE_CHANGED:
        return end(CrawlStatus.FAILED, f"stopped early: {stop_message}; {losses}")
    if reason in INTERRUPTED_REASONS:
        return end(CrawlStatus.INTERRUPTED, f"stopped before the end ({reason}); {losses}")
    if reason != "finished":
        return end(CrawlStatus.FAILED, f"ended with {reason!r}; {losses}")
    if lost and read == 0:
        return end(CrawlStatus.FAILED, f"nothing could be read; {losses}")
    if lost:
        return end(CrawlStatus.FINISHED_WITH_LOSSES, losses)
    return end(CrawlStatus.FINISHED, "everything listed was read")


def _losses(named: tuple[str, ...], count: int) -> str:
    if not count:
        return "nothing lost"
    shown = "; ".join(named[:3]) + ("; ..." if count > 3 else "")
    return f"{count} not stored ({shown})"
