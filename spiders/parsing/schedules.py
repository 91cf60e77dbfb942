"""The chambers' meeting schedules read into HearingRecords: the House's HTML cards
(`/Schedules/All`, `/Schedules/MMDDYYYY`) and the Senate's JSON (`/api/schedule/upcoming`).

A joint meeting gets the same `source_key` from both sides (chamber JOINT), so the store
keeps one; a committee meeting twice a day gets two (`numbered`). Midnight is a placeholder
for a time not yet set on both sites ("12:00 AM" on the House list). A House page that shows
meetings (the summary list, a card's labels) but none of the cards they are read from is
`missing` its cards: a layout change, not a day without meetings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from urllib.parse import urljoin

import lxml.html

from spiders.parsing.common import json_list, query_value, read_each, squash, without_honorific
from tracker.records.schedule import AgendaItemRecord, HearingRecord, hearing_key
from tracker.rules.bill_refs import agenda_item
from tracker.rules.dates import CENTRAL
from tracker.vocab import BillType, Chamber, HearingStatus, MeetingChamber

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_LONG_DATE = re.compile(rf"\b({_MONTHS})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)
_SHORT_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s*m\b\.?", re.IGNORECASE)
_ISO_CLOCK = re.compile(r"[T ](\d{2}):(\d{2})(?::\d{2})?")
_NOON = re.compile(r"\bnoon\b", re.IGNORECASE)
_GAVEL = re.compile(r"\s*holds the gavel\.?\s*$", re.IGNORECASE)
_GAVEL_HOLDER = re.compile(
    r"\b(?:(?:The\s+)?(Senate|House)\s+has\s+the\s+gavel"
    r"|(?:Senator|Sen\.|Representative|Rep\.)\s+([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*)"
    r"\s+holds\s+the\s+gavel)",
)
_SUMMARY_ROW = re.compile(r"\(\d{1,2}:\d{2}\s*[AP]M\)\s*\d{1,2}/\d{1,2}/\d{4}", re.IGNORECASE)
_CARD_LABELS = ("Location:", "Agenda:", "Chair:")
_FLOOR = re.compile(r"\bfloor\b|\bsession\b", re.IGNORECASE)


class ScheduleError(ValueError):
    """One meeting entry that cannot be read (no committee, no date ...)."""


@dataclass(frozen=True)
class ParsedSchedule:
    hearings: list[HearingRecord]
    skipped: list[str]  # why each unreadable entry was left out
    missing: str = ""  # what a page that lost its layout lacks ("" for a readable page)


# -- dates and times -------------------------------------------------------------------


def parse_day(text: str) -> date | None:
    """The first date written in `text`: 'Tuesday, March 10, 2026', '3/10/2026', ISO."""
    if found := _LONG_DATE.search(text):
        month = [m.lower() for m in _MONTHS.split("|")].index(found.group(1).lower()) + 1
        parts = (int(found.group(3)), month, int(found.group(2)))
    elif found := _SHORT_DATE.search(text):
        parts = (int(found.group(3)), int(found.group(1)), int(found.group(2)))
    elif found := _ISO_DATE.search(text):
        parts = (int(found.group(1)), int(found.group(2)), int(found.group(3)))
    else:
        return None
    try:
        return date(*parts)
    except ValueError:
        return None


def parse_clock(text: str) -> tuple[int, int] | None:
    """(hour, minute) of '1:00 PM', '8:15 a.m.', '10 AM', 'Noon'; None when no time."""
    if found := _CLOCK.search(text):
        hour, minute = int(found.group(1)), int(found.group(2) or 0)
        if not (1 <= hour <= 12 and minute < 60):
            return None
        pm = found.group(3).lower() == "p"
        return (hour % 12 + (12 if pm else 0), minute)
    if _NOON.search(text):
        return (12, 0)
    return None


def meeting_start(day: date, clock: tuple[int, int] | None) -> tuple[datetime, bool]:
    """An aware Central datetime and whether the time is to be announced (midnight then).
    No meeting starts at midnight: "12:00 AM" (House) and 00:00 (Senate) mean not yet set."""
    hour, minute = clock or (0, 0)
    tba = clock is None or clock == (0, 0)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CENTRAL), tba


def numbered(hearings: list[HearingRecord]) -> list[HearingRecord]:
    """A committee's second (third ...) meeting of a day gets its own key: the keys are made
    without the time (a time change keeps the key), so two meetings would share one."""
    groups: defaultdict[str, list[int]] = defaultdict(list)
    for position, hearing in enumerate(hearings):
        groups[hearing.source_key].append(position)
    result = list(hearings)
    for positions in groups.values():
        in_time_order = sorted(positions, key=lambda p: (hearings[p].starts_at, p))
        for ordinal, position in enumerate(in_time_order[1:], start=2):
            hearing = hearings[position]
            result[position] = replace(hearing, source_key=f"{hearing.source_key}:{ordinal}")
    return result


# -- House HTML ------------------------------------------------------------------------

_CARD = "//div[contains(@class,'my-2') and contains(@class,'d-print-block')]"
_HEADER = "div[contains(@class,'card-header')]"
_COMMITTEE_LINK = _HEADER + "/h3/a[contains(@class,'text-white')]"


def parse_house_schedule(html: str, *, url: str) -> ParsedSchedule:
    """Every meeting card on a House schedule page (`/Schedules/All`, `/Schedules/MMDDYYYY`)."""
    if not html.strip():
        return ParsedSchedule([], [], missing="the page (empty)")
    document = lxml.html.fromstring(html)
    page_day = parse_day(squash(" ".join(document.xpath("//h1//text() | //h2//text()"))))
    cards = document.xpath(_CARD)
    if not cards:
        return ParsedSchedule([], [], missing=_missing_cards(squash(document.text_content())))
    hearings, skipped = read_each(
        cards,
        lambda card: parse_house_card(card, url=url, page_day=page_day),
        error=ScheduleError,
        label="card",
        where=url,
    )
    return ParsedSchedule(numbered(hearings), skipped)


def _missing_cards(text: str) -> str:
    """'' for a page without meetings; what is missing from one that shows some."""
    shown = len(_SUMMARY_ROW.findall(text)) or sum(text.count(label) for label in _CARD_LABELS)
    if not shown:
        return ""
    return f"meeting cards (the page shows meetings: {shown} summary rows or card labels)"


def parse_house_card(card: Any, *, url: str, page_day: date | None = None) -> HearingRecord:
    headers = card.xpath(_HEADER)
    if not headers:
        raise ScheduleError("no card-header")
    header = headers[0]
    joint = "bg-joint" in (header.get("class") or "").split()
    chamber = MeetingChamber.JOINT if joint else MeetingChamber.HOUSE
    committee, committee_url = _house_committee(card, header)
    when = squash(" ".join(header.xpath("span[contains(@class,'text-white')]//text()")))
    day = parse_day(when) or page_day
    if day is None:
        raise ScheduleError(f"no date in {when!r} ({committee})")
    starts_at, tba = meeting_start(day, parse_clock(when))
    header_words = squash(" ".join(header.xpath("h3//text()")))
    agenda_text, agenda = _house_agenda(card)
    return HearingRecord(
        source_key=hearing_key(chamber, committee, starts_at),
        chamber=chamber,
        committee=committee,
        starts_at=starts_at,
        listed_by=Chamber.HOUSE,
        url=urljoin(url, committee_url) if committee_url else url,
        committee_id=_house_committee_id(committee_url),
        time_tba=tba,
        location=_labelled(card, "Location:"),
        chair=_house_chair(card),
        gavel=_gavel_holder(card),
        status=HearingStatus.from_text(header_words.replace(committee, " ")),
        notes=agenda_text,
        agenda=agenda,
    )


def _house_committee(card: Any, header: Any) -> tuple[str, str]:
    link = card.xpath(_COMMITTEE_LINK)
    if link and link[0].xpath("b"):
        name = squash(link[0].xpath("string(b)"))
        if name:
            return name, link[0].get("href") or ""
    # Floor sessions and unlinked events: a header without a committee link.
    text = squash(" ".join(header.xpath("h3/text() | h3/span[not(@class)]/text()")))
    if not text:
        raise ScheduleError("no committee name and no header text")
    if _FLOOR.search(text) and not text.lower().startswith("house"):
        text = f"House {text}"
    return text, ""


def _house_committee_id(href: str) -> str:
    found = re.search(r"/committees/(?:home|members)/(\d+)", href, re.IGNORECASE)
    return found.group(1) if found else ""


def _labelled(card: Any, label: str) -> str:
    found = card.xpath(f".//b[normalize-space(.)='{label}']/following-sibling::text()[1]")
    return squash(found[0]) if found else ""


def _house_chairs(card: Any) -> list[str]:
    """The 'Chair:' and 'Co-Chair:' lines, in order, as written."""
    chairs = []
    for label in card.xpath(".//b[contains(normalize-space(.),'Chair:')]"):
        if "vice" in label.text_content().lower():
            continue
        text = label.xpath("following-sibling::text()[1]")
        if text and squash(text[0]):
            chairs.append(squash(text[0]))
    return chairs


def _house_chair(card: Any) -> str:
    """'Chair: Rep. X', or the first co-chair."""
    chairs = _house_chairs(card)
    return without_honorific(_GAVEL.sub("", chairs[0])).strip() if chairs else ""


def _gavel_holder(card: Any) -> str:
    """Who holds the gavel: the co-chair whose line says so, or the agenda's 'Senator X
    holds the gavel' / 'The Senate has the gavel' (joint and conference meetings)."""
    for chair in _house_chairs(card):
        if _GAVEL.search(chair):
            return without_honorific(_GAVEL.sub("", chair)).strip()
    if found := _GAVEL_HOLDER.search(squash(card.text_content())):
        return found.group(1) or found.group(2)
    return ""


