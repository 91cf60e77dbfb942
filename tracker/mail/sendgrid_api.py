"""Delivery through SendGrid's v3 Mail Send API, with the official `sendgrid` client.

Request count. One Mail Send request carries up to 1,000 personalizations (one per recipient,
each with its own `to`, subject, headers and custom args) that share one `from`, one body and one
list of categories. So:

* `send_batch(body, recipients)` sends one shared body with per-recipient `-tag-` substitutions:
  ceil(recipients / 1,000) requests (2,500 recipients -> 3).
* `send(messages)` groups messages whose html, text and categories are identical (subjects,
  headers and custom args may differ) into the same requests; a digest rendered differently for
  every member costs one request per member, which is what the API allows for distinct bodies.

A request is accepted or refused as a whole, so every recipient in it gets the same outcome and
SendGrid's X-Message-Id. Each personalization carries `delivery_key` in its custom args, so
SendGrid's event webhook (bounces, blocks) can be matched back to the delivery it concerns.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeVar
from urllib.error import URLError

import sendgrid
from python_http_client.exceptions import HTTPError

from tracker.mail.backends import Backoff, DeliveryResult, Outcome
from tracker.mail.message import (
    OutgoingMessage,
    Sender,
    check_categories,
    check_custom_args,
    check_delivery_key,
    check_headers,
    validate_address,
)

MAX_PERSONALIZATIONS = 1000
Payload = dict[str, Any]
T = TypeVar("T")


@dataclass(frozen=True)
class SharedBody:
    """What every recipient of a mailing shares; `-tag-` markers are replaced per recipient."""

    subject: str
    html: str
    text: str
    categories: tuple[str, ...] = ()
    custom_args: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_categories(tuple(self.categories))
        check_custom_args(self.custom_args)
        object.__setattr__(self, "categories", tuple(self.categories))
        object.__setattr__(self, "custom_args", MappingProxyType(dict(self.custom_args)))


@dataclass(frozen=True)
class Recipient:
    """One member of a batch: address, the values of the body's `-tag-` markers, own headers."""

    address: str
    name: str
    delivery_key: str
    substitutions: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    custom_args: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "address", validate_address(self.address))
        check_delivery_key(self.delivery_key)
        check_headers(self.headers)
        check_custom_args(self.custom_args)
        check_custom_args(self.substitutions)
        for name in ("substitutions", "headers", "custom_args"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))


@dataclass(frozen=True)
class Reply:
    outcome: Outcome
    detail: str
    provider_id: str | None = None
    status: int | None = None

    def result_for(self, delivery_key: str) -> DeliveryResult:
        return DeliveryResult(delivery_key, self.outcome, self.detail, self.provider_id)


def address_json(address: str, name: str) -> dict[str, str]:
    return {"email": address, "name": name} if name else {"email": address}


def chunk_without_repeats(addresses: Sequence[str], size: int) -> list[list[int]]:
    """Indices in chunks of at most `size` where no address repeats (SendGrid refuses repeats)."""
    chunks: list[list[int]] = []
    seen: list[set[str]] = []
    for index, address in enumerate(addresses):
        folded = address.casefold()
        for chunk, chunk_seen in zip(chunks, seen, strict=True):
            if len(chunk) < size and folded not in chunk_seen:
                chunk.append(index)
                chunk_seen.add(folded)
                break
        else:
            chunks.append([index])
            seen.append({folded})
    return chunks


def api_errors(error: HTTPError) -> str:
    """The `errors[].field: message` list of a SendGrid error body, or its raw text."""
    raw = error.body.decode("utf-8", "replace") if isinstance(error.body, bytes) else error.body
    try:
        errors = json.loads(raw)["errors"]
        parts = [
            f"{item['field']}: {item['message']}" if item.get("field") else str(item["message"])
            for item in errors
        ]
    except (ValueError, KeyError, TypeError):
        return " ".join(str(raw).split())[:500] or "no details given"
    return "; ".join(parts) or "no details given"


