from datetime import date

import pytest

from tracker.rules.periods import between, parse_quarter, quarter_of


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026q2", date(2026, 4, 1), date(2026, 6, 30)),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
        (" 2026Q4 ", date(2026, 10, 1), date(2026, 12, 31)),
        ("2024Q1", date(2024, 1, 1), date(2024, 3, 31)),
    ],
)
def test_quarters(text: str, start: date, end: date) -> None:
    period = parse_quarter(text)
    assert (period.start, period.end) == (start, end)
    assert start in period and end in period and date(start.year - 1, 12, 31) not in period


@pytest.mark.parametrize("text", ["2026Q5", "Q2 2026", "2026", ""])
def test_not_a_quarter(text: str) -> None:
    with pytest.raises(ValueError, match="not a quarter"):
        parse_quarter(text)


def test_the_period_before() -> None:
    assert parse_quarter("2026Q1").previous().label == "2025Q4"
    assert parse_quarter("2026Q3").previous() == parse_quarter("2026Q2")
    week = between(date(2026, 3, 9), date(2026, 3, 15))
    assert (week.previous().start, week.previous().end) == (date(2026, 3, 2), date(2026, 3, 8))
    assert quarter_of(date(2026, 5, 18)).label == "2026Q2"
    with pytest.raises(ValueError):
        between(date(2026, 3, 9), date(2026, 3, 1))