def _house_agenda(card: Any) -> tuple[str, tuple[AgendaItemRecord, ...]]:
    lines: list[str] = []
    for block in card.xpath(".//b[normalize-space(.)='Agenda:']/following-sibling::div[1]"):
        lines.extend(_lines(block))
    items = [agenda_item(position, line) for position, line in enumerate(lines, start=1)]
    named = {bill for item in items for bill in item.bills}
    for link in card.xpath(
        ".//a[contains(@href,'/bills/bill.php') and contains(@class,'pull-left')]"
    ):
        text = squash(link.text_content() + " " + (link.tail or ""))
        extra = agenda_item(len(items) + 1, text)
        if extra.bills and not set(extra.bills) <= named:
            items.append(extra)
            named.update(extra.bills)
    return "\n".join(lines), tuple(items)


def _lines(block: Any) -> list[str]:
    """The text of a block, one entry per line (<br>, <p>, <li> and <div> break lines)."""
    copy = lxml.html.fromstring(lxml.html.tostring(block))
    for node in copy.iter("br", "p", "li", "div"):
        node.tail = "\n" + (node.tail or "")
    return [squash(line) for line in copy.text_content().split("\n") if line.strip()]


# -- Senate JSON -----------------------------------------------------------------------


def parse_senate_schedule(body: str, *, url: str) -> ParsedSchedule:
    """Every entry of `/api/schedule/upcoming` (`{"events": [...]}`)."""
    hearings, skipped = read_each(
        json_list(body, "events", ScheduleError),
        lambda event: parse_senate_event(event, url=url),
        error=ScheduleError,
        label="event",
        where=url,
    )
    return ParsedSchedule(numbered(hearings), skipped)


