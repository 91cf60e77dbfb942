"""`scrapy crawl <spider>` that exits with how the crawl ended: 0 finished, 3 finished with
losses, 4 interrupted, 1 failed (`tracker.vocab.CrawlStatus`), so that a scheduler or a shell
sees what the crawl-run row says."""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from tracker.vocab import CrawlStatus


class Command(ScrapyCrawl):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give one spider: scrapy crawl <spider>")
        assert self.crawler_process
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        stats = crawler.stats.get_stats() if crawler.stats else {}
        code = stats.get("tracker/exit_code")
        if code is None:  # no store pipeline: the spider's own account of its ending
            ending = getattr(crawler.spider, "ending", None)
            reason = str(stats.get("finish_reason") or "cancelled")
            code = ending(reason).exit_code if callable(ending) else (
                0 if reason == "finished" else CrawlStatus.FAILED.exit_code
            )  # fmt: skip
        self.exitcode = int(code)
