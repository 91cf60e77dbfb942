"""A bill-text page read as marked sections (spiders/parsing/sections.py), on saved pages in
the Revisor's current layout."""

from __future__ import annotations

import lxml.html

from spiders.parsing.sections import parse_sections
from tests.conftest import FILES
from tracker.records.bill_text import SectionRecord
from tracker.vocab import StatuteChange, TextMark


def sections_of(name: str) -> tuple[SectionRecord, ...]:
    return parse_sections(lxml.html.fromstring((FILES / name).read_bytes()))


def test_articles_sections_headings_and_statutes() -> None:
    sections = sections_of("mn_bills_text_HF4127_v1.html")
    assert [(s.article, s.number) for s in sections] == [(1, 1), (2, 1), (2, 2), (2, 3)]
    assert [s.article_heading for s in sections] == [
        "GENERAL EDUCATION",
        "SPECIAL EDUCATION",
        "SPECIAL EDUCATION",
        "SPECIAL EDUCATION",
    ]
    assert [s.heading for s in sections] == [
        "Basic revenue.",
        "Special education aid.",
        "Definitions.",
        "APPROPRIATIONS.",
    ]
    assert [(st.section, st.subdivision) for st in sections[0].statutes] == [("126C.10", "2")]
    assert sections[3].statutes == ()
    assert sections[3].label == "article 2, section 3"


def test_stricken_and_underscored_text_keep_their_marks_without_screen_reader_words() -> None:
    basic = sections_of("mn_bills_text_HF4127_v1.html")[0]
    assert [(run.mark, run.text) for run in basic.runs if run.mark is not TextMark.SAME] == [
        (TextMark.STRUCK, "$7,481"),
        (TextMark.INSERTED, "$7,551"),
    ]
    assert "text begin" not in basic.text and "text end" not in basic.text
    assert "The basic formula allowance is $7,551 for fiscal year 2027." in basic.text
    assert "The basic formula allowance is $7,481 for fiscal year 2027." in basic.current_law
    assert basic.text.startswith("Minnesota Statutes 2025, section 126C.10, subdivision 2")
    assert "Section 1." not in basic.text, "the number heading is not the section's text"


def test_sections_without_articles_new_law_and_a_repealer() -> None:
    sections = sections_of("mn_bills_text_HF409_0.html")
    assert [(s.article, s.number, s.heading) for s in sections] == [
        (None, 1, "Local optional revenue."),
        (None, 2, "[126C.105] LOCAL OPTIONAL AID REPORT."),
        (None, 3, "REPEALER."),
    ]
    assert [(st.section, st.change) for st in sections[1].statutes] == [
        ("126C.105", StatuteChange.NEW_CODING)
    ]
    assert [(st.section, st.subdivision, st.change) for st in sections[2].statutes] == [
        ("126C.10", "2f", StatuteChange.REPEALED)
    ]
    assert sections[0].text.count("\n\n") >= 3, "paragraphs stay apart"


def test_a_page_without_sections_has_none() -> None:
    page = lxml.html.fromstring("<html><body><div id='document'><p>Text</p></div></body></html>")
    assert parse_sections(page) == ()
