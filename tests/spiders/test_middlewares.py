"""The downloader middlewares on their own: Retry-After read, and the pause each answer sets
on the download slot, measured from the answer (the crawl tests time it at a server)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from scrapy import Request, Spider
from scrapy.core.downloader import Slot
from scrapy.http import HtmlResponse, XmlResponse
from scrapy.utils.test import get_crawler

from spiders.middlewares import BackoffRetryMiddleware, ForceUtf8Middleware, retry_after_seconds


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        (b"2", 2.0),
        ("120", 120.0),
        (b"Fri, 04 Dec 2026 18:00:30 GMT", 30.0),
        (b"Fri, 04 Dec 2026 17:59:00 GMT", 0.0),  # already past
        (b"soon", None),
        (None, None),
        (b"", None),
    ],
)
def test_retry_after_in_seconds_or_as_a_date(header: bytes | str | None, seconds: float) -> None:
    now = datetime(2026, 12, 4, 18, 0, 0, tzinfo=UTC)
    assert retry_after_seconds(header, now=now) == seconds


def middleware(**settings: object) -> tuple[BackoffRetryMiddleware, Slot]:
    crawler = get_crawler(Spider, settings_dict={"PACE_DELAY": 1.0, "PACE_JITTER": 0.5, **settings})
    crawler.spider = Spider.from_crawler(crawler, name="pacing")
    slot = Slot(concurrency=1, delay=0.0, jitter=0.0)
    crawler.engine = SimpleNamespace(downloader=SimpleNamespace(slots={"revisor": slot}))  # type: ignore[assignment]
    return BackoffRetryMiddleware.from_crawler(crawler), slot


def answer(status: int = 200, headers: dict[str, str] | None = None) -> XmlResponse:
    request = Request("http://127.0.0.1:9/bills/v1/", meta={"download_slot": "revisor"})
    return XmlResponse(request.url, status=status, body=b"<BILL/>", request=request,
                       headers=headers or {})  # fmt: skip


def test_each_answer_sets_the_next_pause_from_now_drawn_within_the_jitter() -> None:
    mw, slot = middleware()
    pauses = []
    for _ in range(200):
        before = time.monotonic()
        mw.process_response(answer().request, answer())
        assert slot.lastseen >= before  # measured from the answer, not from the sending
        pauses.append(slot.delay)
    assert min(pauses) >= 0.5 and max(pauses) <= 1.5
    assert 0.9 < sum(pauses) / len(pauses) < 1.1  # one draw a pause: its mean is the delay


def test_an_earlier_look_at_the_queue_does_not_hold_the_next_request_back() -> None:
    mw, slot = middleware()
    slot.latercall = SimpleNamespace(cancelled=False, cancel=lambda: None)  # type: ignore[assignment]
    mw.process_response(answer().request, answer())
    assert slot.latercall is None


def test_retry_after_is_the_pause_and_a_success_halves_a_back_off() -> None:
    mw, slot = middleware(BACKOFF_BASE=2.0, BACKOFF_MAX=120.0, PACE_JITTER=0.0)
    response = answer(429, {"Retry-After": "30"})
    mw.process_response(response.request, response)
    assert slot.delay == 30.0
    mw.process_response(answer().request, answer())
    assert slot.delay == 15.0  # halved, not back to the delay at once
    mw.process_response(answer().request, answer())
    assert slot.delay == 7.5


def test_a_retry_after_longer_than_the_longest_back_off_stops_the_crawl() -> None:
    mw, slot = middleware(BACKOFF_MAX=10.0)
    asked: list[str] = []
    engine = mw.crawler.engine
    engine.close_spider_async = lambda *, reason: asked.append(reason)  # type: ignore[union-attr]
    response = answer(503, {"Retry-After": "3600"})
    mw.process_response(response.request, response)
    assert asked == ["retry_after"] and slot.delay == 3600.0  # obeyed until it closes


def test_bodies_are_utf8_whatever_the_headers_say() -> None:
    body = "Pérez-Vega".encode()
    response = HtmlResponse(
        "http://x/", body=body, headers={"Content-Type": "text/html; charset=latin-1"}
    )
    assert ForceUtf8Middleware().process_response(response.request, response).text == "Pérez-Vega"
