"""Run a real spider in a child process against local replay servers; collect its items.

By default these crawls run with no item pipelines (the StorePipeline needs a database)
and collect items through the `item_scraped` signal; `pipelines=True` keeps the project's.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

from tracker.config import repo_root

CRAWL_SCRIPT = """
import json, pickle, sys
from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

name, out, args, pipelines = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4]
settings = get_project_settings()
if pipelines != "True":
    settings.set("ITEM_PIPELINES", {})
items = []
first_request = {}

def keep(item):
    items.append(item)

def note_first_request(request, spider):
    # What the spider knew when its start() gave its first request.
    if not first_request:
        baseline = getattr(spider, "baseline", None)
        read = {} if baseline is None else baseline.versions.read
        known = None if baseline is None else {k: sorted(v) for k, v in read.items()}
        first_request.update(url=request.url, text_versions=known)

process = CrawlerProcess(settings)
crawler = process.create_crawler(name)
crawler.signals.connect(keep, signal=signals.item_scraped)
crawler.signals.connect(note_first_request, signal=signals.request_scheduled)
process.crawl(crawler, **args)
process.start()
with open(out, "wb") as saved:
    stats = crawler.stats.get_stats()
    pickle.dump({"items": items, "stats": stats, "first_request": first_request}, saved)
"""


def crawl(
    spider: str, env: dict[str, str], out: Path, *, pipelines: bool = False, **args: str
) -> dict[str, Any]:
    """Run a spider to completion in a child process; its items, stats, and what it knew
    when its first request was scheduled."""
    child_env = {
        **os.environ,
        "SCRAPY_SETTINGS_MODULE": "spiders.settings",
        "PYTHONPATH": str(repo_root()),
        "TRACKER_DOWNLOAD_DELAY": "0.01",
        "TRACKER_DOWNLOAD_TIMEOUT": "5",
        "TRACKER_LOG_LEVEL": "WARNING",
        **env,
    }
    subprocess.run(
        [sys.executable, "-c", CRAWL_SCRIPT, spider, str(out), json.dumps(args), str(pipelines)],
        env=child_env,
        cwd=repo_root(),
        check=True,
        timeout=120,
    )
    with out.open("rb") as saved:
        return pickle.load(saved)
