"""Scrapy settings shared by every spider. Values that come from the tracker's own
settings (user agent, delay, base URLs, database) are applied by `spiders.addon` when a
crawler starts, never at import time."""

BOT_NAME = "mn_education_tracker"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

ADDONS = {"spiders.addon.TrackerSettings": 0}

# Polite crawling: robots.txt, one request at a time per host, a randomized delay that
# AutoThrottle stretches when the server slows down.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 4
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY_JITTER = 0.5  # each delay varies by ±50%
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

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
