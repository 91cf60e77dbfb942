"""What changed between two versions of a bill (tracker/rules/versions.py): sections matched
by statute and heading across renumbering, words inserted and struck, money moved."""

from __future__ import annotations

from decimal import Decimal

import lxml.html
import pytest

from spiders.parsing.sections import parse_sections
from tests.conftest import FILES
from tracker.records.bill_text import SectionRecord, TextRun
from tracker.rules.versions import VersionChanges, compare, match_sections, word_edits
from tracker.vocab import TextMark

BIENNIUM = (2026, 2027)


def sections_of(name: str) -> tuple[SectionRecord, ...]:
    return parse_sections(lxml.html.fromstring((FILES / name).read_bytes()))


@pytest.fixture(scope="module")
def changes() -> VersionChanges:
    return compare(
        sections_of("mn_bills_text_HF4127_v1.html"),
        sections_of("mn_bills_text_HF4127_v2.html"),
        biennium=BIENNIUM,
    )


def test_added_and_removed_sections(changes: VersionChanges) -> None:
    assert [(s.label, s.heading) for s in changes.added] == [
        ("article 1, section 1", "Free school meals program.")
    ]
    assert [(s.label, s.heading) for s in changes.removed] == [
        ("article 2, section 2", "Definitions.")
    ]


def test_renumbered_sections_are_matched_by_what_they_are(changes: VersionChanges) -> None:
    moved = {(c.before.label, c.after.label) for c in changes.renumbered}
    assert moved == {
        ("article 1, section 1", "article 1, section 2"),  # by statute 126C.10, subd. 2
        ("article 2, section 3", "article 2, section 2"),  # by heading APPROPRIATIONS.
    }
    unchanged = [c for c in changes.matched if not c.changed]
    assert [c.after.heading for c in unchanged] == ["Special education aid."]


def test_words_inserted_and_struck_within_a_section(changes: VersionChanges) -> None:
    basic = next(c for c in changes.changed if c.after.heading == "Basic revenue.")
    assert [(e.struck, e.inserted) for e in basic.edits] == [("$7,551", "$7,602")]
    appropriations = next(c for c in changes.changed if c.after.heading == "APPROPRIATIONS.")
    struck = " ".join(e.struck for e in appropriations.edits)
    assert "$4,000,000 in fiscal year 2027 is for grants" in struck


def test_money_moved_between_versions(changes: VersionChanges) -> None:
    moves = {
        (m.what.purpose, m.what.fiscal_years): (
            m.before.dollars if m.before else None,
            m.after.dollars if m.after else None,
        )
        for m in changes.money
    }
    assert moves == {
        ("basic formula allowance", (2027,)): (Decimal(7551), Decimal(7602)),
        ("special education aid", (2027,)): (Decimal(2488011000), Decimal(2501400000)),
        ("grants to school districts for paraprofessional training", (2027,)): (
            Decimal(4000000),
            None,
        ),
    }


def test_money_against_current_law(changes: VersionChanges) -> None:
    assert [(c.before.dollars, c.after.dollars, c.after.purpose) for c in changes.current_law] == [
        (Decimal(7481), Decimal(7602), "basic formula allowance")
    ]


def section(number: int, heading: str, text: str) -> SectionRecord:
    return SectionRecord(number=number, heading=heading, runs=(TextRun(TextMark.SAME, text),))


def test_sections_without_statutes_or_headings_match_by_similar_text() -> None:
    before = [section(1, "", "The commissioner must report on school meals by March 1, 2027.")]
    after = [
        section(1, "", "Each district must post its calendar online."),
        section(2, "", "The commissioner must report on school meals by March 15, 2027."),
    ]
    [(old, new)] = match_sections(before, after)
    assert new.number == 2
    assert word_edits(old.text, new.text)[0].inserted == "15,"


def test_the_same_text_has_no_edits() -> None:
    assert word_edits("a b c", "a b c") == ()
    assert compare([], [], biennium=BIENNIUM).any is False
