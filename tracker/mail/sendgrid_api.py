"""Delivery through SendGrid's v3 API, with the official `sendgrid` client.

Request count. One Mail Send request carries up to 1,000 personalizations (one per recipient,
each with its own `to`, headers, custom args and template data) that share one `from`, one
body and one list of categories. So:

* `send_mailing(mailing, messages, name=...)` sends a weekly update to up to 1,000 members
  whose emails all differ: it creates a Dynamic Transactional Template holding all of them
  (`tracker.mail.dynamic_template`: `POST /v3/templates`, then its active version), then one
  Mail Send with `template_id` and each member's `dynamic_template_data`. Three requests per
  1,000 members. `prune_templates` deletes the templates it made once they are a month old
  (an account holds at most 300 templates and versions).
* `send(messages)` groups messages whose html, text and categories are identical (subjects,
  headers and custom args may differ) into the same requests; messages that differ cost one
  request each. Urgent alerts go this way.

A request is accepted or refused as a whole, so every recipient in it gets the same outcome and
SendGrid's X-Message-Id. Each personalization carries `delivery_key` in its custom args, so
SendGrid's event webhook (bounces, blocks) can be matched back to the delivery it concerns.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import Any
from urllib.error import URLError

import sendgrid
from python_http_client.client import Response
from python_http_client.exceptions import HTTPError

from tracker.mail.backends import Backoff, DeliveryResult, SendOutcome
from tracker.mail.dynamic_template import DEFAULT_MAX_BYTES, Mailing
from tracker.mail.message import OutgoingMessage, Sender
from tracker.mail.sendgrid_wire import (
    Reply,
    address_json,
    api_errors,
    chunk_without_repeats,
    json_body,
    next_page,
    retry_after_seconds,
    updated_at,
)

logger = logging.getLogger(__name__)
MAX_PERSONALIZATIONS = 1000
TEMPLATE_LIMIT = 1_048_576  # bytes of a template version's html_content, and plain_content
TEMPLATE_PAGES = 10  # pages of 200 templates read when pruning
Payload = dict[str, Any]


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
        max_personalizations: int = MAX_PERSONALIZATIONS,
        template_max_bytes: int = DEFAULT_MAX_BYTES,
    ):
        if not api_key:
            raise ValueError("SendGrid needs an API key: set TRACKER_SENDGRID_API_KEY")
        if not 1 <= max_personalizations <= MAX_PERSONALIZATIONS:
            raise ValueError(f"a Mail Send request takes 1 to {MAX_PERSONALIZATIONS} recipients")
        self.sender = sender
        self.timeout = timeout
        self.backoff = backoff or Backoff()
        self.max_personalizations = max_personalizations
        self.template_max_bytes = min(template_max_bytes, TEMPLATE_LIMIT)
        self.client = sendgrid.SendGridAPIClient(api_key=api_key, host=api_url.rstrip("/"))
        # The library has no timeout argument; its HTTP client passes this one to urllib.
        self.client.client.timeout = timeout
        self.requests_made = 0  # every HTTP request, retries included
        self.mail_sends = 0  # of which Mail Send
        self.template_requests = 0  # of which the templates API

    def send(self, messages: Sequence[OutgoingMessage]) -> list[DeliveryResult]:
        groups: dict[tuple[str, str, tuple[str, ...]], list[int]] = {}
        for index, message in enumerate(messages):
            groups.setdefault((message.html, message.text, message.categories), []).append(index)
        replies: dict[int, Reply] = {}
        for indices in groups.values():
            group = [messages[i] for i in indices]
            found = self._send_chunked(group, self._message_payload)
            replies.update(zip(indices, found, strict=True))
        return [replies[i].result_for(m.delivery_key) for i, m in enumerate(messages)]

    def send_mailing(
        self, mailing: Mailing, messages: Sequence[OutgoingMessage], *, name: str
    ) -> list[DeliveryResult]:
        """Each message through one new dynamic template: `mailing` holds their content, by
        delivery key; the messages give the addresses, headers, custom args and categories.

        If the template cannot be made, every message fails with the reason (to be sent again
        on the next run); nothing was sent to anyone.
        """
        if not messages:
            return []
        missing = [m.delivery_key for m in messages if m.delivery_key not in mailing.data]
        if missing:
            raise ValueError(f"the mailing has no data for {', '.join(missing)}")
        if len({m.categories for m in messages}) > 1:
            raise ValueError("the messages of one mailing share their categories")
        template_id, problem = self._create_template(mailing, name)
        if template_id is None:
            return [DeliveryResult(m.delivery_key, SendOutcome.FAILED, problem) for m in messages]

        def payload(group: Sequence[OutgoingMessage]) -> Payload:
            return self._template_payload(template_id, mailing, group)

        replies = self._send_chunked(messages, payload)
        return [
            reply.result_for(m.delivery_key) for reply, m in zip(replies, messages, strict=True)
        ]

    def _send_chunked(
        self,
        messages: Sequence[OutgoingMessage],
        payload: Callable[[Sequence[OutgoingMessage]], Payload],
    ) -> list[Reply]:
        """One reply per message, in order: requests of at most `max_personalizations`
        recipients, none of them twice in one request (SendGrid refuses repeats)."""
        replies: dict[int, Reply] = {}
        for chunk in chunk_without_repeats(
            [m.to_address for m in messages], self.max_personalizations
        ):
            group = [messages[i] for i in chunk]
            replies.update(zip(chunk, self._deliver(group, payload), strict=True))
        return [replies[i] for i in range(len(messages))]

    def _create_template(self, mailing: Mailing, name: str) -> tuple[str | None, str]:
        """POST /v3/templates, then its active version: the template's id, or None and why."""
        for part, content in (("HTML", mailing.html_content), ("text", mailing.plain_content)):
            if len(content.encode()) > TEMPLATE_LIMIT:
                size = len(content.encode())
                return None, (
                    f"the {part} of template {name} is {size:,} bytes, more than SendGrid's "
                    f"{TEMPLATE_LIMIT:,}"
                )
        templates = self.client.client.templates
        created = self._templates(
            lambda: templates.post(request_body={"name": name, "generation": "dynamic"})
        )
        template_id = created.body.get("id") if isinstance(created.body, dict) else None
        if created.outcome is not SendOutcome.SENT or not isinstance(template_id, str):
            detail = (
                created.detail if created.outcome is not SendOutcome.SENT else "no id in answer"
            )
            return None, f"could not create SendGrid template {name}: {detail}"
        version = {
            "name": name,
            "subject": mailing.subject,
            "html_content": mailing.html_content,
            "plain_content": mailing.plain_content,
            "generate_plain_content": False,
            "editor": "code",
            "active": 1,
        }
        added = self._templates(
            lambda: templates._(template_id).versions.post(request_body=version)
        )
        if added.outcome is not SendOutcome.SENT:
            self._delete_template(template_id, name)
            return None, f"could not store the content of SendGrid template {name}: {added.detail}"
        return template_id, ""

    def _template_payload(
        self, template_id: str, mailing: Mailing, group: Sequence[OutgoingMessage]
    ) -> Payload:
        payload: Payload = {
            "from": address_json(self.sender.address, self.sender.name),
            "template_id": template_id,
            "personalizations": [
                {
                    "to": [address_json(m.to_address, m.to_name)],
                    "dynamic_template_data": mailing.data[m.delivery_key],
                    **({"headers": dict(m.headers)} if m.headers else {}),
                    "custom_args": {**m.custom_args, "delivery_key": m.delivery_key},
                }
                for m in group
            ],
        }
        if group[0].categories:
            payload["categories"] = list(group[0].categories)
        return payload

    def prune_templates(
        self, *, prefix: str, now: datetime, older_than: timedelta = timedelta(days=30)
    ) -> int:
        """Delete the dynamic templates named `prefix`... last changed before `now` -
        `older_than`; how many went. A failure is logged, never raised: pruning can wait."""
        cutoff = now - older_than
        page_token: str | None = None
        stale: list[tuple[str, str]] = []  # listed first, deleted after: paging stays put
        for _ in range(TEMPLATE_PAGES):
            query: dict[str, Any] = {"generations": "dynamic", "page_size": 200}
            if page_token:
                query["page_token"] = page_token
            listed = self._templates(partial(self.client.client.templates.get, query_params=query))
            if listed.outcome is not SendOutcome.SENT or not isinstance(listed.body, dict):
                logger.warning("could not list SendGrid templates to prune: %s", listed.detail)
                break
            for template in listed.body.get("result") or []:
                updated = updated_at(template)
                name = str(template.get("name", ""))
                if name.startswith(prefix) and updated is not None and updated < cutoff:
                    stale.append((str(template.get("id")), name))
            page_token = next_page(listed.body)
            if page_token is None:
                break
        deleted = sum(self._delete_template(template_id, name) for template_id, name in stale)
        if deleted:
            logger.info("deleted %d SendGrid templates older than %s", deleted, cutoff.date())
        return deleted

    def _delete_template(self, template_id: str, name: str) -> bool:
        gone = self._templates(lambda: self.client.client.templates._(template_id).delete())
        if gone.outcome is not SendOutcome.SENT and gone.status != 404:
            logger.warning(
                "could not delete SendGrid template %s (%s): %s", name, template_id, gone.detail
            )
            return False
        return gone.outcome is SendOutcome.SENT

    def _deliver(
        self,
        group: Sequence[OutgoingMessage],
        payload: Callable[[Sequence[OutgoingMessage]], Payload],
    ) -> list[Reply]:
        """One reply per item; a request SendGrid finds too large is split in two and resent."""
        reply = self._post(payload(group))
        if reply.status == 413 and len(group) > 1:
            half = math.ceil(len(group) / 2)
            return self._deliver(group[:half], payload) + self._deliver(group[half:], payload)
        return [reply] * len(group)

    def _message_payload(self, group: Sequence[OutgoingMessage]) -> Payload:
        first = group[0]
        payload: Payload = {
            "from": address_json(self.sender.address, self.sender.name),
            "subject": first.subject,
            "content": [
                {"type": "text/plain", "value": first.text},
                {"type": "text/html", "value": first.html},
            ],
        }
        if first.categories:
            payload["categories"] = list(first.categories)
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

    def _post(self, payload: Payload) -> Reply:
        """POST /v3/mail/send."""
        return self._call(lambda: self.client.send(payload))

    def _templates(self, request: Callable[[], Response]) -> Reply:
        """A request to the templates API."""
        return self._call(request, templates=True)

    def _call(self, request: Callable[[], Response], *, templates: bool = False) -> Reply:
        """Make a request, retrying 429 and 5xx with back-off; never raises for HTTP."""
        retry = 0
        while True:
            self.requests_made += 1
            if templates:
                self.template_requests += 1
            else:
                self.mail_sends += 1
            try:
                response = request()
            except HTTPError as error:
                status = int(error.status_code)
                if status == 429 or status >= 500:
                    retry += 1
                    wait = self.backoff.delay(retry, retry_after_seconds(error))
                    if wait is not None:
                        self.backoff.sleep(wait)
                        continue
                    return Reply(
                        SendOutcome.FAILED, self._give_up(status, error, retry - 1), None, status
                    )
                need = "Template Engine" if templates else "Mail Send"
                return Reply(SendOutcome.FAILED, self._explain(status, error, need), None, status)
            except TimeoutError:
                return Reply(SendOutcome.FAILED, self._timed_out())
            except URLError as error:
                if isinstance(error.reason, TimeoutError):
                    return Reply(SendOutcome.FAILED, self._timed_out())
                if isinstance(error.reason, ConnectionRefusedError):
                    retry += 1
                    wait = self.backoff.delay(retry)
                    if wait is not None:
                        self.backoff.sleep(wait)
                        continue
                return Reply(
                    SendOutcome.FAILED,
                    f"could not reach SendGrid at {self.client.host}: {error.reason}",
                )
            except OSError as error:
                return Reply(SendOutcome.FAILED, f"connection to SendGrid broke off: {error}")
            message_id = response.headers.get("X-Message-Id") if response.headers else None
            detail = f"accepted by SendGrid (HTTP {response.status_code})"
            return Reply(
                SendOutcome.SENT, detail, message_id, response.status_code, json_body(response)
            )

    def _timed_out(self) -> str:
        return (
            f"SendGrid did not answer within {self.timeout:g} s (TRACKER_MAIL_TIMEOUT); "
            "the request may or may not have been accepted"
        )

    def _explain(self, status: int, error: HTTPError, need: str = "Mail Send") -> str:
        details = api_errors(error)
        if status in (401, 403):
            return (
                f"SendGrid rejected the API key (HTTP {status}): check TRACKER_SENDGRID_API_KEY "
                f"and that the key has the {need} permission ({details})"
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
