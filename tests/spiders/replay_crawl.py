"""Run a real spider in a child process against local replay servers; collect its items.

The project's StorePipeline takes bills only and needs a database, so these crawls run
with no item pipelines and collect items through the `item_scraped` signal.
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

settings = get_project_settings()
settings.set("ITEM_PIPELINES", {})  # the StorePipeline takes bills only, and needs a database
items = []

def keep(item):
    items.append(item)

process = CrawlerProcess(settings)
crawler = process.create_crawler(sys.argv[1])
crawler.signals.connect(keep, signal=signals.item_scraped)
process.crawl(crawler, **json.loads(sys.argv[3]))
process.start()
with open(sys.argv[2], "wb") as out:
    pickle.dump({"items": items, "stats": crawler.stats.get_stats()}, out)
"""


def crawl(spider: str, env: dict[str, str], out: Path, **args: str) -> dict[str, Any]:
    """Run a spider to completion in a child process; its items and stats."""
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
        [sys.executable, "-c", CRAWL_SCRIPT, spider, str(out), json.dumps(args)],
        env=child_env,
        cwd=repo_root(),
        check=True,
        timeout=120,
    )
    with out.open("rb") as saved:
        return pickle.load(saved)
