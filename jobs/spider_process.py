"""Start a spider in a process of its own (Scrapy's reactor cannot restart in-process) and
say how its crawl ended.

The child is `scrapy crawl` with the project's `crawl` command, whose exit code is the
crawl's ending (`tracker.vocab.CrawlStatus`). With a `timeout`, the crawl is told to close
itself a little before it (CLOSESPIDER_TIMEOUT: its run row then says `interrupted`, with its
counts); a child still running at the timeout is asked to stop (SIGTERM, the same graceful
close), and killed if it does not within `STOP_GRACE` seconds.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from scrapy.settings import Settings
from scrapy.spiderloader import get_spider_loader

from tracker.config import repo_root
from tracker.vocab import CrawlStatus

SETTINGS_MODULE = "spiders.settings"  # what scrapy.cfg names, wherever the caller runs
STOP_GRACE = 60.0  # seconds a crawl asked to stop may take to write how it ended


@dataclass(frozen=True)
class CrawlOutcome:
    spider: str
    status: CrawlStatus
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.spider} {self.status.value}" + (f": {self.detail}" if self.detail else "")


class CrawlFailed(RuntimeError):
    """A crawl that could not run, failed, or was interrupted (`outcome` says which)."""

    def __init__(self, outcome: CrawlOutcome):
        super().__init__(str(outcome))
        self.outcome = outcome


def spider_names() -> list[str]:
    """The names of the project's spiders, as Scrapy's spider loader finds them (`scrapy list`)."""
    settings = Settings()
    settings.setmodule(SETTINGS_MODULE, priority="project")
    return sorted(get_spider_loader(settings).list())


def spider_command(
    spider: str, args: Mapping[str, str], *, verbose: bool = False, timeout: float | None = None
) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    for name, value in args.items():
        if value:
            command += ["-a", f"{name}={value}"]
    command += ["-s", f"LOG_LEVEL={'INFO' if verbose else 'WARNING'}", "-s", "TRACKER_PROGRESS=1"]
    if timeout is not None:
        command += ["-s", f"CLOSESPIDER_TIMEOUT={max(1, int(timeout - closing_time(timeout)))}"]
    return command


def closing_time(timeout: float) -> float:
    """How long before its timeout a crawl starts closing itself."""
    return min(300.0, timeout / 10)


def run_spider(
    spider: str,
    args: Mapping[str, str],
    *,
    env: Mapping[str, str] | None = None,
    timeout: float | None = None,
    verbose: bool = False,
) -> CrawlOutcome:
    """Run `scrapy crawl <spider>` to its end. Returns the outcome when the crawl finished
    (with or without losses); raises CrawlFailed when it failed or was interrupted."""
    known = spider_names()
    if spider not in known:
        outcome = CrawlOutcome(
            spider, CrawlStatus.FAILED, f"unknown spider {spider!r}; known: {', '.join(known)}"
        )
        raise CrawlFailed(outcome)
    child_env = {**os.environ, "SCRAPY_SETTINGS_MODULE": SETTINGS_MODULE, **(env or {})}
    python_path = [str(repo_root()), child_env.get("PYTHONPATH", "")]
    child_env["PYTHONPATH"] = os.pathsep.join(p for p in python_path if p)
    child = subprocess.Popen(
        spider_command(spider, args, verbose=verbose, timeout=timeout), env=child_env
    )
    try:
        code = child.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.terminate()
        try:
            child.wait(timeout=STOP_GRACE)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        detail = f"did not finish within {timeout:.0f} s and was stopped"
        raise CrawlFailed(CrawlOutcome(spider, CrawlStatus.INTERRUPTED, detail)) from None
    status = CrawlStatus.from_exit_code(code)
    outcome = CrawlOutcome(spider, status, f"exit status {code}" if code else "")
    if status in (CrawlStatus.FAILED, CrawlStatus.INTERRUPTED):
        raise CrawlFailed(outcome)
    return outcome
