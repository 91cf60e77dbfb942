"""Pure parsing of the Revisor's responses: search results, bill-status XML, bill text HTML.

No Scrapy here: each function takes bytes and returns records or raises BillXmlError.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from spiders.parsing.common import squash
from spiders.parsing.sections import parse_sections
from tracker.records.bills import (
    ActionRecord,
    AuthorRecord,
    BillKey,
    BillRecord,
    BillTextRecord,
    VersionRecord,
)
from tracker.rules.citations import dedupe, statutes_in_section, statutes_in_title
from tracker.rules.dates import parse_local_datetime, parse_loose_date
from tracker.rules.sessions import ordinal
from tracker.vocab import BillType, Chamber

STATUS_PATH = re.compile(r"/bills/v1/(\d+)/(\d{4})/(\d+)/([A-Za-z]{2})/(\d+)")
MAX_TEXT_CHARS = 2_000_000


class BillXmlError(ValueError):
    """A status response that cannot be read as a bill: `kind` is malformed or invalid."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


# -- search results -------------------------------------------------------------------


def parse_search_results(body: bytes) -> list[str]:
    """The STATUS_XML_URI of every BILL_RESULT; [] when the range is empty."""
    root = _xml_root(body, expected="search_results")
    uris = []
    for result in root.iter():
        if isinstance(result.tag, str) and result.tag.lower() == "bill_result":
            uri = _text(result, "status_xml_uri")
            if uri:
                uris.append(uri)
    return uris


# -- bill status XML ------------------------------------------------------------------


def parse_bill_xml(body: bytes, *, url: str) -> BillRecord:
    root = _xml_root(body, expected="bill")
    problems: list[str] = []
    key, year = _parse_key(root, url, problems)
    return BillRecord(
        key=key,
        year_introduced=year,
        session_name=_text(root, "session_text"),
        year_start=_int(_text(root, "session_year_start")) or year,
        year_end=_int(_text(root, "session_year_close")) or year,
        status_xml_url=url,
        revisor_number=_text(root, "revisor_number") or None,
        description=_text(root, "description"),
        companion=_parse_companion(root, problems),
        authors=_parse_authors(root, problems),
        actions=_parse_actions(root, problems),
        versions=_parse_versions(root, problems),
        problems=tuple(problems),
    )


