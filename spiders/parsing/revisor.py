"""Pure parsing of the Revisor's bill-status XML and bill text HTML.

No Scrapy here: each function takes bytes and returns records or raises BillXmlError.

A status response is checked against the containers every real bill has before anything is
read from it: ACTIONS with chamber blocks of ACTION elements, AUTHORS with chamber blocks of
AUTHOR elements (and, when present, TEXT_VERSION_LIST of DOCUMENT elements). A response where
one of them is missing or renamed is `invalid` with the `field` named, never a bill with no
actions: a layout change must not read as a bill that lost its history.
"""

from __future__ import annotations

import re
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
CHAMBER_TAGS = frozenset(chamber.value for chamber in Chamber)


class BillXmlError(ValueError):
    """A response that cannot be read: `kind` malformed (not XML, cut off) or invalid (not
    the shape the source gives); `field` names what is missing or unexpected."""

    def __init__(self, kind: str, message: str, field: str = ""):
        super().__init__(message)
        self.kind = kind
        self.field = field or kind


# -- XML helpers ----------------------------------------------------------------------


def xml_root(body: bytes, *, expected: str) -> etree._Element:
    if not body or not body.strip():
        raise BillXmlError("malformed", "empty response")
    parser = etree.XMLParser(encoding="utf-8", resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as error:
        raise BillXmlError("malformed", str(error)) from error
    if root.tag.lower() != expected:
        raise BillXmlError(
            "invalid", f"root element is <{root.tag}>, expected <{expected.upper()}>", "root"
        )
    return root


def children(node: etree._Element, tag: str = "") -> list[etree._Element]:
    """Child elements (named `tag`, in any case: real chamber tags vary, house or HOUSE)."""
    return [c for c in node if isinstance(c.tag, str) and (not tag or c.tag.lower() == tag)]


def text_of(node: etree._Element, tag: str) -> str:
    found = children(node, tag)
    return squash(found[0].text or "") if found else ""


def fields_of(node: etree._Element) -> dict[str, str]:
    """A record's child elements by lower-cased tag, their text squashed (the first of each
    tag): one pass over an ACTION's ten fields, not ten."""
    found: dict[str, str] = {}
    for child in node:
        if isinstance(child.tag, str):
            found.setdefault(child.tag.lower(), " ".join((child.text or "").split()))
    return found


def _int(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


# -- bill status XML ------------------------------------------------------------------


def parse_bill_xml(body: bytes, *, url: str) -> BillRecord:
    root = xml_root(body, expected="bill")
    problems: list[str] = []
    key, year = _parse_key(root, url, problems)
    return BillRecord(
        key=key,
        year_introduced=year,
        session_name=text_of(root, "session_text"),
        year_start=_int(text_of(root, "session_year_start")) or year,
        year_end=_int(text_of(root, "session_year_close")) or year,
        status_xml_url=url,
        revisor_number=text_of(root, "revisor_number") or None,
        description=text_of(root, "description"),
        companion=_parse_companion(root, problems),
        authors=_parse_authors(root, problems),
        actions=_parse_actions(root, problems),
        versions=_parse_versions(root, problems),
        problems=tuple(problems),
    )


def _parse_key(root: etree._Element, url: str, problems: list[str]) -> tuple[BillKey, int]:
    from_url = STATUS_PATH.search(urlsplit(url).path)
    url_parts = from_url.groups() if from_url else (None,) * 5
    legislature = _int(text_of(root, "session_number")) or _int(url_parts[0] or "")
    year = _int(text_of(root, "session_year")) or _int(url_parts[1] or "")
    special = _int(text_of(root, "session_type"))
    if special is None:
        special = _int(url_parts[2] or "")
    file_type = (text_of(root, "file_type") or url_parts[3] or "").upper()
    number = _int(text_of(root, "file_number")) or _int(url_parts[4] or "")
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
        raise BillXmlError("invalid", f"missing {', '.join(missing)}", missing[0])
    try:
        bill_type = BillType(file_type)
    except ValueError as error:
        raise BillXmlError("invalid", f"unknown FILE_TYPE {file_type!r}", "FILE_TYPE") from error
    assert legislature is not None and year is not None and special is not None and number
    if from_url and (url_parts[3] or "").upper() != file_type:
        problems.append(
            f"URL names {url_parts[3]}{url_parts[4]} but the XML says {file_type}{number}"
        )
    return BillKey(legislature, special, bill_type, number), year


def _parse_companion(root: etree._Element, problems: list[str]) -> tuple[BillType, int] | None:
    kind, number = text_of(root, "companion_type").upper(), text_of(root, "companion_number")
    if not kind and not number:
        return None
    try:
        return BillType(kind), int(number)
    except ValueError:
        problems.append(f"unreadable companion {kind!r} {number!r}")
        return None


def _entries(root: etree._Element, container: str, entry: str) -> list[tuple[Chamber, int, Any]]:
    """(chamber, position in its block, element) of each `entry` under `container`'s chamber
    blocks. Raises BillXmlError invalid when the container is missing, holds something other
    than chamber blocks, a block holds something other than `entry`, or there is no entry."""
    found = children(root, container)
    if not found:
        raise BillXmlError("invalid", f"no {container.upper()}", container.upper())
    entries = []
    for block in children(found[0]):
        if block.tag.lower() not in CHAMBER_TAGS:
            field = f"{container.upper()}/{block.tag}"
            raise BillXmlError("invalid", f"unknown chamber block <{block.tag}>", field)
        for position, element in enumerate(children(block)):
            if element.tag.lower() != entry:
                field = f"{container.upper()}/{block.tag}/{element.tag}"
                raise BillXmlError("invalid", f"<{element.tag}> where {entry.upper()} is", field)
            entries.append((Chamber(block.tag.lower()), position, element))
    if not entries:
        raise BillXmlError("invalid", f"no {entry.upper()} under {container.upper()}",
                           entry.upper())  # fmt: skip
    return entries


def _required(entries: list[dict[str, str]], tag: str) -> None:
    """A field every entry lacks was renamed, not left blank."""
    if entries and all(tag not in fields for fields in entries):
        raise BillXmlError("invalid", f"no entry has {tag.upper()}", tag.upper())


def _parse_authors(root: etree._Element, problems: list[str]) -> tuple[AuthorRecord, ...]:
    entries = [(chamber, position, fields_of(e)) for chamber, position, e in
               _entries(root, "authors", "author")]  # fmt: skip
    _required([fields for _, _, fields in entries], "member_name")
    authors = []
    for chamber, position, author in entries:
        name = author.get("member_name", "")
        if not name:
            problems.append(f"{chamber} author {position + 1} has no MEMBER_NAME")
            continue
        authors.append(AuthorRecord(chamber, position, name, author.get("legislator_key") or None))
    return tuple(authors)


def _parse_actions(root: etree._Element, problems: list[str]) -> tuple[ActionRecord, ...]:
    entries = [(chamber, sequence, fields_of(e)) for chamber, sequence, e in
               _entries(root, "actions", "action")]  # fmt: skip
    _required([fields for _, _, fields in entries], "action_text")
    actions = []
    for chamber, sequence, action in entries:
        text = action.get("action_text", "")
        raw_date = action.get("action_date", "")
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
                action_number=_int(action.get("action_number", "")),
                action_date=action_date,
                journal_page=action.get("journal_page", ""),
                description=action.get("action_description", ""),
                committee_id=action.get("committee_id", ""),
                committee_name=action.get("committee_name", ""),
                roll_call=action.get("roll_call", ""),
                group=action.get("action_group", ""),
            )
        )
    return tuple(actions)


def _parse_versions(root: etree._Element, problems: list[str]) -> tuple[VersionRecord, ...]:
    versions = []
    for container in children(root, "text_version_list"):
        documents = children(container)
        for document in documents:
            if document.tag.lower() != "document":
                field = f"TEXT_VERSION_LIST/{document.tag}"
                raise BillXmlError("invalid", f"<{document.tag}> where DOCUMENT is", field)
        entries = [fields_of(document) for document in documents]
        _required(entries, "document_name")
        for document in entries:
            name, html_url = document.get("document_name", ""), document.get("html_uri", "")
            if not name or not html_url:
                problems.append("a text version lacks DOCUMENT_NAME or HTML_URI")
                continue
            official = document.get("document_type", "").lower() != "ue"
            engrossment = _int(document.get("document_engrossment", ""))
            versions.append(
                VersionRecord(
                    name=name,
                    label=version_label(official, engrossment),
                    official=official,
                    engrossment=engrossment,
                    posted_at=parse_local_datetime(document.get("date_insert", "")),
                    html_url=html_url,
                    pdf_url=document.get("pdf_uri", ""),
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