def parse_senate_event(event: Any, *, url: str) -> HearingRecord:
    if not isinstance(event, dict):
        raise ScheduleError(f"an event is a {type(event).__name__}, not an object")
    committee_data = event.get("committee") or {}
    if not isinstance(committee_data, dict):
        raise ScheduleError("'committee' is not an object")
    committee = squash(str(committee_data.get("committee_name") or ""))
    notes = str(event.get("hearing_notes") or "").strip()
    if not committee:
        committee = "Senate Floor Session"  # a floor session carries no committee
    raw_start = str(event.get("hearing_start") or "")
    day = parse_day(raw_start)
    if day is None:
        raise ScheduleError(f"unreadable hearing_start {raw_start!r} ({committee})")
    clock = _iso_clock(raw_start) if _ISO_DATE.match(raw_start) else parse_clock(raw_start)
    starts_at, tba = meeting_start(day, clock)
    joint = re.search(r"\bjoint\b", committee, re.IGNORECASE)
    chamber = MeetingChamber.JOINT if joint else MeetingChamber.SENATE
    link = _senate_link(str(committee_data.get("link") or ""), url)
    lrl = str(event.get("lrl_schedule_link") or "")
    problems: list[str] = []
    return HearingRecord(
        source_key=hearing_key(chamber, committee, starts_at, site_id=query_value(lrl, "mtgid")),
        chamber=chamber,
        committee=committee,
        starts_at=starts_at,
        listed_by=Chamber.SENATE,
        url=lrl or link or url,
        committee_id=query_value(link, "cmte_id"),
        time_tba=tba,
        location=squash(f"{event.get('hearing_room') or ''} {event.get('hearing_building') or ''}"),
        chair=without_honorific(squash(str(committee_data.get("senate_chair") or ""))),
        status=HearingStatus.from_text(f"{committee} {notes}"),
        notes=notes,
        agenda=_senate_agenda(event.get("agenda"), problems),
        problems=tuple(problems),
    )


def _iso_clock(text: str) -> tuple[int, int] | None:
    """'2026-03-10 08:30:00' -> (8, 30); None for a date alone (the API's own TBA form is
    not documented; midnight is one, see `meeting_start`)."""
    found = _ISO_CLOCK.search(text)
    return (int(found.group(1)), int(found.group(2))) if found else None


def _senate_link(link: str, api_url: str) -> str:
    """Committee links come as full URLs, 'www...' or relative to /committees/."""
    if not link:
        return ""
    if link.startswith("www."):
        return "https://" + link
    return urljoin(urljoin(api_url, "/committees/"), link)


def _senate_agenda(entries: Any, problems: list[str]) -> tuple[AgendaItemRecord, ...]:
    if not isinstance(entries, list):
        if entries is not None:
            problems.append("'agenda' is not a list")
        return ()
    items = []
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            problems.append(f"agenda item {position} is not an object")
            continue
        text = squash(str(entry.get("description") or ""))
        kind = re.sub(r"[^A-Za-z]", "", str(entry.get("bill_type") or "")).upper()
        number = str(entry.get("bill_number") or "").strip()
        named = None
        if kind and number:
            try:
                named = (BillType(kind), int(number))
            except ValueError:
                problems.append(f"agenda item {position}: unreadable bill {kind!r} {number!r}")
        items.append(agenda_item(position, text, named=named))
    return tuple(items)
