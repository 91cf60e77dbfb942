"""The shapes of SendGrid's v3 API, pure: request parts, error bodies, listings, replies.

`tracker.mail.sendgrid_api` does the requests; what it sends and reads is built and parsed here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

from python_http_client.client import Response
from python_http_client.exceptions import HTTPError

from tracker.mail.backends import DeliveryResult, SendOutcome


@dataclass(frozen=True)
class Reply:
    outcome: SendOutcome
    detail: str
    provider_id: str | None = None
    status: int | None = None
    body: Any = None  # the answer's JSON, when it has one

    def result_for(self, delivery_key: str) -> DeliveryResult:
        return DeliveryResult(delivery_key, self.outcome, self.detail, self.provider_id)


# SendGrid's Mail Send limitations: "The to.name, cc.name, and bcc.name personalizations
# cannot include either the ; or , characters" (docs.sendgrid.com/api-reference/mail-send/
# limitations); a From name with them fares no better. Quoting the name is not what the
# documentation allows, so each run of them goes, with the spaces around it, for one space.
_NAME_SEPARATORS = re.compile(r"\s*[,;][\s,;]*")


def address_json(address: str, name: str) -> dict[str, str]:
    """An address as Mail Send takes it; "Johnson, P." is named "Johnson P."."""
    name = _NAME_SEPARATORS.sub(" ", name).strip()
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


def json_body(response: Response) -> Any:
    try:
        return json.loads(response.body) if response.body else None
    except ValueError:
        return None


def updated_at(template: dict[str, Any]) -> datetime | None:
    """When SendGrid last changed a template ("2026-03-09 13:00:05", UTC)."""
    try:
        return datetime.strptime(str(template["updated_at"]), "%Y-%m-%d %H:%M:%S").replace(
            tzinfo=UTC
        )
    except (KeyError, ValueError):
        return None


def next_page(listing: dict[str, Any]) -> str | None:
    """The page token of the next page of a templates listing (`_metadata.next`), if any."""
    link = (listing.get("_metadata") or {}).get("next")
    if not link:
        return None
    tokens = parse_qs(urlsplit(str(link)).query).get("page_token")
    return tokens[0] if tokens else None
