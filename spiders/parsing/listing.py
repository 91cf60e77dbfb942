"""The Revisor's status search, read into the bills it lists (mn_sources.md §1.4).

Two forms of one search: with `&format=xml` it lists each bill's STATUS_XML_URI (the
documented service); without it, an HTML results table whose fourth cell is the bill's last
action date (Open States reads `td[2]/a` and `td[4]/a`), the cheapest signal of which bills
changed. The XML form is validated: a listing whose BILL_RESULT lacks its STATUS_XML_URI is
invalid, not empty. The HTML form is a convenience: when it cannot be read the spider asks
for the XML form of the same range instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qs, urlsplit

import lxml.html

from spiders.parsing.common import squash
from spiders.parsing.revisor import BillXmlError, children, text_of, xml_root
from tracker.rules.dates import parse_loose_date
from tracker.vocab import BillType

_STATUS_URI = re.compile(r"/bills/v1/\d+/(\d{4})/(\d+)/([A-Za-z]{2})/(\d+)")
_BILL_LABEL = re.compile(r"^\s*([HS][FRC])\s*0*(\d+)\s*$", re.IGNORECASE)
_PAGE_PATH = re.compile(r"/bills/\d+/(\d{4})/(\d+)/([A-Za-z]{2})/(\d+)")


@dataclass(frozen=True)
class ListedBill:
    """One bill a status search listed. `year` and `special_session` come from its link
    (the status URI needs the year the bill was introduced); `last_action_on` only from the
    HTML results."""

    bill_type: BillType
    number: int
    status_uri: str = ""
    year: int | None = None
    special_session: int | None = None
    last_action_on: date | None = None


class ListingUnreadable(ValueError):
    """An HTML results page without the results table (or with rows that are not bills)."""


def parse_search_xml(body: bytes) -> list[ListedBill]:
    """Every BILL_RESULT of an XML search; [] for an empty range. BillXmlError `invalid`
    (with the field) when an element is not one the search returns or a result has no
    STATUS_XML_URI."""
    root = xml_root(body, expected="search_results")
    listed = []
    for element in children(root):
        tag = element.tag.lower()
        if tag == "api_info":
            continue
        if tag != "bill_result":
            raise BillXmlError("invalid", f"unexpected <{element.tag}> in the results", tag)
        uri = text_of(element, "status_xml_uri")
        found = _STATUS_URI.search(uri)
        if not found:
            raise BillXmlError("invalid", f"a BILL_RESULT without STATUS_XML_URI: {uri!r}",
                               "STATUS_XML_URI")  # fmt: skip
        year, special, file_type, number = found.groups()
        listed.append(
            ListedBill(BillType(file_type.upper()), int(number), uri, int(year), int(special))
        )
    return listed


def parse_results_page(html: str) -> list[ListedBill]:
    """Every row of the HTML results table: the bill (td 2) and its last action date (td 4).
    A page without the table raises ListingUnreadable; a table without rows is an empty
    range."""
    if not html.strip():
        raise ListingUnreadable("empty page")
    document = lxml.html.fromstring(html)
    tables = document.xpath("//table[contains(@class,'table')]")
    if not tables:
        raise ListingUnreadable("no results table")
    listed = []
    for row in tables[0].xpath(".//tbody/tr"):
        cells = row.xpath("td")
        links = cells[1].xpath(".//a") if len(cells) >= 4 else []
        label = _BILL_LABEL.match(squash(links[0].text_content())) if links else None
        if label is None:
            raise ListingUnreadable(f"a row without a bill link: {squash(row.text_content())!r}")
        raw_date = squash(cells[3].text_content())
        last = parse_loose_date(raw_date)
        if raw_date and last is None:
            raise ListingUnreadable(f"unreadable last action date {raw_date!r}")
        year, special = _year_and_special_session(links[0].get("href") or "")
        listed.append(
            ListedBill(
                BillType(label.group(1).upper()),
                int(label.group(2)),
                year=year,
                special_session=special,
                last_action_on=last,
            )
        )
    return listed


def _year_and_special_session(href: str) -> tuple[int | None, int | None]:
    """From `bill.php?...&ssn=0&y=2025` or `/bills/94/2025/0/HF/5/`."""
    if found := _PAGE_PATH.search(href):
        return int(found.group(1)), int(found.group(2))
    query = parse_qs(urlsplit(href).query)
    year, special = query.get("y", [""])[0], query.get("ssn", [""])[0]
    return (
        int(year) if year.isdigit() else None,
        int(special) if special.isdigit() else None,
    )
