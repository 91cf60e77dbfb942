"""Statute sections a bill touches, read from its title clause and its section openings.

Title: "...; amending Minnesota Statutes 2024, sections 126C.10, subdivisions 1, 2a;
124D.111, by adding a subdivision; proposing coding for new law in Minnesota Statutes,
chapter 124D; repealing Minnesota Statutes 2024, section 122A.06, subdivision 4."
Section openings: "Minnesota Statutes 2024, section 126C.10, subdivision 2, is amended to
read:", "[124D.995] LITERACY COACHES.", "... section 122A.06, subdivision 4, is repealed."
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tracker.records.bills import StatuteRecord
from tracker.vocab import StatuteChange

SECTION = r"\d{1,3}[A-Z]{0,2}\.\d{1,4}[A-Z]?"
_SECTION = re.compile(rf"\b({SECTION})\b")
_CHAPTER = re.compile(r"\b(\d{1,3}[A-Z]{0,2})\b")
_SUBDIVISIONS = re.compile(r"subdivisions?\s+((?:\d+[a-z]?\b|,|\s|\band\b)+)", re.I)
_SUBDIVISION_ID = re.compile(r"\d+[a-z]?")
_YEAR = re.compile(r"Minnesota Statutes\s+(\d{4})", re.I)

# The three clauses of a title, each running to the next clause or the end.
_CLAUSE = re.compile(
    r"(?P<kind>amending Minnesota Statutes|proposing coding for new law"
    r"|repealing Minnesota Statutes)",
    re.I,
)
_CLAUSE_KIND = {
    "amending minnesota statutes": StatuteChange.AMENDED,
    "proposing coding for new law": StatuteChange.NEW_CODING,
    "repealing minnesota statutes": StatuteChange.REPEALED,
}
# Session laws ("Laws 2023, chapter 18, article 4, section 2") are not statutes.
_SESSION_LAW = re.compile(r"\bLaws\s+\d{4}.*$", re.I | re.S)


def statutes_in_title(title: str) -> list[StatuteRecord]:
    found: list[StatuteRecord] = []
    matches = list(_CLAUSE.finditer(title))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(title)
        change = _CLAUSE_KIND[match.group("kind").lower()]
        body = title[match.end() : end]
        year = _year_in(body)
        if change is StatuteChange.NEW_CODING:
            found.extend(_new_coding(body, year))
        else:
            found.extend(_sections(body, change, year))
    return dedupe(found)


def _year_in(text: str) -> int | None:
    match = re.match(r"\s*(\d{4})", text) or _YEAR.search(text)
    return int(match.group(1)) if match else None


def _sections(body: str, change: StatuteChange, year: int | None) -> list[StatuteRecord]:
    records = []
    for part in body.split(";"):
        part = _SESSION_LAW.sub("", part)
        section = _SECTION.search(part)
        if not section:
            continue
        subdivisions = _subdivisions(part[section.end() :])
        for subdivision in subdivisions or [""]:
            records.append(StatuteRecord(section.group(1), change, subdivision, year))
    return records


def _new_coding(body: str, year: int | None) -> list[StatuteRecord]:
    chapters = re.search(r"chapters?\s+(.*)", body, re.I | re.S)
    if not chapters:
        return []
    text = _SESSION_LAW.sub("", chapters.group(1))
    return [
        StatuteRecord(chapter, StatuteChange.NEW_CODING, "", year)
        for chapter in _CHAPTER.findall(text)
    ]


def _subdivisions(text: str) -> list[str]:
    match = _SUBDIVISIONS.match(text.lstrip(", "))
    if not match:
        return []
    return _SUBDIVISION_ID.findall(match.group(1))


_OPENING = re.compile(
    r"Minnesota Statutes\s*(?P<year>\d{4})?,\s*sections?\s+(?P<rest>.*?)"
    r"(?P<verb>is amended|are amended|is repealed|are repealed)",
    re.I | re.S,
)
_NEW_SECTION = re.compile(rf"^\s*\[({SECTION})\]")


def statutes_in_section(opening: str) -> list[StatuteRecord]:
    """The statutes one bill section's first paragraph amends, codes anew or repeals."""
    new = _NEW_SECTION.match(opening)
    if new:
        return [StatuteRecord(new.group(1), StatuteChange.NEW_CODING)]
    match = _OPENING.search(opening)
    if not match:
        return []
    change = (
        StatuteChange.REPEALED
        if "repeal" in match.group("verb").lower()
        else (StatuteChange.AMENDED)
    )
    year = int(match.group("year")) if match.group("year") else None
    rest = re.sub(r"\band\b", ";", match.group("rest"))
    return _sections(rest, change, year)


def dedupe(records: Iterable[StatuteRecord]) -> list[StatuteRecord]:
    seen: dict[tuple[str, str, StatuteChange], StatuteRecord] = {}
    for record in records:
        seen.setdefault((record.section, record.subdivision, record.change), record)
    return list(seen.values())
