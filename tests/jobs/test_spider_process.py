"""The spiders Scrapy's loader finds are the project's spiders: one name everywhere (the
spider's `name`, its module, its tests), and the only names a crawl accepts."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobs.spider_process import CrawlFailed, run_spider, spider_names

ROOT = Path(__file__).resolve().parents[2]


def test_each_spider_found_has_its_module_and_its_tests() -> None:
    names = spider_names()
    assert "mn_bills" in names  # the loader read the project's settings
    for name in names:
        assert (ROOT / "spiders" / f"{name}.py").is_file(), name
        assert (ROOT / "tests" / "spiders" / f"test_{name}.py").is_file(), name


def test_a_crawl_of_an_unknown_spider_is_refused_before_it_starts() -> None:
    known = ", ".join(spider_names())
    with pytest.raises(CrawlFailed, match=f"unknown spider 'mn_budget'; known: {known}$"):
        run_spider("mn_budget", {})
