"""Dollar amounts in bill text: the labeled real wording of tests/files/money_wording.jsonl,
measured as precision and recall, and the same reader on a real omnibus when ../shared has it."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from tests.conftest import FILES, SHARED
from tracker.records.bill_text import TextRun
from tracker.rules.money import Money, MoneyKind, law_changes, money_in, normalized
from tracker.vocab import TextMark

BIENNIUM = (2026, 2027)
_MARKUP = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}", re.S)


def runs_of(text: str) -> list[TextRun]:
    """'[-old-]' stricken and '{+new+}' underscored, as the Revisor marks them."""
    runs, position = [], 0
    for match in _MARKUP.finditer(text):
        runs.append(TextRun(TextMark.SAME, text[position : match.start()]))
        if match.group(1) is not None:
            runs.append(TextRun(TextMark.STRUCK, match.group(1)))
        else:
            runs.append(TextRun(TextMark.INSERTED, match.group(2)))
        position = match.end()
    runs.append(TextRun(TextMark.SAME, text[position:]))
    return runs


def load_wording() -> list[dict[str, object]]:
    lines = (FILES / "money_wording.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


WORDING = load_wording()


def agrees(found: Money, expected: list[object]) -> bool:
    dollars, years, kind, purpose, mark = expected
    return (
        found.dollars == Decimal(str(dollars))
        and found.fiscal_years == tuple(years)  # type: ignore[arg-type]
        and found.kind == MoneyKind(kind)
        and found.mark == TextMark(mark)
        and normalized(str(purpose)) in normalized(found.purpose)
    )


def scores() -> tuple[float, float, list[str]]:
    found_right = found_total = expected_right = expected_total = 0
    misses = []
    for row in WORDING:
        found = money_in(runs_of(str(row["text"])), biennium=BIENNIUM)
        expected = row["expected"]
        assert isinstance(expected, list)
        found_total += len(found)
        expected_total += len(expected)
        found_right += sum(any(agrees(f, e) for e in expected) for f in found)
        hits = sum(any(agrees(f, e) for f in found) for e in expected)
        expected_right += hits
        if hits < len(expected):
            misses.append(str(row["id"]))
    return found_right / found_total, expected_right / expected_total, misses


def test_the_labeled_wording_is_read_with_high_precision_and_recall() -> None:
    precision, recall, misses = scores()
    print(f"money wording: precision {precision:.3f}, recall {recall:.3f}, missed in {misses}")
    assert len(WORDING) >= 15
    assert precision >= 0.9 and recall >= 0.9, misses


@pytest.mark.parametrize("row", WORDING, ids=[str(r["id"]) for r in WORDING])
def test_every_amount_in_the_wording_is_found(row: dict[str, object]) -> None:
    """Each labeled dollar amount is found, whatever else is said of it."""
    found = {m.dollars for m in money_in(runs_of(str(row["text"])), biennium=BIENNIUM)}
    expected = row["expected"]
    assert isinstance(expected, list)
    assert {Decimal(str(e[0])) for e in expected} <= found


def test_a_stricken_amount_and_the_one_in_its_place_are_a_change_of_current_law() -> None:
    money = money_in(runs_of(str(WORDING[0]["text"])), biennium=BIENNIUM)
    [change] = law_changes(money)
    assert (change.before.dollars, change.after.dollars) == (Decimal(7281), Decimal(7481))
    assert change.after.purpose == "basic formula allowance"
    assert change.after.fiscal_years == (2025,)


def test_amounts_followed_by_punctuation_and_cents() -> None:
    text = "Up to $500,000, or $12.50 a pupil, and $3,000."
    assert [m.dollars for m in money_in(runs_of(text), biennium=BIENNIUM)] == [
        Decimal(500000),
        Decimal("12.50"),
        Decimal(3000),
    ]


SF1832 = SHARED / "data" / "mn_real" / "alethical_bill-sf1832.json"
_SCREEN_READER = re.compile(r"(new|deleted) text (begin|end)")


def screen_reader_runs(text: str) -> list[TextRun]:
    """Text as a screen reader reads the Revisor's page ("deleted text begin ...")."""
    runs, mark, position = [], TextMark.SAME, 0
    for match in _SCREEN_READER.finditer(text):
        runs.append(TextRun(mark, text[position : match.start()]))
        begins = match.group(2) == "begin"
        kind = TextMark.INSERTED if match.group(1) == "new" else TextMark.STRUCK
        mark = kind if begins else TextMark.SAME
        position = match.end()
    runs.append(TextRun(mark, text[position:]))
    return runs


@pytest.mark.skipif(not SF1832.is_file(), reason="shared/data/mn_real is not on this machine")
def test_every_dollar_amount_of_a_real_omnibus_is_read() -> None:
    """SF 1832 (2025, 2nd unofficial engrossment): every "$" amount is found, "each year"
    amounts carry both years of the biennium, and appropriations say what they fund."""
    bill = json.loads(SF1832.read_text(encoding="utf-8"))
    total = found_total = each_year = each_year_right = appropriations = with_purpose = 0
    for article in bill["bill_text"]["articles"]:
        for section in article["sections"]:
            text = section["text"]
            money = money_in(screen_reader_runs(text), biennium=BIENNIUM)
            total += len(re.findall(r"\$\s?\d", text))
            found_total += sum(1 for m in money if m.kind is not MoneyKind.TABLE)
            for match in re.finditer(r"\$\s?[\d,]+\d each year", text):
                each_year += 1
                dollars = Decimal(re.sub(r"[^\d]", "", match.group(0).split(" each")[0]))
                each_year_right += any(
                    m.dollars == dollars and m.fiscal_years == BIENNIUM for m in money
                )
            for m in money:
                if m.kind is MoneyKind.APPROPRIATION:
                    appropriations += 1
                    with_purpose += len(m.purpose.split()) >= 2
    print(
        f"SF 1832: {found_total} of {total} '$' amounts read; 'each year' with both years "
        f"{each_year_right}/{each_year}; appropriations with a purpose "
        f"{with_purpose}/{appropriations}"
    )
    assert found_total >= 0.98 * total
    assert each_year_right >= 0.95 * each_year
    assert with_purpose >= 0.95 * appropriations
