"""Downloader middlewares: UTF-8 bodies, and retries that back off the whole host."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response, TextResponse

logger = logging.getLogger(__name__)


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
    """Scrapy's retries, plus exponential back-off that slows the whole download slot.

    On 429, 5xx or a timeout the slot's delay becomes max(Retry-After, base * 2**attempt),
    capped at BACKOFF_MAX, so every request to that host waits, not only the retry.
    """

    def __init__(self, settings: Any):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("BACKOFF_MAX", 120.0)
        self.normal_delay = settings.getfloat("DOWNLOAD_DELAY", 0.0)
        self.autothrottle = settings.getbool("AUTOTHROTTLE_ENABLED")

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry"):
            return response
        if response.status in self.retry_http_codes:
            wait = retry_after_seconds(response.headers.get(b"Retry-After"))
            self._back_off(request, at_least=wait or 0.0)
        elif response.status < 400:
            self._recover(request)
        return super().process_response(request, response)

    def process_exception(
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        if isinstance(exception, self.exceptions_to_retry) and not request.meta.get("dont_retry"):
            self._back_off(request, at_least=0.0)
        return super().process_exception(request, exception)

    def _slot(self, request: Request) -> Any:
        downloader = self.crawler.engine.downloader if self.crawler.engine else None
        if downloader is None:
            return None
        return downloader.slots.get(downloader.get_slot_key(request))

    def _back_off(self, request: Request, *, at_least: float) -> None:
        attempt = request.meta.get("retry_times", 0)
        delay = min(self.backoff_max, max(at_least, self.backoff_base * 2**attempt))
        slot = self._slot(request)
        if slot is not None and delay > slot.delay:
            slot.delay = delay
            logger.info("Backing off %s for %.1f s (attempt %d)", request.url, delay, attempt + 1)
        if self.crawler.stats:
            self.crawler.stats.inc_value("backoff/count")

    def _recover(self, request: Request) -> None:
        """Without AutoThrottle nobody else brings the delay back down: halve it per success."""
        if self.autothrottle:
            return
        slot = self._slot(request)
        if slot is not None and slot.delay > self.normal_delay:
            slot.delay = max(self.normal_delay, slot.delay / 2)