def _xml_root(body: bytes, *, expected: str) -> etree._Element:
    if not body or not body.strip():
        raise BillXmlError("malformed", "empty response")
    parser = etree.XMLParser(encoding="utf-8", resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as error:
        raise BillXmlError("malformed", str(error)) from error
    if root.tag.lower() != expected:
        raise BillXmlError(
            "invalid", f"root element is <{root.tag}>, expected <{expected.upper()}>"
        )
    return root


def _children(node: etree._Element, tag: str) -> list[etree._Element]:
    """Children named `tag`, in any case (real chamber tags vary: house, HOUSE)."""
    return [c for c in node if isinstance(c.tag, str) and c.tag.lower() == tag]


def _text(node: etree._Element, tag: str) -> str:
    found = _children(node, tag)
    return squash(found[0].text or "") if found else ""


def _int(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


def _parse_key(root: etree._Element, url: str, problems: list[str]) -> tuple[BillKey, int]:
    from_url = STATUS_PATH.search(urlsplit(url).path)
    url_parts = from_url.groups() if from_url else (None,) * 5
    legislature = _int(_text(root, "session_number")) or _int(url_parts[0] or "")
    year = _int(_text(root, "session_year")) or _int(url_parts[1] or "")
    special = _int(_text(root, "session_type"))
    if special is None:
        special = _int(url_parts[2] or "")
    file_type = (_text(root, "file_type") or url_parts[3] or "").upper()
    number = _int(_text(root, "file_number")) or _int(url_parts[4] or "")
    missing = [
        name
        for name, value in (
            ("SESSION_NUMBER", legislature),
            ("SESSION_YEAR", year),
            ("SESSION_TYPE", special),
            ("FILE_TYPE", file_type),
            ("FILE_NUMBER", number),
        )
        if value in (None, "")
    ]
    if missing:
        raise BillXmlError("invalid", f"missing {', '.join(missing)}")
    try:
        bill_type = BillType(file_type)
    except ValueError as error:
        raise BillXmlError("invalid", f"unknown FILE_TYPE {file_type!r}") from error
    assert legislature is not None and year is not None and special is not None and number
    if from_url and (url_parts[3] or "").upper() != file_type:
        problems.append(
            f"URL names {url_parts[3]}{url_parts[4]} but the XML says {file_type}{number}"
        )
    return BillKey(legislature, special, bill_type, number), year


def _parse_companion(root: etree._Element, problems: list[str]) -> tuple[BillType, int] | None:
    kind, number = _text(root, "companion_type").upper(), _text(root, "companion_number")
    if not kind and not number:
        return None
    try:
        return BillType(kind), int(number)
    except ValueError:
        problems.append(f"unreadable companion {kind!r} {number!r}")
        return None


def _chamber_blocks(
    root: etree._Element, tag: str, problems: list[str]
) -> Iterator[tuple[Chamber, etree._Element]]:
    for container in _children(root, tag):
        for block in container:
            if not isinstance(block.tag, str):
                continue
            try:
                yield Chamber(block.tag.lower()), block
            except ValueError:
                problems.append(f"unknown chamber block <{block.tag}> under <{container.tag}>")


def _parse_authors(root: etree._Element, problems: list[str]) -> tuple[AuthorRecord, ...]:
    authors = []
    for chamber, block in _chamber_blocks(root, "authors", problems):
        for position, author in enumerate(_children(block, "author")):
            name = _text(author, "member_name")
            if not name:
                problems.append(f"{chamber} author {position + 1} has no MEMBER_NAME")
                continue
            key = _text(author, "legislator_key") or None
            authors.append(AuthorRecord(chamber, position, name, key))
    return tuple(authors)


def _parse_actions(root: etree._Element, problems: list[str]) -> tuple[ActionRecord, ...]:
    actions = []
    for chamber, block in _chamber_blocks(root, "actions", problems):
        for sequence, action in enumerate(_children(block, "action")):
            text = _text(action, "action_text")
            raw_date = _text(action, "action_date")
            action_date = parse_loose_date(raw_date)
            if raw_date and action_date is None:
                problems.append(f"{chamber} action {sequence + 1}: unreadable date {raw_date!r}")
            if not text:
                problems.append(f"{chamber} action {sequence + 1} has no ACTION_TEXT")
                continue
            actions.append(
                ActionRecord(
                    chamber=chamber,
                    sequence=sequence,
                    text=text,
                    action_number=_int(_text(action, "action_number")),
                    action_date=action_date,
                    journal_page=_text(action, "journal_page"),
                    description=_text(action, "action_description"),
                    committee_id=_text(action, "committee_id"),
                    committee_name=_text(action, "committee_name"),
                    roll_call=_text(action, "roll_call"),
                    group=_text(action, "action_group"),
                )
            )
    return tuple(actions)


def _parse_versions(root: etree._Element, problems: list[str]) -> tuple[VersionRecord, ...]:
    versions = []
    for container in _children(root, "text_version_list"):
        for document in _children(container, "document"):
            name, html_url = _text(document, "document_name"), _text(document, "html_uri")
            if not name or not html_url:
                problems.append("a text version lacks DOCUMENT_NAME or HTML_URI")
                continue
            official = _text(document, "document_type").lower() != "ue"
            engrossment = _int(_text(document, "document_engrossment"))
            versions.append(
                VersionRecord(
                    name=name,
                    label=version_label(official, engrossment),
                    official=official,
                    engrossment=engrossment,
                    posted_at=parse_local_datetime(_text(document, "date_insert")),
                    html_url=html_url,
                    pdf_url=_text(document, "pdf_uri"),
                )
            )
    return tuple(versions)


def version_label(official: bool, engrossment: int | None) -> str:
    if engrossment is None:
        return "Text" if official else "Unofficial engrossment"
    if not official:
        return f"{ordinal(engrossment)} Unofficial Engrossment"
    return "Introduction" if engrossment == 0 else f"{ordinal(engrossment)} Engrossment"


# -- bill text HTML -------------------------------------------------------------------

_HIDDEN = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' sr-only ')]"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' del ')]"
    " | //del | //s | //strike | //script | //style"
)


def parse_bill_text(body: bytes, *, key: BillKey, version_name: str, url: str) -> BillTextRecord:
    """Title, statutes and plain text of a bill-text page (current Revisor layout)."""
    if not body or not body.strip():
        raise ValueError("empty page")
    document = lxml.html.fromstring(body.decode("utf-8", errors="replace"))
    sections = parse_sections(document)  # before the stricken text goes: its marks are kept
    for hidden in document.xpath(_HIDDEN):
        hidden.drop_tree()
    title_nodes = document.xpath("//div[contains(@class, 'bill_title')]")
    title = squash(title_nodes[0].text_content()) if title_nodes else ""
    if not title:
        raise ValueError("no bill_title on the page")
    statutes = list(statutes_in_title(title))
    for section in document.xpath("//div[contains(@class, 'bill_section')]"):
        statutes.extend(_section_statutes(section))
    main = document.xpath("//div[@id='document']") or [document]
    return BillTextRecord(
        key=key,
        version_name=version_name,
        url=url,
        title=title,
        statutes=tuple(dedupe(statutes)),
        text=squash(main[0].text_content())[:MAX_TEXT_CHARS],
        sections=sections,
    )


def _section_statutes(section: Any) -> list[Any]:
    paragraphs = section.xpath(".//p")
    if not paragraphs:
        return []
    found = statutes_in_section(squash(paragraphs[0].text_content()))
    if not found and "REPEALER" in squash(section.text_content())[:200].upper():
        found = statutes_in_section(squash(section.text_content()))
    return found
