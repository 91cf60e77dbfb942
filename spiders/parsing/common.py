"""Helpers the parsers and spiders share: whitespace, honorifics, links, JSON lists, and
reading a page's entries one by one."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

Record = TypeVar("Record")

_HONORIFIC = re.compile(r"^(?:Rep\.|Representative|Sen\.|Senator)\s+", re.IGNORECASE)


def squash(text: str) -> str:
    """Runs of whitespace (newlines, tabs, non-breaking spaces) as one space, trimmed."""
    return " ".join(text.split())


def without_honorific(name: str) -> str:
    """'Rep. Cheryl Youakim' -> 'Cheryl Youakim' (also Representative, Sen., Senator)."""
    return _HONORIFIC.sub("", name)


def query_value(url: str, name: str) -> str:
    """The first value of query parameter `name` in `url`, or ''."""
    return parse_qs(urlsplit(url).query).get(name, [""])[0]


def rebase(url: str, base: str) -> str:
    """A site link moved onto the configured base URL (a mirror or the replay server).

    The Revisor's status search gives links without a scheme
    ('api.revisor.mn.gov/bills/v1/94/2025/0/HF/5/'); their first part is the host.
    """
    if "://" not in url:
        url = "https://" + url.lstrip("/")
    parts = urlsplit(url)
    return base.rstrip("/") + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def json_list(body: str, key: str, error: type[ValueError]) -> list[Any]:
    """The list under `key` of a JSON object; `error` says why there is none."""
    try:
        data = json.loads(body)
    except json.JSONDecodeError as problem:
        raise error(f"not JSON: {problem}") from problem
    found = data.get(key) if isinstance(data, dict) else None
    if not isinstance(found, list):
        raise error(f"no {key!r} list")
    return found


def read_each(
    entries: Iterable[Any],
    read: Callable[[Any], Record],
    *,
    error: type[ValueError],
    label: str,
    where: str = "",
) -> tuple[list[Record], list[str]]:
    """What `read` makes of each entry, and why each entry it raised `error` for was left
    out: 'card 9 at https://...: no date in ...' (`label` 'card', `where` the page URL)."""
    records, skipped = [], []
    for position, entry in enumerate(entries, start=1):
        try:
            records.append(read(entry))
        except error as problem:
            at = f" at {where}" if where else ""
            skipped.append(f"{label} {position}{at}: {problem}")
    return records, skipped
