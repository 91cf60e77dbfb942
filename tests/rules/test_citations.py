"""Statutes read from a title clause and from section openings."""

from __future__ import annotations

from tracker.records.bills import StatuteRecord
from tracker.rules.citations import statutes_in_section, statutes_in_title
from tracker.vocab import StatuteChange as C


def cited(records: list[StatuteRecord]) -> list[tuple[str, str, str]]:
    return [(r.section, r.subdivision, r.change.value) for r in records]


def test_title_clause_with_every_kind_of_change() -> None:
    title = (
        "A bill for an act relating to education; amending Minnesota Statutes 2024, sections "
        "13.82, subdivision 15, by adding a subdivision; 120B.12, subdivisions 1, 2, and 2a; "
        "126C.10, subdivision 2; 116U.05; Laws 2023, chapter 18, article 4, section 2, "
        "subdivision 3; proposing coding for new law in Minnesota Statutes, chapters 124D; 626; "
        "repealing Minnesota Statutes 2024, sections 122A.06, subdivision 4; 123B.92."
    )
    assert cited(statutes_in_title(title)) == [
        ("13.82", "15", "amended"),
        ("120B.12", "1", "amended"),
        ("120B.12", "2", "amended"),
        ("120B.12", "2a", "amended"),
        ("126C.10", "2", "amended"),
        ("116U.05", "", "amended"),
        ("124D", "", "new_coding"),
        ("626", "", "new_coding"),
        ("122A.06", "4", "repealed"),
        ("123B.92", "", "repealed"),
    ]
    assert {r.statutes_year for r in statutes_in_title(title) if r.change is C.AMENDED} == {2024}


def test_titles_without_statutes() -> None:
    assert (
        statutes_in_title(
            "A bill for an act relating to capital investment; appropriating money for a park."
        )
        == []
    )


def test_section_openings() -> None:
    assert cited(
        statutes_in_section(
            "Minnesota Statutes 2024, section 126C.10, subdivision 2, is amended to read:"
        )
    ) == [("126C.10", "2", "amended")]
    assert cited(
        statutes_in_section(
            "Minnesota Statutes 2024, section 13.32, is amended by adding a subdivision to read:"
        )
    ) == [("13.32", "", "amended")]
    assert cited(statutes_in_section("[124D.995] LITERACY COACHES.")) == [
        ("124D.995", "", "new_coding")
    ]
    assert cited(
        statutes_in_section(
            "(a) Minnesota Statutes 2024, sections 122A.06, subdivision 4; and 122A.07, "
            "are repealed."
        )
    ) == [("122A.06", "4", "repealed"), ("122A.07", "", "repealed")]
    assert statutes_in_section("$500,000 in fiscal year 2026 is appropriated.") == []
