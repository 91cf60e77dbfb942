"""Delivery through SendGrid's v3 Mail Send API, with the official `sendgrid` client.

Each message is one Mail Send request of its own: one personalization (the member's address,
headers and custom args), the message's own subject, text and HTML, and its categories. So a
request that SendGrid refuses concerns one member only, and what SendGrid accepts (HTTP 202)
is exactly what was rendered. `delivery_key` rides in the custom args, so SendGrid's Event
Webhook (bounces, blocks) can be matched back to the delivery it concerns.

Most of a request's time is the round trip to SendGrid, so `concurrency` requests
(TRACKER_SENDGRID_CONCURRENCY) are in flight at once; the results keep the messages' order.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.error import URLError

import sendgrid
from python_http_client.exceptions import HTTPError

from tracker.mail.backends import Backoff, DeliveryResult, SendOutcome
from tracker.mail.message import OutgoingMessage, Sender
from tracker.mail.sendgrid_wire import api_errors, mail_send_json, retry_after_seconds


class SendGridBackend:
    name = "sendgrid"

    def __init__(
        self,
        sender: Sender,
        *,
        api_key: str,
        api_url: str = "https://api.sendgrid.com",
        timeout: float = 30.0,
        backoff: Backoff | None = None,
        concurrency: int = 1,
    ):
        if not api_key:
            raise ValueError("SendGrid needs an API key: set TRACKER_SENDGRID_API_KEY")
        if concurrency < 1:
            raise ValueError(f"SendGrid concurrency must be 1 or more, got {concurrency}")
        self.sender = sender
        self.concurrency = concurrency
        self.timeout = timeout
        self.backoff = backoff or Backoff()
        self.client = sendgrid.SendGridAPIClient(api_key=api_key, host=api_url.rstrip("/"))
        # The library has no timeout argument; its HTTP client passes this one to urllib.
        self.client.client.timeout = timeout
        self.requests_made = 0  # every HTTP request, retries included
        self._counting = threading.Lock()

    def send(self, messages: Sequence[OutgoingMessage]) -> list[DeliveryResult]:
        workers = min(self.concurrency, len(messages))
        if workers <= 1:
            return [self._send_one(message) for message in messages]
        with ThreadPoolExecutor(workers, thread_name_prefix="sendgrid") as pool:
            return list(pool.map(self._send_one, messages))

    def _send_one(self, message: OutgoingMessage) -> DeliveryResult:
        outcome, detail, provider_id = self._post(mail_send_json(self.sender, message))
        return DeliveryResult(message.delivery_key, outcome, detail, provider_id)

    def _post(self, payload: dict[str, Any]) -> tuple[SendOutcome, str, str | None]:
        """POST /v3/mail/send, retrying 429 and 5xx with back-off; never raises for HTTP."""
        retry = 0
        while True:
            with self._counting:
                self.requests_made += 1
            try:
                response = self.client.send(payload)
            except HTTPError as error:
                status = int(error.status_code)
                if status == 429 or status >= 500:
                    retry += 1
                    wait = self.backoff.delay(retry, retry_after_seconds(error))
                    if wait is not None:
                        self.backoff.sleep(wait)
                        continue
                    return SendOutcome.FAILED, self._give_up(status, error, retry - 1), None
                return SendOutcome.FAILED, self._explain(status, error), None
            except TimeoutError:
                return SendOutcome.FAILED, self._timed_out(), None
            except URLError as error:
                if isinstance(error.reason, TimeoutError):
                    return SendOutcome.FAILED, self._timed_out(), None
                if isinstance(error.reason, ConnectionRefusedError):
                    retry += 1
                    wait = self.backoff.delay(retry)
                    if wait is not None:
                        self.backoff.sleep(wait)
                        continue
                unreachable = f"could not reach SendGrid at {self.client.host}: {error.reason}"
                return SendOutcome.FAILED, unreachable, None
            except OSError as error:
                return SendOutcome.FAILED, f"connection to SendGrid broke off: {error}", None
            message_id = response.headers.get("X-Message-Id") if response.headers else None
            accepted = f"accepted by SendGrid (HTTP {response.status_code})"
            return SendOutcome.SENT, accepted, message_id

    def _timed_out(self) -> str:
        return (
            f"SendGrid did not answer within {self.timeout:g} s (TRACKER_MAIL_TIMEOUT); "
            "the request may or may not have been accepted"
        )

    def _explain(self, status: int, error: HTTPError) -> str:
        details = api_errors(error)
        if status in (401, 403):
            return (
                f"SendGrid rejected the API key (HTTP {status}): check TRACKER_SENDGRID_API_KEY "
                f"and that the key has the Mail Send permission ({details})"
            )
        if status == 400:
            return f"SendGrid refused the request (HTTP 400): {details}"
        if status == 413:
            return f"SendGrid refused the message as too large (HTTP 413): {details}"
        return f"SendGrid answered HTTP {status}: {details}"

    def _give_up(self, status: int, error: HTTPError, retries: int) -> str:
        asked = retry_after_seconds(error)
        if asked is not None and asked > self.backoff.maximum:
            return (
                f"SendGrid asked to wait {asked:g} s (HTTP {status}, Retry-After), longer than "
                f"TRACKER_MAIL_BACKOFF_MAX ({self.backoff.maximum:g} s); try again later"
            )
        kind = "rate limit" if status == 429 else "server error"
        return (
            f"SendGrid {kind} (HTTP {status}) persisted after {retries} retries: "
            f"{api_errors(error)}"
        )
