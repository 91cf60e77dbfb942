"""The shapes of SendGrid's v3 Mail Send API, pure: the request body, error bodies, replies.

`tracker.mail.sendgrid_api` does the requests; what it sends and reads is built and parsed here.
"""

from __future__ import annotations

import json
import re
from typing import Any

from python_http_client.exceptions import HTTPError

from tracker.mail.message import OutgoingMessage, Sender

# SendGrid's Mail Send limitations: "The to.name, cc.name, and bcc.name personalizations
# cannot include either the ; or , characters" (docs.sendgrid.com/api-reference/mail-send/
# limitations); a From name with them fares no better. Quoting the name is not what the
# documentation allows, so each run of them goes, with the spaces around it, for one space.
_NAME_SEPARATORS = re.compile(r"\s*[,;][\s,;]*")


def address_json(address: str, name: str) -> dict[str, str]:
    """An address as Mail Send takes it; "Johnson, P." is named "Johnson P."."""
    name = _NAME_SEPARATORS.sub(" ", name).strip()
    return {"email": address, "name": name} if name else {"email": address}


def mail_send_json(sender: Sender, message: OutgoingMessage) -> dict[str, Any]:
    """One message as one Mail Send request: a single personalization, carrying the delivery
    key in its custom args so the Event Webhook's events can be matched back to it."""
    personalization: dict[str, Any] = {
        "to": [address_json(message.to_address, message.to_name)],
        "custom_args": {**message.custom_args, "delivery_key": message.delivery_key},
    }
    if message.headers:
        personalization["headers"] = dict(message.headers)
    body: dict[str, Any] = {
        "personalizations": [personalization],
        "from": address_json(sender.address, sender.name),
        "subject": message.subject,
        "content": [
            {"type": "text/plain", "value": message.text},
            {"type": "text/html", "value": message.html},
        ],
    }
    if message.categories:
        body["categories"] = list(message.categories)
    return body


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
