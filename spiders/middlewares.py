"""Downloader middlewares: UTF-8 bodies, and retries with the pause before a host's next
request, measured from the answer.

Scrapy measures its download delay from when the previous request was *sent*, draws the
delay's jitter afresh each time it looks at its queue (so the longest of several draws wins),
and lets a request already waiting go out before a retry middleware can slow the slot down.
Here, with one request in the downloader at a time (CONCURRENT_REQUESTS = 1, so the slot's
queue is empty when an answer comes in), every answer or failure sets when the slot's next
request may leave: the answer's time plus

- the server's Retry-After (never shortened; one longer than BACKOFF_MAX stops the crawl,
  which the next crawl resumes),
- after a 429, a 5xx or a timeout, BACKOFF_BASE * 2**attempt (at most BACKOFF_MAX),
- otherwise the delay (PACE_DELAY), drawn once with its jitter (PACE_JITTER), and at least
  the time the server took to answer; a back-off in force halves with each success.
"""

from __future__ import annotations

import logging
import random
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response, TextResponse
from scrapy.utils.defer import deferred_from_coro

logger = logging.getLogger(__name__)

RETRY_AFTER_TOO_LONG = "retry_after"  # the finish reason when a server asks for too long


class ForceUtf8Middleware:
    """The Revisor serves UTF-8 as `text/xml` without a charset; never guess Latin-1."""

    def process_response(self, request: Request, response: Response) -> Response:
        if isinstance(response, TextResponse):
            return response.replace(encoding="utf-8")
        return response


def retry_after_seconds(value: bytes | str | None, *, now: datetime | None = None) -> float | None:
    """A Retry-After header (seconds or an HTTP date) in seconds, or None."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, and the pause after each answer set on the request's download slot."""

    def __init__(self, settings: Any):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("BACKOFF_MAX", 120.0)
        self.delay = settings.getfloat("PACE_DELAY", 0.0)
        self.jitter = settings.getfloat("PACE_JITTER", 0.0)
        self.penalty: dict[str, float] = {}  # slot -> back-off still in force

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry"):
            self._pause(request, self._normal(request))
            return response
        if response.status in self.retry_http_codes:
            asked = retry_after_seconds(response.headers.get(b"Retry-After"))
            if asked is not None and asked > self.backoff_max:
                self._stop(request, asked)
            self._pause(request, self._back_off(request, at_least=asked or 0.0), asked=asked)
        else:
            self._pause(request, self._normal(request))
        return super().process_response(request, response)

    def process_exception(
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        if isinstance(exception, self.exceptions_to_retry) and not request.meta.get("dont_retry"):
            self._pause(request, self._back_off(request, at_least=0.0))
        else:
            self._pause(request, self._normal(request))
        return super().process_exception(request, exception)

    def _back_off(self, request: Request, *, at_least: float) -> float:
        attempt = request.meta.get("retry_times", 0)
        pause = max(at_least, min(self.backoff_max, self.backoff_base * 2**attempt), self.delay)
        self.penalty[_slot_key(request)] = pause
        logger.info("Backing off %s for %.1f s (attempt %d)", request.url, pause, attempt + 1)
        if self.crawler.stats:
            self.crawler.stats.inc_value("backoff/count")
        return pause

    def _normal(self, request: Request) -> float:
        key = _slot_key(request)
        penalty = self.penalty.get(key, 0.0) / 2
        self.penalty[key] = penalty if penalty > self.delay else 0.0
        drawn = self.delay * (1 + random.uniform(-self.jitter, self.jitter)) if self.delay else 0
        latency = request.meta.get("download_latency", 0.0) if self.delay else 0.0
        return max(drawn, latency, self.penalty[key])

    def _pause(self, request: Request, seconds: float, *, asked: float | None = None) -> None:
        """The slot's next request leaves `seconds` after now (this answer)."""
        engine = self.crawler.engine
        slot = engine.downloader.slots.get(_slot_key(request)) if engine else None
        if slot is None:
            return
        slot.delay, slot.lastseen = seconds, time.monotonic()
        if slot.latercall is not None:
            # The downloader already timed its next look at the (empty) queue from the
            # previous pause, as soon as the answer came in: a longer earlier pause would
            # hold this one back. The next request, when it comes, is timed from here.
            slot.latercall.cancel()
            slot.latercall = None
        if asked is not None and self.crawler.stats:
            self.crawler.stats.max_value("backoff/retry_after_max", asked)

    def _stop(self, request: Request, asked: float) -> None:
        logger.error(
            "%s asks to wait %.0f s (Retry-After), more than BACKOFF_MAX %.0f s: stopping",
            request.url,
            asked,
            self.backoff_max,
        )
        if self.crawler.engine:
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=RETRY_AFTER_TOO_LONG))


def _slot_key(request: Request) -> str:
    return str(request.meta.get("download_slot", ""))
