"""Members and committee rosters of both chambers read into records: the House's member
list, profile, committee list and committee member pages (HTML); the Senate's members
(JSON), committee list and committee pages (HTML)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

import lxml.html

from spiders.parsing.common import json_list, query_value, read_each, squash, without_honorific
from tracker.records.schedule import CommitteeRecord, CommitteeSeat, LegislatorRecord
from tracker.vocab import Chamber, SeatRole

SENATE_PROFILE = "/members/member_bio.html?mem_id={id}"  # the members JSON has no profile link

_NAME_DISTRICT_PARTY = re.compile(
    r"^(?P<name>.+?)\s*\((?P<district>\d{1,2}[AB]?),\s*(?P<party>[A-Za-z-]+)\)\s*$"
)
_PHONE = re.compile(r"\(?\b\d{3}\)?[-. ]\d{3}-\d{4}\b")
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


class MemberError(ValueError):
    """One member or committee entry that cannot be read."""


# -- helpers ---------------------------------------------------------------------------


def last_name_of(name: str) -> str:
    """A sortable last name from a full name: 'Cheryl Youakim' -> 'Youakim',
    'María Isa Pérez-Vega' -> 'Pérez-Vega', 'John Doe Jr.' -> 'Doe'."""
    words = [w for w in name.replace(",", " ").split() if w.lower() not in _SUFFIXES]
    return words[-1] if words else ""


def _page(html: str) -> Any:
    return lxml.html.fromstring(html or "<html></html>")


def _email(node: Any) -> str:
    mail = node.xpath("descendant-or-self::a[starts-with(@href,'mailto:')]/@href")
    return mail[0].removeprefix("mailto:").strip() if mail else ""


def _profile_id(href: str) -> str:
    found = re.search(r"/members/profile/(\d+)", href, re.IGNORECASE)
    return found.group(1) if found else query_value(href, "mem_id")


def split_name(text: str) -> tuple[str, str, str]:
    """'Rep. Cheryl Youakim (46B, DFL)' -> ('Cheryl Youakim', '46B', 'DFL'); the district
    loses its leading zero ('05A' -> '5A')."""
    found = _NAME_DISTRICT_PARTY.match(without_honorific(squash(text)))
    if not found:
        raise MemberError(f"no 'Name (district, party)' in {text!r}")
    district = found.group("district").lstrip("0").upper()
    return found.group("name"), district, found.group("party")


# -- House pages -----------------------------------------------------------------------


def parse_house_member_list(html: str, *, url: str) -> tuple[list[LegislatorRecord], list[str]]:
    blocks = _page(html).xpath(
        "//div[@id='Alpha']//div[contains(@class,'media') and contains(@class,'my-3')]"
    )
    return read_each(
        blocks,
        lambda block: _house_member(block, url),
        error=MemberError,
        label="member",
        where=url,
    )


def _house_member(block: Any, page_url: str) -> LegislatorRecord:
    links = block.xpath(".//h5/a")
    if not links:
        raise MemberError("no h5 link")
    href = urljoin(page_url, links[0].get("href") or "")
    key = _profile_id(href)
    if not key:
        raise MemberError(f"no member id in {href!r}")
    name, district, party = split_name(links[0].text_content())
    body = block.xpath("div[contains(@class,'media-body')]") or [block]
    lines = [squash(t) for t in body[0].xpath("text()") if squash(t)]
    phones = [line for line in lines if _PHONE.fullmatch(line)]
    return LegislatorRecord(
        chamber=Chamber.HOUSE,
        legislator_key=key,
        name=name,
        last_name=last_name_of(name),
        district=district,
        party=party,
        url=href,
        email=_email(block),
        phone=phones[0] if phones else "",
        office=", ".join(line for line in lines if line not in phones),
    )


def complete_from_profile(member: LegislatorRecord, html: str) -> LegislatorRecord:
    """Fill the email and phone a list entry lacked from the member's profile page."""
    document = _page(html)
    phone = _PHONE.search(squash(document.text_content()))
    problems = list(member.problems)
    email = member.email or _email(document)
    if not email:
        problems.append("no email on the list or the profile")
    return LegislatorRecord(
        **{
            **member.__dict__,
            "email": email,
            "phone": member.phone or (phone.group(0) if phone else ""),
            "problems": tuple(problems),
        }
    )