def retry_after_seconds(error: HTTPError) -> float | None:
    value = error.headers.get("Retry-After") if error.headers is not None else None
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


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
    ):
        if not api_key:
            raise ValueError("SendGrid needs an API key: set TRACKER_SENDGRID_API_KEY")
        self.sender = sender
        self.timeout = timeout
        self.backoff = backoff or Backoff()
        self.client = sendgrid.SendGridAPIClient(api_key=api_key, host=api_url.rstrip("/"))
        # The library has no timeout argument; its HTTP client passes this one to urllib.
        self.client.client.timeout = timeout
        self.requests_made = 0

    def send(self, messages: Sequence[OutgoingMessage]) -> list[DeliveryResult]:
        groups: dict[tuple[str, str, tuple[str, ...]], list[int]] = {}
        for index, message in enumerate(messages):
            groups.setdefault((message.html, message.text, message.categories), []).append(index)
        replies: dict[int, Reply] = {}
        for indices in groups.values():
            for chunk in chunk_without_repeats(
                [messages[i].to_address for i in indices], MAX_PERSONALIZATIONS
            ):
                group = [messages[indices[i]] for i in chunk]
                replies.update(
                    zip(
                        [indices[i] for i in chunk],
                        self._deliver(group, self._message_payload),
                        strict=True,
                    )
                )
        return [replies[i].result_for(m.delivery_key) for i, m in enumerate(messages)]

    def send_batch(self, body: SharedBody, recipients: Sequence[Recipient]) -> list[DeliveryResult]:
        """One body for all, member-specific parts as substitutions: one request per 1,000."""
        replies: dict[int, Reply] = {}

        def payload(group: Sequence[Recipient]) -> Payload:
            return self._batch_payload(body, group)

        for chunk in chunk_without_repeats([r.address for r in recipients], MAX_PERSONALIZATIONS):
            group = [recipients[i] for i in chunk]
            replies.update(zip(chunk, self._deliver(group, payload), strict=True))
        return [replies[i].result_for(r.delivery_key) for i, r in enumerate(recipients)]

    def _deliver(
        self, group: Sequence[T], payload: Callable[[Sequence[T]], Payload]
    ) -> list[Reply]:
        """One reply per item; a request SendGrid finds too large is split in two and resent."""
        reply = self._post(payload(group))
        if reply.status == 413 and len(group) > 1:
            half = math.ceil(len(group) / 2)
            return self._deliver(group[:half], payload) + self._deliver(group[half:], payload)
        return [reply] * len(group)

    def _common(self, subject: str, html: str, text: str, categories: Sequence[str]) -> Payload:
        payload: Payload = {
            "from": address_json(self.sender.address, self.sender.name),
            "subject": subject,
            "content": [
                {"type": "text/plain", "value": text},
                {"type": "text/html", "value": html},
            ],
        }
        if categories:
            payload["categories"] = list(categories)
        return payload

    def _message_payload(self, group: Sequence[OutgoingMessage]) -> Payload:
        first = group[0]
        payload = self._common(first.subject, first.html, first.text, first.categories)
        payload["personalizations"] = [
            {
                "to": [address_json(m.to_address, m.to_name)],
                "subject": m.subject,
                **({"headers": dict(m.headers)} if m.headers else {}),
                "custom_args": {**m.custom_args, "delivery_key": m.delivery_key},
            }
            for m in group
        ]
        return payload

    def _batch_payload(self, body: SharedBody, group: Sequence[Recipient]) -> Payload:
        payload = self._common(body.subject, body.html, body.text, body.categories)
        if body.custom_args:
            payload["custom_args"] = dict(body.custom_args)
        payload["personalizations"] = [
            {
                "to": [address_json(r.address, r.name)],
                **({"substitutions": dict(r.substitutions)} if r.substitutions else {}),
                **({"headers": dict(r.headers)} if r.headers else {}),
                "custom_args": {**r.custom_args, "delivery_key": r.delivery_key},
            }
            for r in group
        ]
        return payload

    def _post(self, payload: Payload) -> Reply:
        """POST /v3/mail/send, retrying 429 and 5xx with back-off; never raises for HTTP."""
        retry = 0
        while True:
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
                    return Reply(
                        Outcome.FAILED, self._give_up(status, error, retry - 1), None, status
                    )
                return Reply(Outcome.FAILED, self._explain(status, error), None, status)
            except TimeoutError:
                return Reply(Outcome.FAILED, self._timed_out())
            except URLError as error:
                if isinstance(error.reason, TimeoutError):
                    return Reply(Outcome.FAILED, self._timed_out())
                if isinstance(error.reason, ConnectionRefusedError):
                    retry += 1
                    wait = self.backoff.delay(retry)
                    if wait is not None:
                        self.backoff.sleep(wait)
                        continue
                return Reply(
                    Outcome.FAILED,
                    f"could not reach SendGrid at {self.client.host}: {error.reason}",
                )
            except OSError as error:
                return Reply(Outcome.FAILED, f"connection to SendGrid broke off: {error}")
            message_id = response.headers.get("X-Message-Id") if response.headers else None
            detail = f"accepted by SendGrid (HTTP {response.status_code})"
            return Reply(Outcome.SENT, detail, message_id, response.status_code)

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
            return f"SendGrid refused the request as too large (HTTP 413): {details}"
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
