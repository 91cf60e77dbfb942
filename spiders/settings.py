"""Scrapy settings shared by every spider. Values that come from the tracker's own
settings (user agent, delay, base URLs, database) are applied by `spiders.addon` when a
crawler starts, never at import time."""

BOT_NAME = "mn_education_tracker"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
COMMANDS_MODULE = "spiders.commands"  # `scrapy crawl` exits with the crawl's ending

ADDONS = {"spiders.addon.TrackerSettings": 0}

# Polite crawling: robots.txt, one request at a time, and after each answer a pause set by
# `spiders.middlewares.BackoffRetryMiddleware`: the delay (PACE_DELAY, from
# TRACKER_DOWNLOAD_DELAY) drawn once with ±50% jitter and at least the time the server took,
# or the server's Retry-After, or an exponential back-off. Scrapy's own jitter and
# AutoThrottle are off: they measure from when a request was sent, not from its answer.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 1
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY_JITTER = 0
PACE_JITTER = 0.5
AUTOTHROTTLE_ENABLED = False
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Requests leave in the order they were made (lowest bill numbers first), not newest first;
# a listing request outranks the bills, a bill's text comes right after its status.
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"

RETRY_ENABLED = True
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "spiders.middlewares.BackoffRetryMiddleware": 550,
    "spiders.middlewares.ForceUtf8Middleware": 560,
}
# Callbacks retry unreadable 200 responses with get_retry_request, which counts in retry_times.
META_COPY_WARN_SKIP_KEYS = ["retry_times"]
ITEM_PIPELINES = {"spiders.pipelines.StorePipeline": 300}

FEED_EXPORT_ENCODING = "utf-8"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
