"""Statute citations as the tagger reads them: catalog cites and the sections a bill touches.

A catalog cite names a chapter ("125A"), a section ("125A.76") or a subdivision
("126C.10 subd 2e"). A bill's statutes come from its title clause ("amending Minnesota
Statutes 2024, sections 126C.10, subdivision 2e; ...", parsed by `tracker.rules.citations`)
and from the list of section strings a source gave ("126C.10", "126C.10, subd. 2e").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.records.bills import StatuteRecord
from tracker.rules.citations import dedupe, statutes_in_title
from tracker.vocab import StatuteChange

_CITE = re.compile(
    r"""^\s*
    (?:minn(?:esota)?\.?\s*stat(?:utes)?\.?\s*(?:\d{4}\s*)?,?\s*)?   # Minnesota Statutes 2024,
    (?:§+\s*)?
    (?:sections?\s+|chapters?\s+)?
    (?P<chapter>\d{1,3}[a-z]{0,2})(?:\.(?P<section>\d{1,4}[a-z]?))?
    (?:\s*,?\s*subd(?:ivision)?s?\.?\s*(?P<subdivision>\d{1,3}[a-z]?))?
    \s*\.?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
CHANGE_VERB = {
    StatuteChange.AMENDED: "amends",
    StatuteChange.NEW_CODING: "proposes new law in",
    StatuteChange.REPEALED: "repeals",
}


@dataclass(frozen=True)
class Cite:
    """A place in Minnesota Statutes: a chapter, a section of it, or a subdivision of that."""

    chapter: str
    section: str = ""
    subdivision: str = ""

    def __str__(self) -> str:
        if self.subdivision:
            return f"{self.section}, subd. {self.subdivision}"
        return self.section or self.chapter


def parse_cite(text: str) -> Cite | None:
    """'126C.10, subd. 2e' -> Cite('126C', '126C.10', '2e'); None when it is not a cite."""
    match = _CITE.match(text)
    if not match:
        return None
    chapter = match.group("chapter").upper()
    section = f"{chapter}.{match.group('section').upper()}" if match.group("section") else ""
    subdivision = (match.group("subdivision") or "").lower()
    if subdivision and not section:
        return None
    return Cite(chapter, section, subdivision)


def cite_of(record: StatuteRecord) -> Cite:
    """The Cite a bill's statute record points at (a bare chapter for new coding)."""
    chapter, _, _ = record.section.partition(".")
    section = record.section if "." in record.section else ""
    return Cite(chapter, section, record.subdivision if section else "")


def bill_statutes(texts: Iterable[str], listed: Iterable[str]) -> tuple[StatuteRecord, ...]:
    """Every statute a bill touches: from title-like texts and from a list of cite strings.

    Listed cites are taken as amended: that is what a bill-status source lists. Strings that
    are not cites are skipped. A bare section is dropped when the same section is also named
    with a subdivision: the subdivision says more ("126C.10" beside "126C.10, subd. 2e").
    """
    records: list[StatuteRecord] = []
    for text in texts:
        if text and "statutes" in text.lower():
            records.extend(statutes_in_title(text))
    for item in listed:
        cite = parse_cite(item)
        if cite is None:
            continue
        change = StatuteChange.AMENDED if cite.section else StatuteChange.NEW_CODING
        records.append(StatuteRecord(cite.section or cite.chapter, change, cite.subdivision))
    with_subdivision = {record.section for record in records if record.subdivision}
    return tuple(
        record
        for record in dedupe(records)
        if record.subdivision or record.section not in with_subdivision
    )