def parse_house_committee_list(html: str, *, url: str) -> list[tuple[str, str]]:
    """(name, members page URL) of every committee card on `/committees`."""
    document = _page(html)
    found = []
    for card in document.xpath("//div[contains(@class,'mb-3')]//div[contains(@class,'card-body')]"):
        names = card.xpath(".//h2/a")
        links = card.xpath(
            ".//div[contains(@class,'container')]//a[contains(@href,'members')]/@href"
        )
        if names and links:
            found.append((squash(names[0].text_content()), urljoin(url, links[0])))
    return found


def parse_house_committee_members(html: str, *, name: str, url: str) -> CommitteeRecord:
    document = _page(html)
    seats, problems = [], []
    for position, block in enumerate(
        document.xpath("//div[contains(@class,'media') and contains(@class,'py-4')]"), start=1
    ):
        bold = block.xpath(".//div[contains(@class,'media-body')]/span/b")
        texts = [squash(t) for t in (bold[0].xpath("text()") if bold else []) if squash(t)]
        hrefs = block.xpath(".//a[contains(@href,'/members/profile/')]/@href")
        try:
            if not texts:
                raise MemberError("no name")
            member_name = split_name(texts[0])[0]
        except MemberError as error:
            problems.append(f"seat {position} of {name}: {error}")
            continue
        role = squash(" ".join(bold[0].xpath("u//text()")))
        key = _profile_id(hrefs[0]) if hrefs else ""
        seats.append(CommitteeSeat(key, member_name, SeatRole.from_text(role)))
    found = re.search(r"/committees/(?:members|home)/(\d+)", url, re.IGNORECASE)
    return CommitteeRecord(
        chamber=Chamber.HOUSE,
        source_id=found.group(1) if found else "",
        name=name,
        url=url,
        memberships=tuple(seats),
        problems=tuple(problems),
    )


# -- Senate pages ----------------------------------------------------------------------


def parse_senate_member_list(
    body: str, *, profile_base: str
) -> tuple[list[LegislatorRecord], list[str]]:
    return read_each(
        json_list(body, "members", MemberError),
        lambda row: _senate_member(row, profile_base),
        error=MemberError,
        label="member",
    )


def _senate_member(row: Any, profile_base: str) -> LegislatorRecord:
    if not isinstance(row, dict):
        raise MemberError(f"a member is a {type(row).__name__}, not an object")
    key = str(row.get("mem_id") or "").strip()
    name = squash(str(row.get("preferred_full_name") or ""))
    district = str(row.get("dist") or "").strip().lstrip("0")
    if not key or not name or not district:
        raise MemberError(f"missing mem_id, preferred_full_name or dist in {row!r:.120}")
    office = ", ".join(
        squash(str(row.get(field) or ""))
        for field in ("office_address_first_line", "office_address_second_line")
        if squash(str(row.get(field) or ""))
    )
    return LegislatorRecord(
        chamber=Chamber.SENATE,
        legislator_key=key,
        name=name,
        last_name=squash(str(row.get("preferred_last_name") or "")) or last_name_of(name),
        district=district,
        party=squash(str(row.get("party") or "")),
        url=profile_base.rstrip("/") + SENATE_PROFILE.format(id=key),
        email=squash(str(row.get("email") or "")),
        phone=squash(str(row.get("full_phone_number") or "")),
        office=office,
    )


def parse_senate_committee_list(html: str, *, url: str) -> list[tuple[str, str]]:
    """(name, committee_bio URL) of every committee link on `/committees`."""
    document = _page(html)
    found = []
    for link in document.xpath(
        "//div[contains(@class,'card')]//*[contains(@class,'list-group-flush')]"
        "//*[contains(@class,'d-flex')]//a[contains(@href,'committee_bio')]"
    ):
        found.append((squash(link.text_content()), urljoin(url, link.get("href") or "")))
    return found


def parse_senate_committee_page(html: str, *, name: str, url: str) -> CommitteeRecord:
    document = _page(html)
    seats, problems = [], []
    for link in document.xpath("//div[@id='members']//a[contains(@href,'member_bio')]"):
        text = squash(link.text_content())
        key = query_value(link.get("href") or "", "mem_id")
        if not text or not key:
            problems.append(f"a member link of {name} without a name or mem_id: {text!r}")
            continue
        label = link.xpath("preceding-sibling::b[1]/text()")
        seats.append(
            CommitteeSeat(
                key,
                without_honorific(text.split(" (")[0]).strip(),
                SeatRole.from_text(label[0]) if label else SeatRole.MEMBER,
            )
        )
    return CommitteeRecord(
        chamber=Chamber.SENATE,
        source_id=query_value(url, "cmte_id"),
        name=name,
        url=url,
        memberships=tuple(seats),
        problems=tuple(problems),
    )
