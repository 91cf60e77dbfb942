"""Start a spider in a process of its own (Scrapy's reactor cannot restart in-process)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping

from scrapy.settings import Settings
from scrapy.spiderloader import get_spider_loader

from tracker.config import repo_root

SETTINGS_MODULE = "spiders.settings"  # what scrapy.cfg names, wherever the caller runs


class CrawlFailed(RuntimeError):
    pass


def spider_names() -> list[str]:
    """The names of the project's spiders, as Scrapy's spider loader finds them (`scrapy list`)."""
    settings = Settings()
    settings.setmodule(SETTINGS_MODULE, priority="project")
    return sorted(get_spider_loader(settings).list())


def spider_command(spider: str, args: Mapping[str, str], *, verbose: bool = False) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    for name, value in args.items():
        if value:
            command += ["-a", f"{name}={value}"]
    command += ["-s", f"LOG_LEVEL={'INFO' if verbose else 'WARNING'}", "-s", "TRACKER_PROGRESS=1"]
    return command


def run_spider(
    spider: str,
    args: Mapping[str, str],
    *,
    env: Mapping[str, str] | None = None,
    timeout: float | None = None,
    verbose: bool = False,
) -> None:
    """Run `scrapy crawl <spider>` to completion; raise CrawlFailed on a non-zero exit."""
    known = spider_names()
    if spider not in known:
        raise CrawlFailed(f"unknown spider {spider!r}; known: {', '.join(known)}")
    child_env = {**os.environ, "SCRAPY_SETTINGS_MODULE": SETTINGS_MODULE, **(env or {})}
    python_path = [str(repo_root()), child_env.get("PYTHONPATH", "")]
    child_env["PYTHONPATH"] = os.pathsep.join(p for p in python_path if p)
    try:
        completed = subprocess.run(
            spider_command(spider, args, verbose=verbose),
            env=child_env,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise CrawlFailed(f"{spider} did not finish within {timeout:.0f} s") from error
    if completed.returncode != 0:
        raise CrawlFailed(f"{spider} exited with status {completed.returncode}")
